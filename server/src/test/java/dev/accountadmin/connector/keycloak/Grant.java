package dev.accountadmin.connector.keycloak;

/**
 * What Keycloak's token endpoint answered: tokens, or its OAuth error and description
 * (e.g. {@code invalid_grant}, "Account is not fully set up").
 */
record Grant(int status, String error, String description, String accessToken, String refreshToken) {
  boolean ok() {
    return status == 200 && accessToken != null;
  }
}
