package dev.accountadmin.connector.keycloak;

import java.time.Instant;
import java.util.Optional;

/**
 * What Keycloak's brute-force detection holds about a user.
 *
 * @param locked true while Keycloak refuses the user's sign-ins after too many failures
 *     (Keycloak calls it {@code disabled}; the user's {@code enabled} flag is untouched)
 * @param failures the failed sign-ins Keycloak counted ({@code numFailures})
 * @param lastFailure when the last of them was, if Keycloak counts any
 */
public record BruteForceStatus(boolean locked, int failures, Optional<Instant> lastFailure) {
  /** No failure counted. */
  public static final BruteForceStatus CLEAR = new BruteForceStatus(false, 0, Optional.empty());

  /** True when there is nothing to clear. */
  public boolean clear() {
    return !locked && failures == 0;
  }
}
