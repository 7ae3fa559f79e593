package dev.accountadmin.server;

import dev.accountadmin.domain.Action;
import dev.accountadmin.domain.DeviceWipeState;
import dev.accountadmin.domain.AuditRecord;
import dev.accountadmin.domain.ClientApp;
import dev.accountadmin.domain.MailProtocol;
import dev.accountadmin.domain.Outcome;
import dev.accountadmin.domain.Permissions.TargetTier;
import dev.accountadmin.domain.ProcedureResult.Procedure;
import dev.accountadmin.domain.ProcedureResult.Recommendation;
import dev.accountadmin.domain.Role;
import dev.accountadmin.domain.SendingRestriction;
import dev.accountadmin.domain.StepKind;
import dev.accountadmin.server.auth.Authentication.Inactive;
import dev.accountadmin.v1.AdminRole;
import dev.accountadmin.v1.AuditOutcome;
import dev.accountadmin.v1.InactiveReason;
import dev.accountadmin.v1.SendingRestrictionReason;
import dev.accountadmin.v1.StepOutcome;

/**
 * Every enum pair between the domain and {@code accountadmin.v1}, as switch expressions: a value
 * added on either side without its counterpart does not compile. From the API, the unspecified
 * and unrecognized values are {@code null}; the caller knows which field to blame.
 */
final class ProtoEnums {
  private ProtoEnums() {}

  static AdminRole toProto(Role role) {
    return switch (role) {
      case GLOBAL_ADMIN -> AdminRole.ADMIN_ROLE_GLOBAL_ADMIN;
      case USER_ADMIN -> AdminRole.ADMIN_ROLE_USER_ADMIN;
      case HELPDESK_ADMIN -> AdminRole.ADMIN_ROLE_HELPDESK_ADMIN;
      case EXCHANGE_ADMIN -> AdminRole.ADMIN_ROLE_EXCHANGE_ADMIN;
      case SECURITY_ADMIN -> AdminRole.ADMIN_ROLE_SECURITY_ADMIN;
    };
  }

  static Role fromProto(AdminRole role) {
    return switch (role) {
      case ADMIN_ROLE_GLOBAL_ADMIN -> Role.GLOBAL_ADMIN;
      case ADMIN_ROLE_USER_ADMIN -> Role.USER_ADMIN;
      case ADMIN_ROLE_HELPDESK_ADMIN -> Role.HELPDESK_ADMIN;
      case ADMIN_ROLE_EXCHANGE_ADMIN -> Role.EXCHANGE_ADMIN;
      case ADMIN_ROLE_SECURITY_ADMIN -> Role.SECURITY_ADMIN;
      case ADMIN_ROLE_UNSPECIFIED, UNRECOGNIZED -> null;
    };
  }

  static dev.accountadmin.v1.MailProtocol toProto(MailProtocol protocol) {
    return switch (protocol) {
      case ACTIVE_SYNC -> dev.accountadmin.v1.MailProtocol.MAIL_PROTOCOL_ACTIVE_SYNC;
      case OUTLOOK_WEB -> dev.accountadmin.v1.MailProtocol.MAIL_PROTOCOL_OUTLOOK_WEB;
      case MAPI -> dev.accountadmin.v1.MailProtocol.MAIL_PROTOCOL_MAPI;
      case EWS -> dev.accountadmin.v1.MailProtocol.MAIL_PROTOCOL_EWS;
      case POP3 -> dev.accountadmin.v1.MailProtocol.MAIL_PROTOCOL_POP3;
      case IMAP -> dev.accountadmin.v1.MailProtocol.MAIL_PROTOCOL_IMAP;
      case SMTP_AUTH -> dev.accountadmin.v1.MailProtocol.MAIL_PROTOCOL_SMTP_AUTH;
    };
  }

