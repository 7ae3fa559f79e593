package dev.accountadmin.server;

import java.util.Map;

/**
 * A reason the server will not start that the operator can fix: a message key ({@code
 * server.<kind>}) with its arguments, and the exit code the launcher returns (README, "Server exit
 * codes"). Thrown before the directory is bootstrapped, so nothing was printed or created.
 */
public final class StartupFailure extends RuntimeException {
  /** Each kind of failure, with its exit code; 1 is any other failure, 2 a usage error. */
  public enum Kind {
    // A usage error, as picocli's own are: the operator chose a password hash that is too weak.
    WEAK_PASSWORD_HASH(2),
    PORT_IN_USE(3),
    DATABASE_READABLE_BY_OTHERS(4),
    // A usage error too: the --directories file cannot be read, or a directory in it is not usable.
    DIRECTORIES_FILE_INVALID(2);

    final int exitCode;

    Kind(int exitCode) {
      this.exitCode = exitCode;
    }

    public int exitCode() {
      return exitCode;
    }
  }

  private final Kind kind;
  private final Map<String, Object> arguments;

  StartupFailure(Kind kind, Map<String, ?> arguments, Throwable cause) {
    super(kind + " " + arguments, cause);
    this.kind = kind;
    this.arguments = Map.copyOf(arguments);
  }

  public Kind kind() {
    return kind;
  }

  /** The message key: {@code server.PORT_IN_USE}, … */
  public String messageKey() {
    return "server." + kind.name();
  }

  public Map<String, Object> arguments() {
    return arguments;
  }
}
