package dev.accountadmin.domain;

import java.time.Instant;

/**
 * A session as the directory keeps it; refresh tokens only as SHA-256 digests.
 *
 * @param refreshHash the digest of the current refresh token
 */
public record Session(String id, String userId, ClientApp clientApp, Instant createdAt,
    String refreshHash, Instant accessExpiresAt, Instant refreshExpiresAt, Instant revokedAt) {

  public boolean revoked() {
    return revokedAt != null;
  }
}
