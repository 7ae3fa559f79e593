package dev.accountadmin.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.ConsoleHandler;
import java.util.logging.FileHandler;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** A green build reads clean: the errors tests provoke on purpose go to a file, not the console. */
final class QuietBuildTest {
  @Test
  void theTestsLog_toAFileUnderTarget_notToTheConsole() {
    var handlers = Logger.getLogger("").getHandlers();
    assertThat(handlers).noneMatch(h -> h instanceof ConsoleHandler);
    assertThat(handlers).anyMatch(h -> h instanceof FileHandler);
  }
}
