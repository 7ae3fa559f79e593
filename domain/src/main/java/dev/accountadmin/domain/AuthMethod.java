package dev.accountadmin.domain;

import java.time.Instant;

/**
 * One of a user's authentication methods, as anyone may see it: its secret (an authenticator's
 * key, an app password's hash) is not here, so no code path outside sign-in can leak it.
 *
 * @param displayName the name the user gave it; for an alternate email, the address
 * @param registeredAt when it was registered; null for an authenticator begun but not confirmed
 * @param lastUsedAt when it last signed the user in; null when never
 */
public record AuthMethod(String id, String userId, MethodKind kind, String displayName, Instant createdAt,
    Instant registeredAt, Instant lastUsedAt) {

  public boolean registered() {
    return registeredAt != null;
  }
}
