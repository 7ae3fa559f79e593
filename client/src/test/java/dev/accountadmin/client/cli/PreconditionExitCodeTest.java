package dev.accountadmin.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An action the user's state does not allow (nothing to restore) has its own documented exit code, 8. */
final class PreconditionExitCodeTest {
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

  @Test
  void restore_userNotOffboarded_exitsPreconditionAndSaysThereIsNothingToUndo() {
    var run = cli.run("--locale", "en", "restore", "adele.vance@contoso.com");

    assertThat(run.code()).isEqualTo(ExitCode.PRECONDITION).isEqualTo(8);
    assertThat(run.err()).contains("adele.vance@contoso.com has not been offboarded, so there is no offboarding to undo.");
  }

  @Test
  void help_documentsTheExitCode() {
    var help = cli.run("--locale", "en", "--help");

    assertThat(help.out()).contains("8   not possible in the user's current state (e.g. nothing to restore)");
  }
}
