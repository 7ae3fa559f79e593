package dev.accountadmin.client.cli;

import java.util.Map;
import picocli.CommandLine;

/**
 * A usage error the CLI finds itself, after parsing (a malformed --server, a password nobody
 * would see): reported like picocli's own, localized from {@code key}, with exit code 2.
 */
final class UsageError extends CommandLine.ParameterException {
  final String reason;
  final String key;
  final Map<String, Object> args;
  final String field;

  /**
   * @param field the option at fault, e.g. {@code --server}
   * @param reason the ErrorInfo reason a script sees in JSON, e.g. {@code INVALID_SERVER}
   * @param key the bundle key of the sentence, rendered with {@code args}
   */
  UsageError(CommandLine commandLine, String field, String reason, String key, Map<String, Object> args) {
    // The message is for stack traces only; the reader gets the localized sentence.
    super(commandLine, reason + " " + args.keySet());
    this.reason = reason;
    this.key = key;
    this.args = Map.copyOf(args);
    this.field = field;
  }
}
