package dev.accountadmin.server.domain;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A user as stored. The password hash is deliberately not here: only sign-in reads it, so no
 * other code path can leak it.
 *
 * @param recentFailures keyed fingerprints of the last wrong passwords (never the passwords)
 * @param priorState the state recorded before an offboarding (JSON), for RestoreUser
 * @param version incremented by every change; the etag and the optimistic-lock check
 */
public record User(
    String id,
    UserName name,
    String displayName,
    String preferredLanguage,
    Set<Role> roles,
    boolean signInBlocked,
    Instant passwordChangedAt,
    boolean passwordChangeRequired,
    int failedAttempts,
    List<String> recentFailures,
    int lockoutCount,
    Instant lockedUntil,
    Set<MailProtocol> enabledProtocols,
    SendingRestriction restriction,
    int restrictionLiftCount,
    Instant offboardedAt,
    String priorState,
    Instant deletedAt,
    Instant createdAt,
    Instant updatedAt,
    long version) {

  public boolean lockedAt(Instant now) {
    return lockedUntil != null && now.isBefore(lockedUntil);
  }

  public boolean restrictedAt(Instant now) {
    return restriction != null && restriction.activeAt(now);
  }

  public boolean deleted() {
    return deletedAt != null;
  }

  /** A copy with a new value for one group of fields; see the {@code with*} methods. */
  public User withSignInBlocked(boolean blocked) {
    return new User(id, name, displayName, preferredLanguage, roles, blocked, passwordChangedAt,
        passwordChangeRequired, failedAttempts, recentFailures, lockoutCount, lockedUntil,
        enabledProtocols, restriction, restrictionLiftCount, offboardedAt, priorState, deletedAt,
        createdAt, updatedAt, version);
  }

  public User withRoles(Set<Role> newRoles) {
    return new User(id, name, displayName, preferredLanguage, Set.copyOf(newRoles), signInBlocked,
        passwordChangedAt, passwordChangeRequired, failedAttempts, recentFailures, lockoutCount,
        lockedUntil, enabledProtocols, restriction, restrictionLiftCount, offboardedAt, priorState,
        deletedAt, createdAt, updatedAt, version);
  }

  public User withPassword(Instant changedAt, boolean changeRequired) {
    return new User(id, name, displayName, preferredLanguage, roles, signInBlocked, changedAt,
        changeRequired, failedAttempts, recentFailures, lockoutCount, lockedUntil,
        enabledProtocols, restriction, restrictionLiftCount, offboardedAt, priorState, deletedAt,
        createdAt, updatedAt, version);
  }

  public User withLockout(int failed, List<String> recent, int count, Instant until) {
    return new User(id, name, displayName, preferredLanguage, roles, signInBlocked,
        passwordChangedAt, passwordChangeRequired, failed, List.copyOf(recent), count, until,
        enabledProtocols, restriction, restrictionLiftCount, offboardedAt, priorState, deletedAt,
        createdAt, updatedAt, version);
  }

  public User withProtocols(Set<MailProtocol> protocols) {
    return new User(id, name, displayName, preferredLanguage, roles, signInBlocked,
        passwordChangedAt, passwordChangeRequired, failedAttempts, recentFailures, lockoutCount,
        lockedUntil, Set.copyOf(protocols), restriction, restrictionLiftCount, offboardedAt,
        priorState, deletedAt, createdAt, updatedAt, version);
  }

  public User withRestriction(SendingRestriction newRestriction, int liftCount) {
    return new User(id, name, displayName, preferredLanguage, roles, signInBlocked,
        passwordChangedAt, passwordChangeRequired, failedAttempts, recentFailures, lockoutCount,
        lockedUntil, enabledProtocols, newRestriction, liftCount, offboardedAt, priorState,
        deletedAt, createdAt, updatedAt, version);
  }

  public User withOffboarding(Instant at, String prior) {
    return new User(id, name, displayName, preferredLanguage, roles, signInBlocked,
        passwordChangedAt, passwordChangeRequired, failedAttempts, recentFailures, lockoutCount,
        lockedUntil, enabledProtocols, restriction, restrictionLiftCount, at, prior, deletedAt,
        createdAt, updatedAt, version);
  }

  public User withDeletedAt(Instant at) {
    return new User(id, name, displayName, preferredLanguage, roles, signInBlocked,
        passwordChangedAt, passwordChangeRequired, failedAttempts, recentFailures, lockoutCount,
        lockedUntil, enabledProtocols, restriction, restrictionLiftCount, offboardedAt, priorState,
        at, createdAt, updatedAt, version);
  }
}