  static MailProtocol fromProto(dev.accountadmin.v1.MailProtocol protocol) {
    return switch (protocol) {
      case MAIL_PROTOCOL_ACTIVE_SYNC -> MailProtocol.ACTIVE_SYNC;
      case MAIL_PROTOCOL_OUTLOOK_WEB -> MailProtocol.OUTLOOK_WEB;
      case MAIL_PROTOCOL_MAPI -> MailProtocol.MAPI;
      case MAIL_PROTOCOL_EWS -> MailProtocol.EWS;
      case MAIL_PROTOCOL_POP3 -> MailProtocol.POP3;
      case MAIL_PROTOCOL_IMAP -> MailProtocol.IMAP;
      case MAIL_PROTOCOL_SMTP_AUTH -> MailProtocol.SMTP_AUTH;
      case MAIL_PROTOCOL_UNSPECIFIED, UNRECOGNIZED -> null;
    };
  }

  static dev.accountadmin.v1.ClientApp toProto(ClientApp app) {
    return switch (app) {
      case ADMIN_API -> dev.accountadmin.v1.ClientApp.CLIENT_APP_ADMIN_API;
      case BROWSER -> dev.accountadmin.v1.ClientApp.CLIENT_APP_BROWSER;
      case OUTLOOK_WEB -> dev.accountadmin.v1.ClientApp.CLIENT_APP_OUTLOOK_WEB;
      case OUTLOOK_DESKTOP -> dev.accountadmin.v1.ClientApp.CLIENT_APP_OUTLOOK_DESKTOP;
      case ACTIVE_SYNC -> dev.accountadmin.v1.ClientApp.CLIENT_APP_ACTIVE_SYNC;
      case EWS -> dev.accountadmin.v1.ClientApp.CLIENT_APP_EWS;
      case POP3 -> dev.accountadmin.v1.ClientApp.CLIENT_APP_POP3;
      case IMAP -> dev.accountadmin.v1.ClientApp.CLIENT_APP_IMAP;
      case SMTP_AUTH -> dev.accountadmin.v1.ClientApp.CLIENT_APP_SMTP_AUTH;
    };
  }

  static ClientApp fromProto(dev.accountadmin.v1.ClientApp app) {
    return switch (app) {
      case CLIENT_APP_ADMIN_API -> ClientApp.ADMIN_API;
      case CLIENT_APP_BROWSER -> ClientApp.BROWSER;
      case CLIENT_APP_OUTLOOK_WEB -> ClientApp.OUTLOOK_WEB;
      case CLIENT_APP_OUTLOOK_DESKTOP -> ClientApp.OUTLOOK_DESKTOP;
      case CLIENT_APP_ACTIVE_SYNC -> ClientApp.ACTIVE_SYNC;
      case CLIENT_APP_EWS -> ClientApp.EWS;
      case CLIENT_APP_POP3 -> ClientApp.POP3;
      case CLIENT_APP_IMAP -> ClientApp.IMAP;
      case CLIENT_APP_SMTP_AUTH -> ClientApp.SMTP_AUTH;
      case CLIENT_APP_UNSPECIFIED, UNRECOGNIZED -> null;
    };
  }

