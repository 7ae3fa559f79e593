package dev.accountadmin.server.auth;

import java.time.Duration;

/**
 * The sign-in rules: smart lockout, token lifetimes, password policy.
 *
 * @param lockoutThreshold failed attempts that lock an account
 * @param lockoutDuration the first lockout's length; each further lockout doubles it
 * @param lockoutCap the longest lockout
 * @param recentFailuresRemembered wrong passwords remembered so that a repeat counts once
 * @param accessTokenLifetime how long an access token is valid
 * @param refreshTokenLifetime how long a session can be refreshed
 * @param minimumPasswordLength the shortest password accepted
 */
public record AuthPolicy(
    int lockoutThreshold,
    Duration lockoutDuration,
    Duration lockoutCap,
    int recentFailuresRemembered,
    Duration accessTokenLifetime,
    Duration refreshTokenLifetime,
    int minimumPasswordLength) {

  public static final AuthPolicy DEFAULT = new AuthPolicy(10, Duration.ofSeconds(60),
      Duration.ofHours(1), 3, Duration.ofHours(1), Duration.ofDays(14), 12);

  /** The length of lockout number {@code count} (from 1): doubling, capped. */
  public Duration lockoutLength(int count) {
    var length = lockoutDuration;
    for (int i = 1; i < count && length.compareTo(lockoutCap) < 0; i++) {
      length = length.multipliedBy(2);
    }
    return length.compareTo(lockoutCap) > 0 ? lockoutCap : length;
  }
}
