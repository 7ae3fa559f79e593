package dev.accountadmin.domain;

/** What a request chose about mobile devices (wipe, block). */
public record DeviceChoices() {
  public static final DeviceChoices NONE = new DeviceChoices();
}
