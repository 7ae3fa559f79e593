package dev.accountadmin.client.cli;

import dev.accountadmin.client.AccountAdminException;
import io.grpc.Status;

/** The CLI's exit codes; scripts rely on them, and {@code acctadmin --help} lists them. */
final class ExitCode {
  static final int OK = 0;
  /** The call went through but at least one step failed or was denied. */
  static final int STEP_FAILED = 1;
  static final int USAGE = 2;
  static final int NOT_AUTHENTICATED = 3;
  static final int PERMISSION_DENIED = 4;
  static final int NOT_FOUND = 5;
  static final int SERVER_UNREACHABLE = 6;
  /** Any other error the server reported (a conflict, an internal error), or a tampered audit log. */
  static final int ERROR = 7;
  /** The user is not in a state that allows the action: nothing to restore, not deleted, deleted. */
  static final int PRECONDITION = 8;

  private ExitCode() {}

  static int of(AccountAdminException e) {
    if (AccountAdminException.SERVER_UNAVAILABLE.equals(e.reason())) {
      return SERVER_UNREACHABLE;
    }
    return of(e.code());
  }

  static int of(Status.Code code) {
    return switch (code) {
      case UNAUTHENTICATED -> NOT_AUTHENTICATED;
      case PERMISSION_DENIED -> PERMISSION_DENIED;
      case NOT_FOUND -> NOT_FOUND;
      case INVALID_ARGUMENT -> USAGE;
      case UNAVAILABLE -> SERVER_UNREACHABLE;
      case FAILED_PRECONDITION -> PRECONDITION;
      default -> ERROR;
    };
  }
}
