package dev.accountadmin.connector.keycloak;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * Where a Keycloak directory is and how the connector signs in to it: the client-credentials grant
 * of a confidential client in the target realm, whose service account holds the roles listed in
 * {@link KeycloakAdminClient}. The secret comes from the caller (read from the environment or a
 * file), is kept as a copy of the characters given, and is never part of {@link #toString()}.
 *
 * @param directory the directory's configured name, used in every error
 * @param baseUrl Keycloak's base URL, e.g. {@code https://sso.example.com} (no {@code /admin})
 * @param realm the realm that holds the users, and the service account's client
 * @param clientId the confidential client whose service account the connector acts as
 * @param clientSecret that client's secret
 * @param requestTimeout the longest one HTTP call may take before it counts as unavailable
 */
public record KeycloakSettings(String directory, URI baseUrl, String realm, String clientId, char[] clientSecret,
    Duration requestTimeout) {
  public KeycloakSettings {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(realm, "realm");
    Objects.requireNonNull(clientId, "clientId");
    clientSecret = Objects.requireNonNull(clientSecret, "clientSecret").clone();
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    var url = baseUrl.toString();
    if (url.endsWith("/")) {
      baseUrl = URI.create(url.substring(0, url.length() - 1));
    }
  }

  /** Settings with a 10-second timeout per call. */
  public KeycloakSettings(String directory, URI baseUrl, String realm, String clientId, char[] clientSecret) {
    this(directory, baseUrl, realm, clientId, clientSecret, Duration.ofSeconds(10));
  }

  @Override
  public char[] clientSecret() {
    return clientSecret.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof KeycloakSettings o && directory.equals(o.directory) && baseUrl.equals(o.baseUrl)
        && realm.equals(o.realm) && clientId.equals(o.clientId) && Arrays.equals(clientSecret, o.clientSecret)
        && requestTimeout.equals(o.requestTimeout);
  }

  @Override
  public int hashCode() {
    return Objects.hash(directory, baseUrl, realm, clientId, requestTimeout);
  }

  @Override
  public String toString() {
    return "KeycloakSettings[directory=" + directory + ", baseUrl=" + baseUrl + ", realm=" + realm + ", clientId="
        + clientId + ", clientSecret=(hidden), requestTimeout=" + requestTimeout + "]";
  }
}
