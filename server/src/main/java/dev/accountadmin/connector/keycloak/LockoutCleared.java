package dev.accountadmin.connector.keycloak;

/**
 * The result of clearing a user's brute-force lockout.
 *
 * @param found what brute-force detection held before: locked or not, and the failed count
 * @param changed false when there was nothing to clear, and nothing was sent
 */
public record LockoutCleared(BruteForceStatus found, boolean changed) {}
