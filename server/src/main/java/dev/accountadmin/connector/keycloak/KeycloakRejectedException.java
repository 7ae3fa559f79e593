package dev.accountadmin.connector.keycloak;

/**
 * Keycloak answered with an error that is neither a permission nor an outage: a password its
 * policy refuses (400), a conflict (409), a server error (500). Carries Keycloak's error code,
 * never the request's body.
 */
public final class KeycloakRejectedException extends KeycloakException {
  private final int status;
  private final String error;

  KeycloakRejectedException(String directory, String operation, int status, String error) {
    super(directory, operation + " failed (HTTP " + status + ")" + (error.isEmpty() ? "" : ": " + error), null);
    this.status = status;
    this.error = error;
  }

  /** The HTTP status Keycloak answered with. */
  public int status() {
    return status;
  }

  /** Keycloak's error code or message (e.g. "invalidPasswordMinLengthMessage"), or "" if it gave none. */
  public String error() {
    return error;
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
