package dev.accountadmin.connector.keycloak;

/**
 * Keycloak could not be reached, timed out, or answered that it cannot serve now (502, 503, 504).
 * Nothing is known to have changed by the call that failed; the same call may be made again.
 */
public final class KeycloakUnavailableException extends KeycloakException {
  KeycloakUnavailableException(String directory, String message, Throwable cause) {
    super(directory, message + "; retryable", cause);
  }

  @Override
  public boolean retryable() {
    return true;
  }
}
