package dev.accountadmin.connector.keycloak;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A user as Keycloak's admin API shows it to the service account.
 *
 * @param id Keycloak's id of the user (a UUID), what every other call names the user by
 * @param requiredActions what the user must do at next sign-in, e.g. {@code UPDATE_PASSWORD}
 * @param attributes the attributes the realm's user profile lets an admin see
 * @param createdAt when the user was created ({@code createdTimestamp}), or null if Keycloak did not say
 */
public record KeycloakUser(String id, String username, String email, boolean enabled, List<String> requiredActions,
    Map<String, List<String>> attributes, Instant createdAt) {
  public KeycloakUser {
    requiredActions = List.copyOf(requiredActions);
    attributes = Map.copyOf(attributes);
  }
}
