package dev.accountadmin.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashSet;

/**
 * Runs after the test suite (the build's verify phase): fails if any password or token the
 * tests used appears anywhere in what the server logged during the suite.
 */
public final class LogScan {
  private LogScan() {}

  /** {@code args[0]}: the folder the tests wrote {@code server.log} and {@code secrets.txt} to. */
  public static void main(String[] args) throws IOException {
    var dir = java.nio.file.Path.of(args[0]);
    var logFile = dir.resolve(LogCapture.LOG.getFileName());
    var secretsFile = dir.resolve(LogCapture.SECRETS.getFileName());
    if (!Files.exists(secretsFile) || !Files.exists(logFile)) {
      throw new IllegalStateException("no test logs in " + dir.toAbsolutePath() + ": did the tests run?");
    }
    var log = Files.readString(logFile, StandardCharsets.UTF_8);
    var secrets = new HashSet<>(Files.readAllLines(secretsFile, StandardCharsets.UTF_8));
    long leaked = secrets.stream().filter(secret -> !secret.isBlank() && log.contains(secret)).count();
    if (leaked > 0) {
      // Not even a prefix of a leaked secret is repeated here: this message lands in the build log.
      throw new IllegalStateException(leaked + " of the secrets the tests used appear in " + logFile);
    }
    System.out.printf("Log scan: %d secrets, %d log lines, no secret in the log%n",
        secrets.size(), log.lines().count());
  }
}