  static dev.accountadmin.v1.Action toProto(Action action) {
    return switch (action) {
      case READ -> dev.accountadmin.v1.Action.ACTION_READ;
      case CREATE_USER -> dev.accountadmin.v1.Action.ACTION_CREATE_USER;
      case RESET_PASSWORD -> dev.accountadmin.v1.Action.ACTION_RESET_PASSWORD;
      case REVOKE_SESSIONS -> dev.accountadmin.v1.Action.ACTION_REVOKE_SESSIONS;
      case CLEAR_LOCKOUT -> dev.accountadmin.v1.Action.ACTION_CLEAR_LOCKOUT;
      case BLOCK_SIGN_IN -> dev.accountadmin.v1.Action.ACTION_BLOCK_SIGN_IN;
      case ALLOW_SIGN_IN -> dev.accountadmin.v1.Action.ACTION_ALLOW_SIGN_IN;
      case DELETE_USER -> dev.accountadmin.v1.Action.ACTION_DELETE_USER;
      case UNDELETE_USER -> dev.accountadmin.v1.Action.ACTION_UNDELETE_USER;
      case OFFBOARD_USER -> dev.accountadmin.v1.Action.ACTION_OFFBOARD_USER;
      case RESTORE_USER -> dev.accountadmin.v1.Action.ACTION_RESTORE_USER;
      case SET_MAIL_PROTOCOLS -> dev.accountadmin.v1.Action.ACTION_SET_MAIL_PROTOCOLS;
      case RESTRICT_SENDING -> dev.accountadmin.v1.Action.ACTION_RESTRICT_SENDING;
      case LIFT_SENDING_RESTRICTION -> dev.accountadmin.v1.Action.ACTION_LIFT_SENDING_RESTRICTION;
      case MANAGE_ADMIN_ROLES -> dev.accountadmin.v1.Action.ACTION_MANAGE_ADMIN_ROLES;
      case SIGN_IN -> dev.accountadmin.v1.Action.ACTION_SIGN_IN;
      case CHANGE_PASSWORD -> dev.accountadmin.v1.Action.ACTION_CHANGE_PASSWORD;
      case UNLOCK_USER -> dev.accountadmin.v1.Action.ACTION_UNLOCK_USER;
      case SECURE_COMPROMISED_USER -> dev.accountadmin.v1.Action.ACTION_SECURE_COMPROMISED_USER;
      case SUBMIT_MESSAGE -> dev.accountadmin.v1.Action.ACTION_SUBMIT_MESSAGE;
      case WIPE_DEVICES -> dev.accountadmin.v1.Action.ACTION_WIPE_DEVICES;
      case BLOCK_DEVICES -> dev.accountadmin.v1.Action.ACTION_BLOCK_DEVICES;
      case MANAGE_GROUP_MEMBERSHIPS -> dev.accountadmin.v1.Action.ACTION_MANAGE_GROUP_MEMBERSHIPS;
      case MANAGE_LICENCES -> dev.accountadmin.v1.Action.ACTION_MANAGE_LICENCES;
      case MANAGE_AUTH_METHODS -> dev.accountadmin.v1.Action.ACTION_MANAGE_AUTH_METHODS;
      case REGISTER_AUTH_METHOD -> dev.accountadmin.v1.Action.ACTION_REGISTER_AUTH_METHOD;
      case SCHEDULE_OFFBOARDING -> dev.accountadmin.v1.Action.ACTION_SCHEDULE_OFFBOARDING;
      case MANAGE_OFFBOARDING_TEMPLATE -> dev.accountadmin.v1.Action.ACTION_MANAGE_OFFBOARDING_TEMPLATE;
      case MANAGE_FILES_ACCESS -> dev.accountadmin.v1.Action.ACTION_MANAGE_FILES_ACCESS;
      case MANAGE_FORWARDING -> dev.accountadmin.v1.Action.ACTION_MANAGE_FORWARDING;
      case MANAGE_AUTO_REPLIES -> dev.accountadmin.v1.Action.ACTION_MANAGE_AUTO_REPLIES;
      case MANAGE_SHARED_MAILBOX -> dev.accountadmin.v1.Action.ACTION_MANAGE_SHARED_MAILBOX;
      case MANAGE_ADDRESS_LIST -> dev.accountadmin.v1.Action.ACTION_MANAGE_ADDRESS_LIST;
      case MANAGE_INBOX_RULES -> dev.accountadmin.v1.Action.ACTION_MANAGE_INBOX_RULES;
      case MANAGE_LITIGATION_HOLD -> dev.accountadmin.v1.Action.ACTION_MANAGE_LITIGATION_HOLD;
      case CREATE_INBOX_RULE -> dev.accountadmin.v1.Action.ACTION_CREATE_INBOX_RULE;
      case OPEN_MAILBOX -> dev.accountadmin.v1.Action.ACTION_OPEN_MAILBOX;
      case BEGIN_RECOVERY -> dev.accountadmin.v1.Action.ACTION_BEGIN_RECOVERY;
      case COMPLETE_RECOVERY -> dev.accountadmin.v1.Action.ACTION_COMPLETE_RECOVERY;
    };
  }

