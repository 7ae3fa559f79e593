package dev.accountadmin.connector.keycloak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * A user going through Keycloak's own sign-in pages, as a browser would: the authorization-code
 * flow's login form, then the "update password" form Keycloak shows for the {@code UPDATE_PASSWORD}
 * required action. The password grant cannot complete a required action ("Account is not fully
 * set up"), so this is how a user with a temporary password gets to choose their own.
 *
 * <p>Cookies are kept by hand: Keycloak marks its session cookies {@code Secure} even on plain
 * http to 127.0.0.1 (a browser's secure context), which {@link java.net.CookieManager} would not
 * send back over http.
 */
final class LoginPages {
  /** Registered on the realm's portal client; Keycloak redirects there with the code, and nothing is fetched. */
  static final String REDIRECT_URI = "http://127.0.0.1/signed-in";

  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private final Map<String, String> cookies = new LinkedHashMap<>();
  private final String baseUrl;

  LoginPages(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /**
   * Signs in with {@code temporary}, answers the update-password form with {@code chosen}, and
   * returns where Keycloak sent the browser afterwards: the redirect URI with a code when the
   * sign-in is complete.
   */
  String signInAndChoosePassword(String realm, String clientId, String username, String temporary, String chosen) {
    var login = page(get(baseUrl + "/realms/" + realm + "/protocol/openid-connect/auth?client_id=" + enc(clientId)
        + "&redirect_uri=" + enc(REDIRECT_URI) + "&response_type=code&scope=openid"));
    var update = page(post(action(login, "kc-form-login"), Map.of("username", username, "password", temporary)));
    var done = post(action(update, "kc-passwd-update-form"),
        Map.of("password-new", chosen, "password-confirm", chosen));
    if (done.statusCode() != 302) {
      throw new IllegalStateException("update password: HTTP " + done.statusCode() + ", "
          + Jsoup.parse(done.body()).title());
    }
    return done.headers().firstValue("Location").orElseThrow();
  }

  /** The page a response leads to, following Keycloak's own redirects (it answers a form with one). */
  private Document page(HttpResponse<String> response) {
    for (int hops = 0; hops < 5 && (response.statusCode() == 302 || response.statusCode() == 303); hops++) {
      var location = URI.create(baseUrl).resolve(response.headers().firstValue("Location").orElseThrow()).toString();
      if (!location.startsWith(baseUrl)) {
        throw new IllegalStateException("login page: sent away from Keycloak");
      }
      response = get(location);
    }
    if (response.statusCode() != 200) {
      throw new IllegalStateException("login page: HTTP " + response.statusCode());
    }
    return Jsoup.parse(response.body());
  }

  private static String action(Document page, String formId) {
    var form = page.getElementById(formId);
    if (form == null) {
      throw new IllegalStateException("no form " + formId + " on the page \"" + page.title() + "\"");
    }
    return form.attr("action");
  }

  private HttpResponse<String> get(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET());
  }

  private HttpResponse<String> post(String url, Map<String, String> fields) {
    var form = fields.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
        .collect(Collectors.joining("&"));
    return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    request.timeout(Duration.ofSeconds(60));
    if (!cookies.isEmpty()) {
      request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
          .collect(Collectors.joining("; ")));
    }
    try {
      var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      for (var header : response.headers().allValues("Set-Cookie")) {
        var pair = header.split(";", 2)[0];
        var eq = pair.indexOf('=');
        if (eq > 0 && eq == pair.length() - 1) {
          cookies.remove(pair.substring(0, eq).trim()); // an expired cookie
        } else if (eq > 0) {
          cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
      }
      return response;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
