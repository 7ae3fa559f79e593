package dev.accountadmin.domain;

import static dev.accountadmin.domain.Role.EXCHANGE_ADMIN;
import static dev.accountadmin.domain.Role.GLOBAL_ADMIN;
import static dev.accountadmin.domain.Role.HELPDESK_ADMIN;
import static dev.accountadmin.domain.Role.SECURITY_ADMIN;
import static dev.accountadmin.domain.Role.USER_ADMIN;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * Who may act on whom: the matrix of DESIGN.md section 2, in one place. Every permission check in
 * the server goes through {@link #requiredRoles}.
 */
public final class Permissions {

  /** Which admin roles a target holds, as far as permissions care. */
  public enum TargetTier {
    NON_ADMIN,
    HELPDESK_ADMIN,
    PRIVILEGED_ADMIN;

    public static TargetTier of(Collection<Role> targetRoles) {
      if (targetRoles.isEmpty()) {
        return NON_ADMIN;
      }
      return targetRoles.equals(Set.of(Role.HELPDESK_ADMIN)) ? HELPDESK_ADMIN : PRIVILEGED_ADMIN;
    }
  }

  private Permissions() {}

  /** The roles any one of which allows {@code action} on a target of {@code tier}. */
  public static Set<Role> requiredRoles(Action action, TargetTier tier) {
    return switch (action) {
      case READ -> EnumSet.allOf(Role.class);
      case RESET_PASSWORD, REVOKE_SESSIONS, CLEAR_LOCKOUT -> switch (tier) {
        case NON_ADMIN -> EnumSet.of(HELPDESK_ADMIN, USER_ADMIN, GLOBAL_ADMIN);
        case HELPDESK_ADMIN -> EnumSet.of(USER_ADMIN, GLOBAL_ADMIN);
        case PRIVILEGED_ADMIN -> EnumSet.of(GLOBAL_ADMIN);
      };
      // Creating a user is user management like blocking one; a new user has no roles unless a
      // global admin gives them (MANAGE_ADMIN_ROLES is checked for that too).
      case CREATE_USER, BLOCK_SIGN_IN, ALLOW_SIGN_IN, DELETE_USER, UNDELETE_USER, OFFBOARD_USER,
          RESTORE_USER, UNLOCK_USER, SECURE_COMPROMISED_USER -> tier == TargetTier.PRIVILEGED_ADMIN
              ? EnumSet.of(GLOBAL_ADMIN)
              : EnumSet.of(USER_ADMIN, GLOBAL_ADMIN);
      case SET_MAIL_PROTOCOLS -> tier == TargetTier.PRIVILEGED_ADMIN
          ? EnumSet.of(GLOBAL_ADMIN)
          : EnumSet.of(EXCHANGE_ADMIN, GLOBAL_ADMIN);
      // Restricting by hand is the same mailbox-security power as lifting a restriction.
      case RESTRICT_SENDING, LIFT_SENDING_RESTRICTION -> tier == TargetTier.PRIVILEGED_ADMIN
          ? EnumSet.of(GLOBAL_ADMIN)
          : EnumSet.of(SECURITY_ADMIN, EXCHANGE_ADMIN, GLOBAL_ADMIN);
      case BLOCK_DEVICES -> tier == TargetTier.PRIVILEGED_ADMIN
          ? EnumSet.of(GLOBAL_ADMIN)
          : EnumSet.of(EXCHANGE_ADMIN, GLOBAL_ADMIN);
      // A wipe erases a device for good, and an admin's phone usually holds the authenticator
      // that admin signs in with: an Exchange admin could otherwise lock any other admin (a
      // helpdesk admin included) out of their second factor. Only a global admin may.
      case WIPE_DEVICES -> tier == TargetTier.NON_ADMIN
          ? EnumSet.of(EXCHANGE_ADMIN, GLOBAL_ADMIN)
          : EnumSet.of(GLOBAL_ADMIN);
      case MANAGE_ADMIN_ROLES -> EnumSet.of(GLOBAL_ADMIN);
      // Groups and licences are user management, as in Entra ID where a user administrator
      // manages both; a privileged admin's groups may grant access to what admins manage, so
      // only a global admin changes those.
      // Giving a colleague a leaver's files is user management too (CIPP and Entra give it to a
      // user administrator); an admin's files may hold what admins manage: a global admin's.
      case MANAGE_GROUP_MEMBERSHIPS, MANAGE_LICENCES, MANAGE_FILES_ACCESS -> tier == TargetTier.PRIVILEGED_ADMIN
          ? EnumSet.of(GLOBAL_ADMIN)
          : EnumSet.of(USER_ADMIN, GLOBAL_ADMIN);
      // Removing a user's methods or requiring their re-registration is what a helpdesk does for a
      // user who lost a phone, and as strong as a password reset: who may reset a target's password
      // may reset its second factor (DESIGN.md section 11), and no one less.
      case MANAGE_AUTH_METHODS -> switch (tier) {
        case NON_ADMIN -> EnumSet.of(HELPDESK_ADMIN, USER_ADMIN, GLOBAL_ADMIN);
        case HELPDESK_ADMIN -> EnumSet.of(USER_ADMIN, GLOBAL_ADMIN);
        case PRIVILEGED_ADMIN -> EnumSet.of(GLOBAL_ADMIN);
      };
      // Scheduling an offboarding is offboarding later: the same tiers. The run checks every step
      // again with the scheduler's roles at that time.
      case SCHEDULE_OFFBOARDING -> tier == TargetTier.PRIVILEGED_ADMIN
          ? EnumSet.of(GLOBAL_ADMIN)
          : EnumSet.of(USER_ADMIN, GLOBAL_ADMIN);
      // The template decides what every offboarding of the tenant does by default, for every
      // admin: a tenant-wide policy, so only a global admin sets it (DESIGN.md section 11).
      case MANAGE_OFFBOARDING_TEMPLATE -> EnumSet.of(GLOBAL_ADMIN);
      // The mailbox is Exchange's (DESIGN.md §11), like its protocols: forwarding and delegates
      // can hand an admin's mail to someone else, so only a global admin changes an admin's.
      case MANAGE_FORWARDING, MANAGE_AUTO_REPLIES, MANAGE_SHARED_MAILBOX, MANAGE_ADDRESS_LIST, MANAGE_INBOX_RULES,
          MANAGE_LITIGATION_HOLD -> tier == TargetTier.PRIVILEGED_ADMIN
              ? EnumSet.of(GLOBAL_ADMIN)
              : EnumSet.of(EXCHANGE_ADMIN, GLOBAL_ADMIN);
      // A user acts on their own account only; no admin role is involved.
      case SIGN_IN, CHANGE_PASSWORD, SUBMIT_MESSAGE, CREATE_INBOX_RULE, OPEN_MAILBOX, REGISTER_AUTH_METHOD
          -> EnumSet.noneOf(Role.class);
      // Self-service: the user proves who they are with a method of their own; no admin is involved.
      case BEGIN_RECOVERY, COMPLETE_RECOVERY -> EnumSet.noneOf(Role.class);
    };
  }

  /** True when a caller with {@code callerRoles} may do {@code action} on a target with {@code targetRoles}. */
  public static boolean allows(Set<Role> callerRoles, Action action, Collection<Role> targetRoles) {
    var required = requiredRoles(action, TargetTier.of(targetRoles));
    return callerRoles.stream().anyMatch(required::contains);
  }
}