  static Action fromProto(dev.accountadmin.v1.Action action) {
    return switch (action) {
      case ACTION_READ -> Action.READ;
      case ACTION_CREATE_USER -> Action.CREATE_USER;
      case ACTION_RESET_PASSWORD -> Action.RESET_PASSWORD;
      case ACTION_REVOKE_SESSIONS -> Action.REVOKE_SESSIONS;
      case ACTION_CLEAR_LOCKOUT -> Action.CLEAR_LOCKOUT;
      case ACTION_BLOCK_SIGN_IN -> Action.BLOCK_SIGN_IN;
      case ACTION_ALLOW_SIGN_IN -> Action.ALLOW_SIGN_IN;
      case ACTION_DELETE_USER -> Action.DELETE_USER;
      case ACTION_UNDELETE_USER -> Action.UNDELETE_USER;
      case ACTION_OFFBOARD_USER -> Action.OFFBOARD_USER;
      case ACTION_RESTORE_USER -> Action.RESTORE_USER;
      case ACTION_SET_MAIL_PROTOCOLS -> Action.SET_MAIL_PROTOCOLS;
      case ACTION_RESTRICT_SENDING -> Action.RESTRICT_SENDING;
      case ACTION_LIFT_SENDING_RESTRICTION -> Action.LIFT_SENDING_RESTRICTION;
      case ACTION_MANAGE_ADMIN_ROLES -> Action.MANAGE_ADMIN_ROLES;
      case ACTION_SIGN_IN -> Action.SIGN_IN;
      case ACTION_CHANGE_PASSWORD -> Action.CHANGE_PASSWORD;
      case ACTION_UNLOCK_USER -> Action.UNLOCK_USER;
      case ACTION_SECURE_COMPROMISED_USER -> Action.SECURE_COMPROMISED_USER;
      case ACTION_SUBMIT_MESSAGE -> Action.SUBMIT_MESSAGE;
      case ACTION_WIPE_DEVICES -> Action.WIPE_DEVICES;
      case ACTION_BLOCK_DEVICES -> Action.BLOCK_DEVICES;
      case ACTION_MANAGE_GROUP_MEMBERSHIPS -> Action.MANAGE_GROUP_MEMBERSHIPS;
      case ACTION_MANAGE_LICENCES -> Action.MANAGE_LICENCES;
      case ACTION_MANAGE_AUTH_METHODS -> Action.MANAGE_AUTH_METHODS;
      case ACTION_REGISTER_AUTH_METHOD -> Action.REGISTER_AUTH_METHOD;
      case ACTION_SCHEDULE_OFFBOARDING -> Action.SCHEDULE_OFFBOARDING;
      case ACTION_MANAGE_OFFBOARDING_TEMPLATE -> Action.MANAGE_OFFBOARDING_TEMPLATE;
      case ACTION_MANAGE_FILES_ACCESS -> Action.MANAGE_FILES_ACCESS;
      case ACTION_MANAGE_FORWARDING -> Action.MANAGE_FORWARDING;
      case ACTION_MANAGE_AUTO_REPLIES -> Action.MANAGE_AUTO_REPLIES;
      case ACTION_MANAGE_SHARED_MAILBOX -> Action.MANAGE_SHARED_MAILBOX;
      case ACTION_MANAGE_ADDRESS_LIST -> Action.MANAGE_ADDRESS_LIST;
      case ACTION_MANAGE_INBOX_RULES -> Action.MANAGE_INBOX_RULES;
      case ACTION_MANAGE_LITIGATION_HOLD -> Action.MANAGE_LITIGATION_HOLD;
      case ACTION_CREATE_INBOX_RULE -> Action.CREATE_INBOX_RULE;
      case ACTION_OPEN_MAILBOX -> Action.OPEN_MAILBOX;
      case ACTION_BEGIN_RECOVERY -> Action.BEGIN_RECOVERY;
      case ACTION_COMPLETE_RECOVERY -> Action.COMPLETE_RECOVERY;
      case ACTION_UNSPECIFIED, UNRECOGNIZED -> null;
    };
  }

