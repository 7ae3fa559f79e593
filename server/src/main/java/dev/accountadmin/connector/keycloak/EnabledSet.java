package dev.accountadmin.connector.keycloak;

/**
 * The result of setting a user's {@code enabled} flag (sign-in blocked or allowed).
 *
 * @param wasEnabled the flag before
 * @param enabled the flag now
 */
public record EnabledSet(boolean wasEnabled, boolean enabled) {
  /** False when the flag already had the value asked for, and nothing was sent. */
  public boolean changed() {
    return wasEnabled != enabled;
  }
}
