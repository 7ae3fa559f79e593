package dev.accountadmin.connector.keycloak;

/**
 * The realm is set up in a way the connector cannot work with, e.g. its user profile silently
 * drops the attributes restore state is kept in. The message says what to change.
 */
public final class KeycloakConfigurationException extends KeycloakException {
  KeycloakConfigurationException(String directory, String message) {
    super(directory, message, null);
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