  static AuditOutcome toProto(AuditRecord.Outcome outcome) {
    return switch (outcome) {
      case SUCCESS -> AuditOutcome.AUDIT_OUTCOME_SUCCESS;
      case NO_CHANGE -> AuditOutcome.AUDIT_OUTCOME_NO_CHANGE;
      case DENIED -> AuditOutcome.AUDIT_OUTCOME_DENIED;
      case FAILURE -> AuditOutcome.AUDIT_OUTCOME_FAILURE;
      case PLANNED -> AuditOutcome.AUDIT_OUTCOME_PLANNED;
    };
  }

  static dev.accountadmin.v1.StepKind toProto(StepKind kind) {
    return switch (kind) {
      case LIFT_SENDING_RESTRICTION -> dev.accountadmin.v1.StepKind.STEP_KIND_LIFT_SENDING_RESTRICTION;
      case CLEAR_LOCKOUT -> dev.accountadmin.v1.StepKind.STEP_KIND_CLEAR_LOCKOUT;
      case RESET_PASSWORD -> dev.accountadmin.v1.StepKind.STEP_KIND_RESET_PASSWORD;
      case ALLOW_SIGN_IN -> dev.accountadmin.v1.StepKind.STEP_KIND_ALLOW_SIGN_IN;
      case REVOKE_SESSIONS -> dev.accountadmin.v1.StepKind.STEP_KIND_REVOKE_SESSIONS;
      case BLOCK_SIGN_IN -> dev.accountadmin.v1.StepKind.STEP_KIND_BLOCK_SIGN_IN;
      case SET_MAIL_PROTOCOLS -> dev.accountadmin.v1.StepKind.STEP_KIND_SET_MAIL_PROTOCOLS;
      case REMOVE_ADMIN_ROLES -> dev.accountadmin.v1.StepKind.STEP_KIND_REMOVE_ADMIN_ROLES;
      case ASSIGN_ADMIN_ROLES -> dev.accountadmin.v1.StepKind.STEP_KIND_ASSIGN_ADMIN_ROLES;
      case RESTRICT_SENDING -> dev.accountadmin.v1.StepKind.STEP_KIND_RESTRICT_SENDING;
      case WIPE_DEVICES -> dev.accountadmin.v1.StepKind.STEP_KIND_WIPE_DEVICES;
      case BLOCK_DEVICES -> dev.accountadmin.v1.StepKind.STEP_KIND_BLOCK_DEVICES;
      case UNBLOCK_DEVICES -> dev.accountadmin.v1.StepKind.STEP_KIND_UNBLOCK_DEVICES;
      case CANCEL_DEVICE_WIPES -> dev.accountadmin.v1.StepKind.STEP_KIND_CANCEL_DEVICE_WIPES;
      case REMOVE_GROUP_MEMBERSHIPS -> dev.accountadmin.v1.StepKind.STEP_KIND_REMOVE_GROUP_MEMBERSHIPS;
      case REMOVE_LICENCES -> dev.accountadmin.v1.StepKind.STEP_KIND_REMOVE_LICENCES;
      case RESTORE_GROUP_MEMBERSHIPS -> dev.accountadmin.v1.StepKind.STEP_KIND_RESTORE_GROUP_MEMBERSHIPS;
      case RESTORE_LICENCES -> dev.accountadmin.v1.StepKind.STEP_KIND_RESTORE_LICENCES;
      case REMOVE_AUTH_METHODS -> dev.accountadmin.v1.StepKind.STEP_KIND_REMOVE_AUTH_METHODS;
      case REQUIRE_REREGISTRATION -> dev.accountadmin.v1.StepKind.STEP_KIND_REQUIRE_REREGISTRATION;
      case LIFT_REREGISTRATION -> dev.accountadmin.v1.StepKind.STEP_KIND_LIFT_REREGISTRATION;
      case RESTORE_AUTH_METHODS -> dev.accountadmin.v1.StepKind.STEP_KIND_RESTORE_AUTH_METHODS;
      case REVIEW_ADMIN_ROLES -> dev.accountadmin.v1.StepKind.STEP_KIND_REVIEW_ADMIN_ROLES;
      case DELETE_USER -> dev.accountadmin.v1.StepKind.STEP_KIND_DELETE_USER;
      case UNDELETE_USER -> dev.accountadmin.v1.StepKind.STEP_KIND_UNDELETE_USER;
      case GRANT_FILES_ACCESS -> dev.accountadmin.v1.StepKind.STEP_KIND_GRANT_FILES_ACCESS;
      case REVOKE_FILES_ACCESS -> dev.accountadmin.v1.StepKind.STEP_KIND_REVOKE_FILES_ACCESS;
      case PLACE_LITIGATION_HOLD -> dev.accountadmin.v1.StepKind.STEP_KIND_PLACE_LITIGATION_HOLD;
      case REMOVE_LITIGATION_HOLD -> dev.accountadmin.v1.StepKind.STEP_KIND_REMOVE_LITIGATION_HOLD;
      case REMOVE_FLAGGED_INBOX_RULES -> dev.accountadmin.v1.StepKind.STEP_KIND_REMOVE_FLAGGED_INBOX_RULES;
      case REPORT_DELETED_INBOX_RULES -> dev.accountadmin.v1.StepKind.STEP_KIND_REPORT_DELETED_INBOX_RULES;
      case CONVERT_TO_SHARED -> dev.accountadmin.v1.StepKind.STEP_KIND_CONVERT_TO_SHARED;
      case CONVERT_TO_USER_MAILBOX -> dev.accountadmin.v1.StepKind.STEP_KIND_CONVERT_TO_USER_MAILBOX;
      case SET_FORWARDING -> dev.accountadmin.v1.StepKind.STEP_KIND_SET_FORWARDING;
      case RESTORE_FORWARDING -> dev.accountadmin.v1.StepKind.STEP_KIND_RESTORE_FORWARDING;
      case REMOVE_FORWARDING -> dev.accountadmin.v1.StepKind.STEP_KIND_REMOVE_FORWARDING;
      case SET_AUTO_REPLIES -> dev.accountadmin.v1.StepKind.STEP_KIND_SET_AUTO_REPLIES;
      case RESTORE_AUTO_REPLIES -> dev.accountadmin.v1.StepKind.STEP_KIND_RESTORE_AUTO_REPLIES;
      case HIDE_FROM_ADDRESS_LIST -> dev.accountadmin.v1.StepKind.STEP_KIND_HIDE_FROM_ADDRESS_LIST;
      case SHOW_IN_ADDRESS_LIST -> dev.accountadmin.v1.StepKind.STEP_KIND_SHOW_IN_ADDRESS_LIST;
    };
  }

