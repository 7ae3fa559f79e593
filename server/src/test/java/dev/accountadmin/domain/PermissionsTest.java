package dev.accountadmin.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every cell of DESIGN.md section 2's matrix: each role, each target tier, each action. The
 * expected table is written out here from the design, independently of {@link Permissions}.
 */
final class PermissionsTest {
  private static final Set<Role> NONE = Set.of();
  private static final Role G = Role.GLOBAL_ADMIN;
  private static final Role U = Role.USER_ADMIN;
  private static final Role H = Role.HELPDESK_ADMIN;
  private static final Role E = Role.EXCHANGE_ADMIN;
  private static final Role S = Role.SECURITY_ADMIN;

  // Target tiers as role sets: no admin role, helpdesk admin only, any other admin role.
  private static final List<Set<Role>> TIERS = List.of(NONE, Set.of(H), Set.of(U), Set.of(E), Set.of(G), Set.of(H, S));

  /** action -> allowed roles for [non-admin, helpdesk-only, other admin]. */
  private static final Map<Action, List<Set<Role>>> DESIGN = Map.ofEntries(
      row(Action.RESET_PASSWORD, Set.of(H, U, G), Set.of(U, G), Set.of(G)),
      row(Action.REVOKE_SESSIONS, Set.of(H, U, G), Set.of(U, G), Set.of(G)),
      row(Action.CLEAR_LOCKOUT, Set.of(H, U, G), Set.of(U, G), Set.of(G)),
      row(Action.BLOCK_SIGN_IN, Set.of(U, G), Set.of(U, G), Set.of(G)),
      row(Action.ALLOW_SIGN_IN, Set.of(U, G), Set.of(U, G), Set.of(G)),
      row(Action.DELETE_USER, Set.of(U, G), Set.of(U, G), Set.of(G)),
      row(Action.UNDELETE_USER, Set.of(U, G), Set.of(U, G), Set.of(G)),
      row(Action.OFFBOARD_USER, Set.of(U, G), Set.of(U, G), Set.of(G)),
      row(Action.RESTORE_USER, Set.of(U, G), Set.of(U, G), Set.of(G)),
      row(Action.SET_MAIL_PROTOCOLS, Set.of(E, G), Set.of(E, G), Set.of(G)),
      row(Action.LIFT_SENDING_RESTRICTION, Set.of(S, E, G), Set.of(S, E, G), Set.of(G)),
      row(Action.MANAGE_ADMIN_ROLES, Set.of(G), Set.of(G), Set.of(G)),
      // The mailbox (DESIGN.md §11): EXCHANGE, GLOBAL, in the tiers of the mail protocols.
      row(Action.MANAGE_FORWARDING, Set.of(E, G), Set.of(E, G), Set.of(G)),
      row(Action.MANAGE_AUTO_REPLIES, Set.of(E, G), Set.of(E, G), Set.of(G)),
      row(Action.MANAGE_SHARED_MAILBOX, Set.of(E, G), Set.of(E, G), Set.of(G)),
      row(Action.MANAGE_ADDRESS_LIST, Set.of(E, G), Set.of(E, G), Set.of(G)),
      row(Action.MANAGE_INBOX_RULES, Set.of(E, G), Set.of(E, G), Set.of(G)),
      row(Action.MANAGE_LITIGATION_HOLD, Set.of(E, G), Set.of(E, G), Set.of(G)),
      // A user's own inbox rule and opening a mailbox need no admin role at all.
      row(Action.CREATE_INBOX_RULE, NONE, NONE, NONE),
      row(Action.OPEN_MAILBOX, NONE, NONE, NONE),
      // Self-service: the user alone, proving who they are (issue 14, part 3).
      row(Action.BEGIN_RECOVERY, NONE, NONE, NONE),
      row(Action.COMPLETE_RECOVERY, NONE, NONE, NONE),
      // DESIGN.md section 11: authentication methods like a password reset.
      row(Action.MANAGE_AUTH_METHODS, Set.of(H, U, G), Set.of(U, G), Set.of(G)),
      row(Action.READ, Set.of(G, U, H, E, S), Set.of(G, U, H, E, S), Set.of(G, U, H, E, S)));

  private static Map.Entry<Action, List<Set<Role>>> row(Action action, Set<Role> nonAdmin, Set<Role> helpdesk, Set<Role> other) {
    return Map.entry(action, List.of(nonAdmin, helpdesk, other));
  }

  @Test
  void allows_matchesTheDesignInEveryCell() {
    var mismatches = new ArrayList<String>();
    int cells = 0;
    for (var entry : DESIGN.entrySet()) {
      for (var target : TIERS) {
        int tier = target.isEmpty() ? 0 : target.equals(Set.of(H)) ? 1 : 2;
        for (var role : Role.values()) {
          boolean expected = entry.getValue().get(tier).contains(role);
          boolean actual = Permissions.allows(EnumSet.of(role), entry.getKey(), target);
          cells++;
          if (expected != actual) {
            mismatches.add(role + " " + entry.getKey() + " on " + target + ": expected " + expected);
          }
        }
      }
    }
    assertThat(mismatches).isEmpty();
    assertThat(cells).isEqualTo(DESIGN.size() * TIERS.size() * Role.values().length);
  }

  @Test
  void allows_nothingWithoutARole() {
    for (var action : DESIGN.keySet()) {
      assertThat(Permissions.allows(Set.of(), action, NONE)).as(action.name()).isFalse();
    }
  }

  @Test
  void allows_anyOneOfSeveralRolesSuffices() {
    assertThat(Permissions.allows(EnumSet.of(H, E), Action.SET_MAIL_PROTOCOLS, NONE)).isTrue();
    assertThat(Permissions.allows(EnumSet.of(H, E), Action.BLOCK_SIGN_IN, NONE)).isFalse();
  }

  @Test
  void targetTier_helpdeskPlusAnotherRole_isPrivileged() {
    assertThat(Permissions.TargetTier.of(Set.of(H, S))).isEqualTo(Permissions.TargetTier.PRIVILEGED_ADMIN);
    assertThat(Permissions.TargetTier.of(Set.of(H))).isEqualTo(Permissions.TargetTier.HELPDESK_ADMIN);
    assertThat(Permissions.TargetTier.of(Set.of())).isEqualTo(Permissions.TargetTier.NON_ADMIN);
  }
}
