package dev.accountadmin.domain;

/** What a caller does; permissions and audit records name it. Matches {@code accountadmin.v1.Action}. */
public enum Action {
  READ,
  CREATE_USER,
  RESET_PASSWORD,
  REVOKE_SESSIONS,
  CLEAR_LOCKOUT,
  BLOCK_SIGN_IN,
  ALLOW_SIGN_IN,
  DELETE_USER,
  UNDELETE_USER,
  OFFBOARD_USER,
  RESTORE_USER,
  SET_MAIL_PROTOCOLS,
  RESTRICT_SENDING,
  LIFT_SENDING_RESTRICTION,
  MANAGE_ADMIN_ROLES,
  SIGN_IN,
  CHANGE_PASSWORD,
  UNLOCK_USER,
  SECURE_COMPROMISED_USER,
  SUBMIT_MESSAGE,
  WIPE_DEVICES,
  BLOCK_DEVICES,
  // Groups and licences (issue 13, part 4).
  MANAGE_GROUP_MEMBERSHIPS,
  MANAGE_LICENCES,
  // Authentication methods (issue 13, part 3).
  MANAGE_AUTH_METHODS,
  REGISTER_AUTH_METHOD,
  // Templates and schedules (issue 13, parts 5 and 7).
  SCHEDULE_OFFBOARDING,
  MANAGE_OFFBOARDING_TEMPLATE,
  MANAGE_FILES_ACCESS,
  // The mailbox (issue 13, part 1).
  MANAGE_FORWARDING,
  MANAGE_AUTO_REPLIES,
  MANAGE_SHARED_MAILBOX,
  MANAGE_ADDRESS_LIST,
  MANAGE_INBOX_RULES,
  MANAGE_LITIGATION_HOLD,
  /** A user creating a rule for their own inbox. */
  CREATE_INBOX_RULE,
  /** A user opening a mailbox: their own, or a shared one they are a delegate of. */
  OPEN_MAILBOX,
  // Self-service (issue 14, part 3).
  /** A user who cannot sign in begins proving who they are. */
  BEGIN_RECOVERY,
  /** A user who proved who they are clears their lockout or sets a new password. */
  COMPLETE_RECOVERY
}