  static dev.accountadmin.v1.AuthMethodKind toProto(dev.accountadmin.domain.MethodKind kind) {
    return switch (kind) {
      case AUTHENTICATOR_APP -> dev.accountadmin.v1.AuthMethodKind.AUTH_METHOD_KIND_AUTHENTICATOR_APP;
      case ALTERNATE_EMAIL -> dev.accountadmin.v1.AuthMethodKind.AUTH_METHOD_KIND_ALTERNATE_EMAIL;
      case APP_PASSWORD -> dev.accountadmin.v1.AuthMethodKind.AUTH_METHOD_KIND_APP_PASSWORD;
    };
  }

  static dev.accountadmin.v1.DeviceWipeState toProto(DeviceWipeState state) {
    return switch (state) {
      case PENDING -> dev.accountadmin.v1.DeviceWipeState.DEVICE_WIPE_STATE_PENDING;
      case CONFIRMED -> dev.accountadmin.v1.DeviceWipeState.DEVICE_WIPE_STATE_CONFIRMED;
      case CANCELLED -> dev.accountadmin.v1.DeviceWipeState.DEVICE_WIPE_STATE_CANCELLED;
    };
  }

  static StepOutcome toProto(Outcome outcome) {
    return switch (outcome) {
      case DONE -> StepOutcome.STEP_OUTCOME_DONE;
      case ALREADY_DONE -> StepOutcome.STEP_OUTCOME_ALREADY_DONE;
      case NOT_REQUESTED -> StepOutcome.STEP_OUTCOME_NOT_REQUESTED;
      case DENIED -> StepOutcome.STEP_OUTCOME_DENIED;
      case FAILED -> StepOutcome.STEP_OUTCOME_FAILED;
      case PLANNED -> StepOutcome.STEP_OUTCOME_PLANNED;
      case NOT_APPLICABLE -> StepOutcome.STEP_OUTCOME_NOT_APPLICABLE;
    };
  }

