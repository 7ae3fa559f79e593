package dev.accountadmin.connector.keycloak;

/** No user in the realm has that username or email (or the user was deleted during the call). */
public final class KeycloakUserNotFoundException extends KeycloakException {
  private final String user;

  KeycloakUserNotFoundException(String directory, String realm, String user) {
    super(directory, "no user '" + user + "' in realm '" + realm + "'", null);
    this.user = user;
  }

  /** The username or email that was looked up. */
  public String user() {
    return user;
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
