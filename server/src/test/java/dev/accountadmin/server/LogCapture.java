package dev.accountadmin.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Records every log line the server writes during the test suite, and every secret the tests
 * use, so that {@link LogScan} can prove after the suite that no secret reached a log.
 */
final class LogCapture {
  static final Path DIR = Path.of("target", "test-logs");
  static final Path LOG = DIR.resolve("server.log");
  static final Path SECRETS = DIR.resolve("secrets.txt");
  private static final Logger OURS = Logger.getLogger("dev.accountadmin");
  private static boolean installed;

  private LogCapture() {}

  /** Sends every log record (all levels, every logger) to {@link #LOG}. */
  static synchronized void install() {
    if (installed) {
      return;
    }
    installed = true;
    try {
      Files.createDirectories(DIR);
      if (!Files.exists(LOG)) {
        Files.createFile(LOG);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    var root = Logger.getLogger("");
    // Everything the server itself logs, down to FINE; libraries at their usual INFO.
    OURS.setLevel(Level.FINE);
    var formatter = new SimpleFormatter();
    root.addHandler(new Handler() {
      @Override
      public synchronized void publish(LogRecord record) {
        append(LOG, formatter.format(record));
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    });
  }

  /** Remembers a password or token the tests used. */
  static void secret(String value) {
    if (value != null && !value.isEmpty()) {
      append(SECRETS, value + "\n");
    }
  }

  private static synchronized void append(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