  static dev.accountadmin.v1.Procedure toProto(Procedure procedure) {
    return switch (procedure) {
      case UNLOCK -> dev.accountadmin.v1.Procedure.PROCEDURE_UNLOCK;
      case OFFBOARD -> dev.accountadmin.v1.Procedure.PROCEDURE_OFFBOARD;
      case SECURE_COMPROMISED -> dev.accountadmin.v1.Procedure.PROCEDURE_SECURE_COMPROMISED;
      case RESTORE -> dev.accountadmin.v1.Procedure.PROCEDURE_RESTORE;
    };
  }

  static Procedure fromProto(dev.accountadmin.v1.Procedure procedure) {
    return switch (procedure) {
      case PROCEDURE_UNLOCK -> Procedure.UNLOCK;
      case PROCEDURE_OFFBOARD -> Procedure.OFFBOARD;
      case PROCEDURE_SECURE_COMPROMISED -> Procedure.SECURE_COMPROMISED;
      case PROCEDURE_RESTORE -> Procedure.RESTORE;
      case PROCEDURE_UNSPECIFIED, UNRECOGNIZED -> null;
    };
  }

  static dev.accountadmin.v1.Recommendation toProto(Recommendation recommendation) {
    return switch (recommendation) {
      case SECURE_COMPROMISED_ACCOUNT -> dev.accountadmin.v1.Recommendation.RECOMMENDATION_SECURE_COMPROMISED_ACCOUNT;
      case SHARE_TEMPORARY_PASSWORD -> dev.accountadmin.v1.Recommendation.RECOMMENDATION_SHARE_TEMPORARY_PASSWORD;
    };
  }

  static SendingRestrictionReason toProto(SendingRestriction.Reason reason) {
    return switch (reason) {
      case OUTBOUND_SPAM -> SendingRestrictionReason.SENDING_RESTRICTION_REASON_OUTBOUND_SPAM;
      case COMPROMISED -> SendingRestrictionReason.SENDING_RESTRICTION_REASON_COMPROMISED;
    };
  }

  static dev.accountadmin.v1.TargetTier toProto(TargetTier tier) {
    return switch (tier) {
      case NON_ADMIN -> dev.accountadmin.v1.TargetTier.TARGET_TIER_NON_ADMIN;
      case HELPDESK_ADMIN -> dev.accountadmin.v1.TargetTier.TARGET_TIER_HELPDESK_ADMIN;
      case PRIVILEGED_ADMIN -> dev.accountadmin.v1.TargetTier.TARGET_TIER_PRIVILEGED_ADMIN;
    };
  }

  static InactiveReason toProto(Inactive inactive) {
    return switch (inactive) {
      case INVALID -> InactiveReason.INACTIVE_REASON_INVALID;
      case EXPIRED -> InactiveReason.INACTIVE_REASON_EXPIRED;
      case SESSION_REVOKED -> InactiveReason.INACTIVE_REASON_SESSION_REVOKED;
      case SIGN_IN_BLOCKED -> InactiveReason.INACTIVE_REASON_SIGN_IN_BLOCKED;
      case PASSWORD_CHANGED -> InactiveReason.INACTIVE_REASON_PASSWORD_CHANGED;
      case PROTOCOL_DISABLED -> InactiveReason.INACTIVE_REASON_PROTOCOL_DISABLED;
      case USER_DELETED -> InactiveReason.INACTIVE_REASON_USER_DELETED;
    };
  }
}
