package dev.accountadmin.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reset-password} sets a password somebody knows, or one nobody is meant to: into a pipe
 * (tests have no terminal), a generated password that would not be printed is refused unchanged.
 */
final class ResetPasswordCommandTest {
  static final String USER = "megan.bowen@contoso.com";

  @TempDir Path dir;
  CliServer cli;

  @BeforeEach
  void start() throws Exception {
    cli = new CliServer(dir);
    cli.login();
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  // The user's password is still the demo one: nothing was reset.
  boolean passwordUnchanged() {
    var signIn = cli.runWithInput(CliServer.DEMO_PASSWORD + "\n", "login", "--user", USER, "--password-stdin");
    cli.login();
    return signIn.code() == ExitCode.OK;
  }

  @Test
  void intoAPipe_refusesBeforeResetting() {
    var run = cli.run("--locale", "en", "reset-password", USER);

    assertThat(run.code()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).startsWith("The password of " + USER + " was not reset:").contains("--show-password", "--undisclosed");
    assertThat(passwordUnchanged()).isTrue();
  }

  @Test
  void json_withoutShowPassword_refusesToo() {
    var run = cli.run("--locale", "ro", "--output", "json", "reset-password", USER);

    assertThat(run.code()).isEqualTo(ExitCode.USAGE);
    assertThat(run.out()).contains("PASSWORD_NOT_SHOWN").contains("nu a fost resetată");
    assertThat(passwordUnchanged()).isTrue();
  }

  @Test
  void showPassword_resetsAndPrintsIt() {
    var run = cli.run("--locale", "en", "reset-password", USER, "--show-password");

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("Temporary password (shown once): ");
    assertThat(passwordUnchanged()).isFalse();
  }

  @Test
  void undisclosed_resetsWithoutShowingAnything() {
    var run = cli.run("--locale", "en", "reset-password", USER, "--undisclosed");

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).doesNotContain("Temporary password");
    assertThat(passwordUnchanged()).isFalse();
  }

  @Test
  void dryRun_intoAPipe_isAllowed() {
    var run = cli.run("--locale", "en", "reset-password", USER, "--dry-run");

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(passwordUnchanged()).isTrue();
  }
}
