package dev.accountadmin.domain;

/**
 * The name of one kind of step; names match {@code accountadmin.v1.StepKind}, the bundles' keys
 * and the audit. What a step does lives in its {@link Step} record, one per kind.
 */
public enum StepKind {
  LIFT_SENDING_RESTRICTION,
  CLEAR_LOCKOUT,
  RESET_PASSWORD,
  ALLOW_SIGN_IN,
  REVOKE_SESSIONS,
  BLOCK_SIGN_IN,
  SET_MAIL_PROTOCOLS,
  REMOVE_ADMIN_ROLES,
  ASSIGN_ADMIN_ROLES,
  RESTRICT_SENDING,
  WIPE_DEVICES,
  BLOCK_DEVICES,
  UNBLOCK_DEVICES,
  CANCEL_DEVICE_WIPES,
  // Groups and licences (issue 13, part 4); the restoring kinds are restore's undo of the first two.
  REMOVE_GROUP_MEMBERSHIPS,
  REMOVE_LICENCES,
  RESTORE_GROUP_MEMBERSHIPS,
  RESTORE_LICENCES,
  // Authentication methods (issue 13, part 3); RESTORE_AUTH_METHODS is restore's undo of the first,
  // REVIEW_ADMIN_ROLES the compromised-account response's report before the restriction is lifted.
  REMOVE_AUTH_METHODS,
  REQUIRE_REREGISTRATION,
  LIFT_REREGISTRATION,
  RESTORE_AUTH_METHODS,
  REVIEW_ADMIN_ROLES,
  // Deleting the account (issue 13, the seventh leaver step); the second is restore's undo of the first.
  DELETE_USER,
  UNDELETE_USER,
  // Keeping the files for a colleague (the sixth leaver step); the second is restore's undo of the first.
  GRANT_FILES_ACCESS,
  REVOKE_FILES_ACCESS,
  // The mailbox (issue 13, part 1); each restoring kind is restore's undo of the one before it,
  // and REMOVE_FORWARDING is the compromised-account response's (and the admin's by hand).
  PLACE_LITIGATION_HOLD,
  REMOVE_LITIGATION_HOLD,
  REMOVE_FLAGGED_INBOX_RULES,
  REPORT_DELETED_INBOX_RULES,
  CONVERT_TO_SHARED,
  CONVERT_TO_USER_MAILBOX,
  SET_FORWARDING,
  RESTORE_FORWARDING,
  REMOVE_FORWARDING,
  SET_AUTO_REPLIES,
  RESTORE_AUTO_REPLIES,
  HIDE_FROM_ADDRESS_LIST,
  SHOW_IN_ADDRESS_LIST
}
