package dev.accountadmin.connector.keycloak;

/**
 * A Keycloak call that did not do what was asked. Every one names the directory it was for and
 * says whether trying again later can help; none carries a password, a secret or a token, so the
 * message may be logged and shown.
 */
public abstract sealed class KeycloakException extends RuntimeException
    permits KeycloakUnavailableException, KeycloakPermissionException, KeycloakUserNotFoundException,
        KeycloakRejectedException, KeycloakConfigurationException {
  private final String directory;

  KeycloakException(String directory, String message, Throwable cause) {
    super("Keycloak directory '" + directory + "': " + message, cause);
    this.directory = directory;
  }

  /** The configured name of the directory the call was for. */
  public String directory() {
    return directory;
  }

  /** True when the same call may succeed later without anyone changing anything. */
  public abstract boolean retryable();
}
