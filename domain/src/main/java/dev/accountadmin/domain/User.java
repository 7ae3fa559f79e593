package dev.accountadmin.domain;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A user as stored. The password hash is deliberately not here: only sign-in reads it, so no
 * other code path can leak it. Built and changed through {@link Builder}: with 21 fields, a
 * positional constructor call is a transposition waiting to happen.
 *
 * @param recentFailures keyed fingerprints of the last wrong passwords (never the passwords)
 * @param priorState the state recorded before an offboarding, for RestoreUser
 * @param version incremented by every change; the etag and the optimistic-lock check
 * @param directory the configured external directory that holds the user; empty for the built-in one
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
    PriorState priorState,
    Instant deletedAt,
    Instant createdAt,
    Instant updatedAt,
    long version,
    String directory) {

  public boolean lockedAt(Instant now) {
    return lockedUntil != null && now.isBefore(lockedUntil);
  }

  public boolean restrictedAt(Instant now) {
    return restriction != null && restriction.activeAt(now);
  }

  public boolean deleted() {
    return deletedAt != null;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    var b = new Builder();
    b.id = id;
    b.name = name;
    b.displayName = displayName;
    b.preferredLanguage = preferredLanguage;
    b.roles = roles;
    b.signInBlocked = signInBlocked;
    b.passwordChangedAt = passwordChangedAt;
    b.passwordChangeRequired = passwordChangeRequired;
    b.failedAttempts = failedAttempts;
    b.recentFailures = recentFailures;
    b.lockoutCount = lockoutCount;
    b.lockedUntil = lockedUntil;
    b.enabledProtocols = enabledProtocols;
    b.restriction = restriction;
    b.restrictionLiftCount = restrictionLiftCount;
    b.offboardedAt = offboardedAt;
    b.priorState = priorState;
    b.deletedAt = deletedAt;
    b.createdAt = createdAt;
    b.updatedAt = updatedAt;
    b.version = version;
    b.directory = directory;
    return b;
  }

  public User withSignInBlocked(boolean blocked) {
    return toBuilder().signInBlocked(blocked).build();
  }

  public User withRoles(Set<Role> newRoles) {
    return toBuilder().roles(Set.copyOf(newRoles)).build();
  }

  public User withPassword(Instant changedAt, boolean changeRequired) {
    return toBuilder().passwordChangedAt(changedAt).passwordChangeRequired(changeRequired).build();
  }

  public User withLockout(int failed, List<String> recent, int count, Instant until) {
    return toBuilder().failedAttempts(failed).recentFailures(List.copyOf(recent)).lockoutCount(count).lockedUntil(until).build();
  }

  public User withProtocols(Set<MailProtocol> protocols) {
    return toBuilder().enabledProtocols(Set.copyOf(protocols)).build();
  }

  public User withRestriction(SendingRestriction newRestriction, int liftCount) {
    return toBuilder().restriction(newRestriction).restrictionLiftCount(liftCount).build();
  }

  public User withOffboarding(Instant at, PriorState prior) {
    return toBuilder().offboardedAt(at).priorState(prior).build();
  }

  public User withDeletedAt(Instant at) {
    return toBuilder().deletedAt(at).build();
  }

  /** Builds a user field by field; unset collections are empty, unset numbers zero. */
  public static final class Builder {
    private String id;
    private UserName name;
    private String displayName;
    private String preferredLanguage;
    private Set<Role> roles = Set.of();
    private boolean signInBlocked;
    private Instant passwordChangedAt;
    private boolean passwordChangeRequired;
    private int failedAttempts;
    private List<String> recentFailures = List.of();
    private int lockoutCount;
    private Instant lockedUntil;
    private Set<MailProtocol> enabledProtocols = Set.of();
    private SendingRestriction restriction;
    private int restrictionLiftCount;
    private Instant offboardedAt;
    private PriorState priorState;
    private Instant deletedAt;
    private Instant createdAt;
    private Instant updatedAt;
    private long version;
    private String directory = "";

    private Builder() {}

    public Builder id(String v) { id = v; return this; }
    public Builder name(UserName v) { name = v; return this; }
    public Builder displayName(String v) { displayName = v; return this; }
    public Builder preferredLanguage(String v) { preferredLanguage = v; return this; }
    public Builder roles(Set<Role> v) { roles = v; return this; }
    public Builder signInBlocked(boolean v) { signInBlocked = v; return this; }
    public Builder passwordChangedAt(Instant v) { passwordChangedAt = v; return this; }
    public Builder passwordChangeRequired(boolean v) { passwordChangeRequired = v; return this; }
    public Builder failedAttempts(int v) { failedAttempts = v; return this; }
    public Builder recentFailures(List<String> v) { recentFailures = v; return this; }
    public Builder lockoutCount(int v) { lockoutCount = v; return this; }
    public Builder lockedUntil(Instant v) { lockedUntil = v; return this; }
    public Builder enabledProtocols(Set<MailProtocol> v) { enabledProtocols = v; return this; }
    public Builder restriction(SendingRestriction v) { restriction = v; return this; }
    public Builder restrictionLiftCount(int v) { restrictionLiftCount = v; return this; }
    public Builder offboardedAt(Instant v) { offboardedAt = v; return this; }
    public Builder priorState(PriorState v) { priorState = v; return this; }
    public Builder deletedAt(Instant v) { deletedAt = v; return this; }
    public Builder createdAt(Instant v) { createdAt = v; return this; }
    public Builder updatedAt(Instant v) { updatedAt = v; return this; }
    public Builder version(long v) { version = v; return this; }
    public Builder directory(String v) { directory = v; return this; }

    public User build() {
      return new User(id, name, displayName, preferredLanguage, roles, signInBlocked, passwordChangedAt,
          passwordChangeRequired, failedAttempts, recentFailures, lockoutCount, lockedUntil, enabledProtocols,
          restriction, restrictionLiftCount, offboardedAt, priorState, deletedAt, createdAt, updatedAt, version, directory);
    }
  }
}
