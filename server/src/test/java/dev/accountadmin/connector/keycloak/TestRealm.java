package dev.accountadmin.connector.keycloak;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The realm the tests act on, set up once per run as an organisation would: brute-force
 * protection on (3 failures lock for an hour, not for good), a public client that allows password
 * grants (the "sign-in" the tests prove effects with) and the sign-in pages, the connector's confidential client whose
 * service account holds exactly the least roles {@link KeycloakAdminClient} lists, a second one
 * that can only read, an application client with its own roles, and the user profile declaring
 * the restore attributes.
 */
final class TestRealm {
  static final String NAME = "accountadmin-test";
  static final String DIRECTORY = "corp-keycloak";
  /** The public client users sign in with (password grant). */
  static final String PORTAL = "portal";
  /** The connector's client: view-users, query-users, manage-users, view-clients. */
  static final String CONNECTOR = "accountadmin";
  /** A client whose service account may only read users. */
  static final String READER = "accountadmin-reader";
  /** An application with roles of its own. */
  static final String PAYROLL = "payroll";
  static final int FAILURE_FACTOR = 3;
  static final List<String> CONNECTOR_ROLES = List.of("view-users", "query-users", "manage-users", "view-clients");

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final AtomicInteger USERS = new AtomicInteger();

  final KeycloakServer server;
  final String connectorSecret = password();
  final String readerSecret = password();

  private TestRealm(KeycloakServer server) {
    this.server = server;
  }

  static TestRealm create(KeycloakServer server) {
    var realm = new TestRealm(server);
    realm.setUp();
    return realm;
  }

  /** A secret or password from SecureRandom. */
  static String password() {
    var bytes = new byte[18];
    RANDOM.nextBytes(bytes);
    return "Kc-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private void setUp() {
    // quickLoginCheckMilliSeconds=1: failures in quick succession count like any other, so that
    // exactly FAILURE_FACTOR of them lock the user.
    server.admin("POST", "/admin/realms", "{\"realm\":\"" + NAME + "\",\"enabled\":true,"
        + "\"bruteForceProtected\":true,\"permanentLockout\":false,\"failureFactor\":" + FAILURE_FACTOR + ","
        + "\"waitIncrementSeconds\":3600,\"maxFailureWaitSeconds\":3600,\"quickLoginCheckMilliSeconds\":1,"
        + "\"minimumQuickLoginWaitSeconds\":3600,\"maxDeltaTimeSeconds\":43200}");
    var profile = KeycloakServer.object(server.admin("GET", realm("/users/profile"), null));
    for (var name : List.of(KeycloakAdminClient.OFFBOARDED_AT, KeycloakAdminClient.REMOVED_ROLES)) {
      var attribute = new JsonObject();
      attribute.addProperty("name", name);
      attribute.addProperty("displayName", name);
      attribute.addProperty("multivalued", false);
      var permissions = new JsonObject();
      permissions.add("view", strings("admin"));
      permissions.add("edit", strings("admin"));
      attribute.add("permissions", permissions);
      attribute.add("validations", new JsonObject());
      profile.getAsJsonArray("attributes").add(attribute);
    }
    server.admin("PUT", realm("/users/profile"), profile.toString());
    server.admin("POST", realm("/clients"), "{\"clientId\":\"" + PORTAL + "\",\"publicClient\":true,"
        + "\"directAccessGrantsEnabled\":true,\"standardFlowEnabled\":true,\"redirectUris\":[\""
        + LoginPages.REDIRECT_URI + "\"]}");
    serviceAccount(CONNECTOR, connectorSecret, CONNECTOR_ROLES);
    serviceAccount(READER, readerSecret, List.of("view-users", "query-users"));
    server.admin("POST", realm("/clients"), "{\"clientId\":\"" + PAYROLL + "\",\"publicClient\":false,"
        + "\"standardFlowEnabled\":false,\"directAccessGrantsEnabled\":false}");
    var payroll = clientUuid(PAYROLL);
    for (var role : List.of("admin", "viewer")) {
      server.admin("POST", realm("/clients/" + payroll + "/roles"), "{\"name\":\"" + role + "\"}");
    }
    for (var role : List.of("admin", "staff")) {
      server.admin("POST", realm("/roles"), "{\"name\":\"" + role + "\"}");
    }
  }

  private void serviceAccount(String clientId, String secret, List<String> roles) {
    server.admin("POST", realm("/clients"), "{\"clientId\":\"" + clientId + "\",\"publicClient\":false,"
        + "\"secret\":\"" + secret + "\",\"serviceAccountsEnabled\":true,\"standardFlowEnabled\":false,"
        + "\"directAccessGrantsEnabled\":false}");
    var account = KeycloakServer.object(server.admin("GET", realm("/clients/" + clientUuid(clientId)
        + "/service-account-user"), null)).get("id").getAsString();
    mapClientRoles(account, "realm-management", roles.toArray(String[]::new));
  }

  static String realm(String path) {
    return "/admin/realms/" + NAME + path;
  }

