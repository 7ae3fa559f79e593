package dev.accountadmin.connector.keycloak;

import java.util.List;

/**
 * Everything a plan needs to know about a Keycloak user, read live.
 *
 * @param sessions the user's online sessions
 * @param offlineSessions the user's offline sessions (offline tokens), over every client
 * @param roleMappings the roles mapped directly to the user (not through groups or composites)
 * @param restoreState what an offboarding recorded for restore, if any
 */
public record KeycloakUserState(KeycloakUser user, BruteForceStatus bruteForce, int sessions, int offlineSessions,
    List<RoleMapping> roleMappings, RestoreState restoreState) {
  public KeycloakUserState {
    roleMappings = List.copyOf(roleMappings);
  }
}
