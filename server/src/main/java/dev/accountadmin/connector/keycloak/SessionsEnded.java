package dev.accountadmin.connector.keycloak;

import java.util.List;

/**
 * The result of logging a user out everywhere. Access tokens already issued are JWTs that
 * resource servers check offline: they stay valid until they expire (the realm's access token
 * lifespan, 5 minutes by default); refresh and offline tokens are refused from now on.
 *
 * @param sessionsFound the online sessions the user had
 * @param offlineSessionsFound the offline sessions (offline tokens) the user had
 * @param consentsRevoked the clientIds whose consent and offline tokens were revoked
 * @param loggedOut whether the logout was sent (not when there was no session, consent or offline token)
 */
public record SessionsEnded(int sessionsFound, int offlineSessionsFound, List<String> consentsRevoked,
    boolean loggedOut) {
  public SessionsEnded {
    consentsRevoked = List.copyOf(consentsRevoked);
  }

  /** False when there was nothing to end. */
  public boolean changed() {
    return loggedOut || !consentsRevoked.isEmpty();
  }
}
