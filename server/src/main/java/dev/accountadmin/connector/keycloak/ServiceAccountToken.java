package dev.accountadmin.connector.keycloak;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * The service account's access token: obtained with the client-credentials grant, kept until
 * shortly before it expires, obtained again after that or after Keycloak refused it.
 */
final class ServiceAccountToken {
  /** A token is renewed this long before it expires, so that it does not expire on the way. */
  static final Duration RENEW_BEFORE_EXPIRY = Duration.ofSeconds(30);

  private final KeycloakSettings settings;
  private final HttpClient http;
  private final Clock clock;
  private String token;
  private Instant renewAt = Instant.MIN;

  ServiceAccountToken(KeycloakSettings settings, HttpClient http, Clock clock) {
    this.settings = settings;
    this.http = http;
    this.clock = clock;
  }

  /** A valid access token, from the cache when it has one that is not about to expire. */
  synchronized String bearer() {
    if (token == null || !clock.instant().isBefore(renewAt)) {
      obtain();
    }
    return token;
  }

  /** Forgets the token (Keycloak refused it: revoked, or the realm's keys changed). */
  synchronized void invalidate() {
    token = null;
  }

  private void obtain() {
    var directory = settings.directory();
    var url = URI.create(settings.baseUrl() + "/realms/" + KeycloakAdminClient.segment(settings.realm())
        + "/protocol/openid-connect/token");
    var secret = settings.clientSecret();
    byte[] body;
    try {
      body = SecretBytes.concat(("grant_type=client_credentials&client_id="
          + java.net.URLEncoder.encode(settings.clientId(), StandardCharsets.UTF_8) + "&client_secret=")
          .getBytes(StandardCharsets.US_ASCII), SecretBytes.formEncoded(secret), new byte[0]);
    } finally {
      Arrays.fill(secret, '\0');
    }
    Instant asked = clock.instant();
    HttpResponse<String> response;
    try {
      response = http.send(HttpRequest.newBuilder(url).timeout(settings.requestTimeout())
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new KeycloakUnavailableException(directory, "cannot reach " + settings.baseUrl() + " to sign in ("
          + e.getClass().getSimpleName() + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KeycloakUnavailableException(directory, "interrupted while signing in", e);
    } finally {
      Arrays.fill(body, (byte) 0);
    }
    int status = response.statusCode();
    if (status == 200) {
      var json = JsonParser.parseString(response.body()).getAsJsonObject();
      token = json.get("access_token").getAsString();
      var lifetime = Duration.ofSeconds(json.has("expires_in") ? json.get("expires_in").getAsLong() : 60);
      // A short-lived token is renewed at half its life rather than never used.
      var margin = lifetime.compareTo(RENEW_BEFORE_EXPIRY.multipliedBy(2)) < 0 ? lifetime.dividedBy(2)
          : RENEW_BEFORE_EXPIRY;
      renewAt = asked.plus(lifetime).minus(margin);
      return;
    }
    var error = KeycloakAdminClient.errorOf(response.body());
    if (status == 401 || status == 403 || (status == 400 && (error.equals("invalid_client")
        || error.equals("unauthorized_client")))) {
      throw new KeycloakPermissionException(directory, "sign in as client '" + settings.clientId() + "'", status,
          error.isEmpty() ? "the client's credentials were refused" : error);
    }
    if (status == 502 || status == 503 || status == 504) {
      throw new KeycloakUnavailableException(directory, "sign-in answered HTTP " + status, null);
    }
    if (status == 404) {
      throw new KeycloakConfigurationException(directory, "no realm '" + settings.realm() + "' at "
          + settings.baseUrl());
    }
    throw new KeycloakRejectedException(directory, "sign in as client '" + settings.clientId() + "'", status, error);
  }
}
