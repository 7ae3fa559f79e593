package dev.accountadmin.domain;


import java.time.Instant;
import java.util.Set;

/** Typed facts about a step's change; the edge maps each to its proto message. */
public sealed interface StepDetails {

  /** No details. */
  record None() implements StepDetails {}

  /** A password reset; {@code temporaryPassword} is returned once and never stored. */
  record PasswordReset(String temporaryPassword, boolean changeRequired, boolean undisclosed) implements StepDetails {
    @Override
    public String toString() {
      return "PasswordReset[changeRequired=" + changeRequired + ", undisclosed=" + undisclosed + "]";
    }
  }

  /** Sessions revoked, and how long access tokens issued before stay valid where nobody checks. */
  record SessionsRevoked(int count, Instant accessTokensValidUntil) implements StepDetails {}

  /** Mail protocols before and after. */
  record MailProtocols(Set<MailProtocol> before, Set<MailProtocol> after) implements StepDetails {}

  /** Admin roles before and after. */
  record AdminRoles(Set<Role> before, Set<Role> after) implements StepDetails {}

  /** A lockout cleared. */
  record LockoutCleared(int failedAttempts, Instant lockedUntil) implements StepDetails {}

  /** A sending restriction set or lifted. */
  record Restriction(SendingRestriction.Reason reason, int liftCount) implements StepDetails {}

  StepDetails NONE = new None();
}
