package dev.accountadmin.client.cli;

import java.util.UUID;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What every single-step command takes: the user, and --dry-run for the server's plan. */
final class StepTarget {
  @Parameters(paramLabel = "USER", descriptionKey = "USER", description = "User principal name, e.g. alex@contoso.com.")
  String user;

  @Option(names = "--dry-run", description = "Show what would change, change nothing.")
  boolean dryRun;

  String name() {
    return "users/" + user;
  }

  /** A fresh request id per run: a retry inside the client returns the first answer. */
  static String requestId() {
    return UUID.randomUUID().toString();
  }
}
