package dev.accountadmin.domain;

/** Where a device's wipe stands; matches {@code accountadmin.v1.DeviceWipeState}. */
public enum DeviceWipeState {
  /** Asked for; the device gets the command at its next sync. Nothing is erased yet. */
  PENDING,
  /** The device acknowledged the wipe: its data is gone, and nothing can undo that. */
  CONFIRMED,
  /** A pending wipe withdrawn before any device received it. */
  CANCELLED
}