  String clientUuid(String clientId) {
    return KeycloakServer.first(server.admin("GET", realm("/clients?clientId=" + clientId), null)).orElseThrow()
        .get("id").getAsString();
  }

  // ---- the connector ----

  /** The connector as configured for this realm: its least-roles service account. */
  KeycloakAdminClient client() {
    return KeycloakAdminClient.create(settings(CONNECTOR, connectorSecret));
  }

  KeycloakAdminClient client(String clientId, String secret, Clock clock) {
    return new KeycloakAdminClient(settings(clientId, secret), java.net.http.HttpClient.newHttpClient(), clock);
  }

  KeycloakSettings settings(String clientId, String secret) {
    return new KeycloakSettings(DIRECTORY, URI.create(server.baseUrl()), NAME, clientId, secret.toCharArray());
  }

  // ---- users ----

  /** A new enabled user with a password, unique in this run. */
  TestUser newUser(String prefix) {
    var username = prefix + "-" + USERS.incrementAndGet();
    var email = username + "@contoso.example";
    var password = password();
    var response = server.adminResponse("POST", realm("/users"), "{\"username\":\"" + username + "\","
        + "\"enabled\":true,\"email\":\"" + email + "\",\"emailVerified\":true,\"firstName\":\"Test\","
        + "\"lastName\":\"" + username + "\",\"credentials\":[{\"type\":\"password\",\"value\":\"" + password
        + "\",\"temporary\":false}]}");
    if (response.statusCode() != 201) {
      throw new IllegalStateException("create user: HTTP " + response.statusCode() + " " + response.body());
    }
    return new TestUser(KeycloakServer.createdId(response), username, email, password);
  }

  void mapRealmRoles(TestUser user, String... names) {
    var roles = new JsonArray();
    for (var name : names) {
      roles.add(KeycloakServer.object(server.admin("GET", realm("/roles/" + name), null)));
    }
    server.admin("POST", realm("/users/" + user.id() + "/role-mappings/realm"), roles.toString());
  }

  void mapClientRoles(TestUser user, String clientId, String... names) {
    mapClientRoles(user.id(), clientId, names);
  }

  private void mapClientRoles(String userId, String clientId, String... names) {
    var uuid = clientUuid(clientId);
    var roles = new JsonArray();
    for (var name : names) {
      roles.add(KeycloakServer.object(server.admin("GET", realm("/clients/" + uuid + "/roles/" + name), null)));
    }
    server.admin("POST", realm("/users/" + userId + "/role-mappings/clients/" + uuid), roles.toString());
  }

  /** The user's direct role mappings as the master admin sees them: "admin", "payroll/viewer". */
  Set<String> directRoles(TestUser user) {
    var names = new java.util.TreeSet<String>();
    for (var role : JsonParser.parseString(server.admin("GET", realm("/users/" + user.id()
        + "/role-mappings/realm"), null)).getAsJsonArray()) {
      names.add(role.getAsJsonObject().get("name").getAsString());
    }
    var all = KeycloakServer.object(server.admin("GET", realm("/users/" + user.id() + "/role-mappings"), null));
    if (all.has("clientMappings")) {
      for (var client : all.getAsJsonObject("clientMappings").entrySet()) {
        for (var role : client.getValue().getAsJsonObject().getAsJsonArray("mappings")) {
          names.add(client.getKey() + "/" + role.getAsJsonObject().get("name").getAsString());
        }
      }
    }
    return names;
  }

  // ---- signing in, to prove what the connector did ----

  /** The password grant on the portal client; {@code offline} asks for an offline token. */
  Grant signIn(String username, String password, boolean offline) {
    return grant("grant_type=password&client_id=" + PORTAL + "&username=" + enc(username) + "&password="
        + enc(password) + (offline ? "&scope=offline_access" : ""));
  }

  Grant signIn(TestUser user) {
    return signIn(user.username(), user.password(), false);
  }

  /**
   * Keycloak's sign-in pages with a temporary password, then its update-password form: where the
   * browser is sent once the required action is complete.
   */
  String choosePassword(String username, String temporary, String chosen) {
    return new LoginPages(server.baseUrl()).signInAndChoosePassword(NAME, PORTAL, username, temporary, chosen);
  }

  /** The refresh-token grant: refused once the session is gone or the user disabled. */
  Grant refresh(String refreshToken) {
    return grant("grant_type=refresh_token&client_id=" + PORTAL + "&refresh_token=" + enc(refreshToken));
  }

  private Grant grant(String form) {
    var response = server.post("/realms/" + NAME + "/protocol/openid-connect/token", form);
    var json = KeycloakServer.object(response.body());
    return new Grant(response.statusCode(), text(json, "error"), text(json, "error_description"),
        text(json, "access_token"), text(json, "refresh_token"));
  }

  private static String text(JsonObject json, String field) {
    return json.has(field) ? json.get(field).getAsString() : null;
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static JsonArray strings(String... values) {
    var array = new JsonArray();
    for (var v : values) {
      array.add(v);
    }
    return array;
  }
}
