package dev.accountadmin.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code login} and {@code logout} as a new user meets them; tests have no terminal. */
final class SessionCommandsTest {
  @TempDir Path dir;
  CliServer cli;

  @BeforeEach
  void start() throws Exception {
    cli = new CliServer(dir);
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  @Test
  void logout_twice_saysTheSecondTimeThatYouWereNotSignedIn() {
    cli.login();

    var first = cli.run("--locale", "en", "logout");
    var second = cli.run("--locale", "en", "logout");

    assertThat(first.code()).isZero();
    assertThat(first.out()).startsWith("Signed out");
    assertThat(second.code()).isZero();
    assertThat(second.out()).startsWith("You were not signed in to 127.0.0.1:").doesNotContain("Signed out");
  }

  @Test
  void logout_neverSignedIn_inSwedish() {
    var run = cli.run("--locale", "sv", "logout");

    assertThat(run.out()).startsWith("Du var inte inloggad på ");
  }

  @Test
  void login_withoutUser_offATerminal_isAUsageError() {
    var run = cli.runWithInput(CliServer.PASSWORD + "\n", "--locale", "nl", "login", "--password-stdin");

    assertThat(run.code()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).startsWith("De optie --user is verplicht.\n");
    assertThat(Files.exists(dir.resolve("config/acctadmin/credentials"))).isFalse();
  }
}
