package dev.accountadmin.domain;

import java.time.Instant;

/**
 * A mobile device as the directory keeps it, registered at its first Exchange ActiveSync sync.
 *
 * @param blockedBy the correlation of the procedure that blocked it (null: not blocked, or by hand)
 * @param wipeRequestedAt when a wipe was asked for; pending until {@code wipeConfirmedAt}
 * @param wipeConfirmedAt when the device acknowledged the wipe: from then on it cannot be undone
 */
public record Device(String userId, String deviceId, String model, Instant firstSyncAt,
    Instant lastSyncAt, Instant blockedAt, String blockedBy, Instant wipeRequestedAt,
    String wipeRequestedBy, Instant wipeConfirmedAt) {

  public boolean blocked() {
    return blockedAt != null;
  }

  public boolean wipePending() {
    return wipeRequestedAt != null && wipeConfirmedAt == null;
  }

  public boolean wipeConfirmed() {
    return wipeConfirmedAt != null;
  }
}
