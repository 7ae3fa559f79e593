package dev.accountadmin.server.domain;


import dev.accountadmin.server.store.MailSubmissionStore;
import dev.accountadmin.server.store.SessionStore;
import dev.accountadmin.server.store.UserStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The change each step kind makes, and how to tell it is already made. Every step is idempotent:
 * one whose {@link #alreadyDone} holds changes nothing. Every change takes effect at once, because
 * sign-in, refresh, introspection and mail submission all check live state.
 */
final class Steps {
  private final UserStore users;
  private final SessionStore sessions;
  private final MailSubmissionStore submissions = new MailSubmissionStore();

  Steps(UserStore users, SessionStore sessions) {
    this.users = users;
    this.sessions = sessions;
  }

  /** A changed user and what the step did. */
  record Applied(User user, StepDetails details) {}

  boolean alreadyDone(Connection c, StepKind kind, User u, StepParams p, Instant now) throws SQLException {
    return switch (kind) {
      case LIFT_SENDING_RESTRICTION -> !u.restrictedAt(now);
      case CLEAR_LOCKOUT -> !u.lockedAt(now) && u.failedAttempts() == 0;
      // A reset always changes the password, except to a credential nobody knows when the
      // current one already is such (a second offboarding changes nothing).
      case RESET_PASSWORD -> p.undisclosed()
          && dev.accountadmin.server.auth.PasswordHasher.isUndisclosed(users.passwordHash(c, u.id()).orElse(null));
      case ALLOW_SIGN_IN -> !u.signInBlocked();
      case BLOCK_SIGN_IN -> u.signInBlocked();
      case REVOKE_SESSIONS -> sessions.active(c, u.id(), now).isEmpty();
      case SET_MAIL_PROTOCOLS -> u.enabledProtocols().equals(p.protocols());
      case REMOVE_ADMIN_ROLES -> removed(u, p).equals(u.roles());
      case ASSIGN_ADMIN_ROLES -> u.roles().containsAll(p.roles());
      case RESTRICT_SENDING -> u.restrictedAt(now);
    };
  }

  /**
   * Since when an already-done step's state has held, where the directory records it (a
   * restriction's start, the last password change); null where it does not.
   */
  static Instant inEffectSince(StepKind kind, User u) {
    return switch (kind) {
      case RESTRICT_SENDING -> u.restriction() == null ? null : u.restriction().restrictedAt();
      case RESET_PASSWORD -> u.passwordChangedAt();
      case LIFT_SENDING_RESTRICTION, CLEAR_LOCKOUT, ALLOW_SIGN_IN, BLOCK_SIGN_IN, REVOKE_SESSIONS,
          SET_MAIL_PROTOCOLS, REMOVE_ADMIN_ROLES, ASSIGN_ADMIN_ROLES -> null;
    };
  }

  /** What the step would change, for a plan: the same details as a real run, without the secrets. */
  StepDetails preview(Connection c, StepKind kind, User u, StepParams p, Instant now) throws SQLException {
    return switch (kind) {
      case SET_MAIL_PROTOCOLS -> new StepDetails.MailProtocols(u.enabledProtocols(), p.protocols());
      case REMOVE_ADMIN_ROLES -> new StepDetails.AdminRoles(u.roles(), removed(u, p));
      case ASSIGN_ADMIN_ROLES -> new StepDetails.AdminRoles(u.roles(), added(u, p));
      case REVOKE_SESSIONS -> {
        var active = sessions.active(c, u.id(), now);
        yield new StepDetails.SessionsRevoked(active.size(), latestAccessExpiry(active, now));
      }
      case CLEAR_LOCKOUT -> new StepDetails.LockoutCleared(u.failedAttempts(), u.lockedAt(now) ? u.lockedUntil() : null);
      case RESET_PASSWORD -> new StepDetails.PasswordReset(null, p.changeRequired(), p.undisclosed());
      default -> StepDetails.NONE;
    };
  }

  Applied apply(Connection c, StepKind kind, User u, StepParams p, Instant now) throws SQLException {
    return switch (kind) {
      case LIFT_SENDING_RESTRICTION -> {
        // A fresh allowance: what was sent before the lift must not restrict the user again.
        submissions.forgive(c, u.id(), now);
        int lifts = u.restrictionLiftCount() + 1;
        yield new Applied(u.withRestriction(null, lifts), new StepDetails.Restriction(u.restriction().reason(), lifts));
      }
      case CLEAR_LOCKOUT -> new Applied(u.withLockout(0, List.of(), 0, null),
          new StepDetails.LockoutCleared(u.failedAttempts(), u.lockedAt(now) ? u.lockedUntil() : null));
      case RESET_PASSWORD -> {
        users.setPasswordHash(c, u.id(), p.passwordHash());
        yield new Applied(u.withPassword(now, p.changeRequired()),
            new StepDetails.PasswordReset(p.shownPassword(), p.changeRequired(), p.undisclosed()));
      }
      case ALLOW_SIGN_IN -> new Applied(u.withSignInBlocked(false), StepDetails.NONE);
      case BLOCK_SIGN_IN -> new Applied(u.withSignInBlocked(true), StepDetails.NONE);
      case REVOKE_SESSIONS -> {
        var active = sessions.active(c, u.id(), now);
        var until = latestAccessExpiry(active, now);
        int count = sessions.revokeAll(c, u.id(), now);
        yield new Applied(u, new StepDetails.SessionsRevoked(count, until));
      }
      case SET_MAIL_PROTOCOLS -> new Applied(u.withProtocols(p.protocols()),
          new StepDetails.MailProtocols(u.enabledProtocols(), p.protocols()));
      case REMOVE_ADMIN_ROLES -> new Applied(u.withRoles(removed(u, p)), new StepDetails.AdminRoles(u.roles(), removed(u, p)));
      case ASSIGN_ADMIN_ROLES -> new Applied(u.withRoles(added(u, p)), new StepDetails.AdminRoles(u.roles(), added(u, p)));
      case RESTRICT_SENDING -> new Applied(u.withRestriction(
          new SendingRestriction(SendingRestriction.Reason.COMPROMISED, now, null), u.restrictionLiftCount()),
          new StepDetails.Restriction(SendingRestriction.Reason.COMPROMISED, u.restrictionLiftCount()));
    };
  }

  /** Access tokens issued before a revocation stay valid, for those who do not check, until this. */
  static Instant latestAccessExpiry(List<SessionStore.Session> sessions, Instant now) {
    return sessions.stream().map(SessionStore.Session::accessExpiresAt).filter(now::isBefore)
        .max(Instant::compareTo).orElse(null);
  }

  private static Set<Role> removed(User u, StepParams p) {
    if (p.roles().isEmpty()) {
      return Set.of();
    }
    var left = u.roles().isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(u.roles());
    left.removeAll(p.roles());
    return left;
  }

  private static Set<Role> added(User u, StepParams p) {
    var all = EnumSet.noneOf(Role.class);
    all.addAll(u.roles());
    all.addAll(p.roles());
    return all;
  }
}
