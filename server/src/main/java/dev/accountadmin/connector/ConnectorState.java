package dev.accountadmin.connector;

/**
 * What a connector keeps about one user in the built-in store (AD: the OU and description before
 * an offboarding, the privileged groups it left), opaque to everything else. A connector sets it
 * before each change it makes: the framework keeps the last value even when a later change fails,
 * so that a retry or a restore still knows what was there.
 */
public final class ConnectorState {
  private String value;

  ConnectorState(String value) {
    this.value = value == null ? "" : value;
  }

  /** Empty when nothing is kept. */
  public String get() {
    return value;
  }

  public void set(String newValue) {
    value = newValue == null ? "" : newValue;
  }
}
