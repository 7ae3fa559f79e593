package dev.accountadmin.failure;

/**
 * Why a call failed. One enum drives the {@code ErrorInfo.reason}, the bundle key
 * {@code error.<REASON>} and the gRPC code (see {@code ErrorStatus}), so a new reason does not
 * compile until it is mapped.
 */
public enum Reason {
  INVALID_ARGUMENT,
  /** The request bytes are not the method's request message: random bytes, truncated, bad UTF-8. */
  MALFORMED_REQUEST,
  /** The call's metadata (headers) is larger than the server accepts. */
  METADATA_TOO_LARGE,
  UNAUTHENTICATED,
  TOKEN_EXPIRED,
  SESSION_REVOKED,
  INVALID_CREDENTIALS,
  ACCOUNT_LOCKED,
  SIGN_IN_THROTTLED,
  SIGN_IN_BLOCKED,
  PROTOCOL_DISABLED,
  PASSWORD_CHANGE_REQUIRED,
  PASSWORD_TOO_WEAK,
  PERMISSION_DENIED,
  /** No admin role at all, so not even reading: there is no target user to name. */
  READ_DENIED,
  STEPS_DENIED,
  USER_NOT_FOUND,
  USER_ALREADY_EXISTS,
  USER_DELETED,
  USER_NOT_DELETED,
  USER_PURGED,
  NOT_OFFBOARDED,
  SENDING_RESTRICTED,
  MAIL_CLIENT_REQUIRED,
  OUTBOUND_LIMIT_EXCEEDED,
  REQUEST_ID_REUSED,
  BATCH_NOT_FOUND,
  /** A mobile device whose syncs an admin (or an offboarding) blocked. */
  DEVICE_BLOCKED,
  /** A mobile device that received its wipe: it syncs no more. */
  DEVICE_WIPED,
  /** No mobile device of the user has this id. */
  DEVICE_NOT_FOUND,
  CONCURRENT_MODIFICATION,
  NOT_IMPLEMENTED,
  /** Restore could not re-assign a licence: every seat of the product is taken. */
  LICENCE_SEATS_EXHAUSTED,
  // The mailbox (issue 13, part 1).
  /** A shared mailbox has no sign-in of its own: its delegates open it with theirs. */
  MAILBOX_SHARED,
  /** Opening a mailbox that is neither the caller's own nor a shared one they are a delegate of. */
  MAILBOX_ACCESS_DENIED,
  /** The forwarding target is no user of the directory (or was deleted). */
  FORWARDING_TARGET_NOT_FOUND,
  /** A mailbox cannot forward to itself. */
  FORWARDING_TO_SELF,
  /** A delegate named for a shared mailbox is no user of the directory (or was deleted). */
  DELEGATE_NOT_FOUND,
  /** A mailbox's own user cannot be its delegate. */
  DELEGATE_IS_MAILBOX_OWNER,
  // Templates and schedules (issue 13, parts 5 and 7).
  /** No scheduled offboarding has this id. */
  SCHEDULE_NOT_FOUND,
  /** The scheduled offboarding already ran, failed or was cancelled: it can no longer change. */
  SCHEDULE_NOT_PENDING,
  /** The scheduled offboarding changed since the version the caller read. */
  SCHEDULE_VERSION_MISMATCH,
  /** The caller may not schedule (or change, or cancel) an offboarding of this user. */
  SCHEDULE_DENIED,
  /** The template changed since the version the caller read. */
  TEMPLATE_VERSION_MISMATCH,
  /** Only a global admin may change the offboarding template. */
  TEMPLATE_DENIED,
  // Authentication methods (issue 13, part 3).
  /** The password was right; the user has an authenticator app and no code came with it. */
  MFA_CODE_REQUIRED,
  /** The authenticator code is wrong, or from too far from now; counts toward the lockout. */
  MFA_CODE_INVALID,
  /** The authenticator code already signed in once (a replay). */
  MFA_CODE_ALREADY_USED,
  /** The session may only register an authenticator: a re-registration is required. */
  MFA_REGISTRATION_REQUIRED,
  /** The user has no authentication method with this id. */
  METHOD_NOT_FOUND,
  /** No unconfirmed authenticator registration of the caller has this id. */
  TOTP_REGISTRATION_NOT_FOUND,
  /** A mail app that cannot ask for a code (POP3, IMAP, SMTP AUTH) needs an app password from a user with MFA. */
  APP_PASSWORD_REQUIRED,
  INTERNAL,
  // External directories (issue 15).
  /** An external directory did not answer; the call may be retried (with the same request_id). */
  DIRECTORY_UNAVAILABLE,
  /** An external directory refused a change: its service account lacks a right, or its policy forbids it. */
  DIRECTORY_REFUSED,
  /** A step the user's directory has no counterpart for: a step result's reason, never a call's. */
  STEP_NOT_APPLICABLE,
  // Self-service (issue 14, part 3).
  /** Too many self-service attempts for this user name or from this client address; RetryInfo says when. */
  SELF_SERVICE_THROTTLED,
  /** The recovery's code is wrong (or was used already); metadata attemptsLeft. */
  RECOVERY_CODE_INVALID,
  /** The recovery is over: it ran out, used its last attempt, completed, or never was. */
  RECOVERY_EXPIRED
}
