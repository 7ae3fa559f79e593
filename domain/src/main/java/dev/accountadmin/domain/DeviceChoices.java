package dev.accountadmin.domain;

/**
 * What a request chose about mobile devices.
 *
 * @param wipe mark every device of the user wipe-pending (delivered at its next sync)
 * @param block refuse every device's next sync
 */
public record DeviceChoices(boolean wipe, boolean block) {
  public static final DeviceChoices NONE = new DeviceChoices(false, false);
}
