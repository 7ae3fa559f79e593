package dev.accountadmin.connector.keycloak;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The operations AccountAdmin's procedures need from one Keycloak realm, over its admin REST API.
 * Each one looks first and acts only on what it found, so that calling it again changes nothing
 * and says so; each returns what it found and what it did.
 *
 * <p>The connector signs in as the service account of a confidential client in the realm (client
 * credentials grant). The least roles that account needs, all of the realm's {@code
 * realm-management} client, found against Keycloak 26.7:
 *
 * <ul>
 *   <li>{@code view-users}: read a user, brute-force status, sessions, offline sessions, consents,
 *       realm role mappings (it includes {@code query-users}, needed to find a user by username or email);
 *   <li>{@code manage-users}: clear a lockout, reset a password, enable and disable, log out, revoke
 *       consents and offline tokens, write the restore attributes, map and unmap roles;
 *   <li>{@code view-clients}: read a user's client role mappings and find a client by clientId
 *       (with {@code query-clients} alone Keycloak answers an empty list and a 403);
 *   <li>to unmap (or map again) a role of {@code realm-management} itself, or a composite that
 *       contains one, Keycloak also requires the service account to hold that role: stripping an
 *       admin of {@code realm-admin} needs a service account with {@code realm-admin}. Plain realm
 *       roles (e.g. {@code admin}) and other clients' roles need no more than {@code manage-users}.
 * </ul>
 *
 * <p>The realm's user profile must declare the two attributes {@link #OFFBOARDED_AT} and {@link
 * #REMOVED_ROLES} (view and edit for admins only), or allow unmanaged attributes for admins:
 * otherwise Keycloak drops them without an error, which the connector detects and reports.
 */
public final class KeycloakAdminClient {
  /** When the user was offboarded, as an ISO-8601 instant. */
  public static final String OFFBOARDED_AT = "accountadmin.offboarded-at";
  /** The admin role mappings offboarding removed, as a JSON array. */
  public static final String REMOVED_ROLES = "accountadmin.removed-roles";

  private static final Logger LOG = Logger.getLogger(KeycloakAdminClient.class.getName());
  private static final String OFFLINE_TOKEN = "Offline Token";

  private final KeycloakSettings settings;
  private final HttpClient http;
  private final ServiceAccountToken token;
  private final String admin;

  /** A client with its own HTTP client and the system clock. */
  public static KeycloakAdminClient create(KeycloakSettings settings) {
    var http = HttpClient.newBuilder().connectTimeout(settings.requestTimeout())
        .followRedirects(HttpClient.Redirect.NEVER).build();
    return new KeycloakAdminClient(settings, http, Clock.systemUTC());
  }

  /** {@code clock} decides when the cached access token is renewed. */
  public KeycloakAdminClient(KeycloakSettings settings, HttpClient http, Clock clock) {
    this.settings = settings;
    this.http = http;
    this.token = new ServiceAccountToken(settings, http, clock);
    this.admin = settings.baseUrl() + "/admin/realms/" + segment(settings.realm());
  }

  /** The directory's configured name. */
  public String directory() {
    return settings.directory();
  }

  // ---- reading ----

  /** The user with this username, else with this email (exact match). */
  public KeycloakUser user(String usernameOrEmail) {
    return find(usernameOrEmail);
  }

  /** Everything a plan needs about the user, read live. */
  public KeycloakUserState read(String usernameOrEmail) {
    var user = find(usernameOrEmail);
    var offline = offlineClients(consents(user));
    int offlineSessions = 0;
    for (var clientUuid : offline.values()) {
      offlineSessions += offlineSessions(user, clientUuid);
    }
    return new KeycloakUserState(user, bruteForce(user), sessions(user), offlineSessions, roleMappings(user).all(),
        restoreStateOf(user));
  }

  /** The user with Keycloak's id {@code id}, if there is one. */
  public Optional<KeycloakUser> userById(String id) {
    var response = call("read user", "GET", "/users/" + segment(id), null);
    return response.status() == 404 ? Optional.empty() : Optional.of(userOf(object(response)));
  }

  /** Up to {@code max} users whose username, email or name contains {@code search} ("" for all). */
  public List<KeycloakUser> users(String search, int max) {
    var users = new ArrayList<KeycloakUser>();
    for (var o : array(call("list users", "GET", "/users?briefRepresentation=false&max=" + max
        + (search.isEmpty() ? "" : "&search=" + URLEncoder.encode(search, StandardCharsets.UTF_8)), null))) {
      users.add(userOf(o.getAsJsonObject()));
    }
    return users;
  }

  /** What offboarding recorded on the user for restore. */
  public RestoreState readRestoreState(String usernameOrEmail) {
    return restoreStateOf(find(usernameOrEmail));
  }

  // ---- acting ----

  /** Clears the brute-force lockout and failed count; reports the count that was cleared. */
  public LockoutCleared clearLockout(String usernameOrEmail) {
    var user = find(usernameOrEmail);
    var found = bruteForce(user);
    if (found.clear()) {
      return new LockoutCleared(found, false);
    }
    expectUser(call("clear lockout", "DELETE", "/attack-detection/brute-force/users/" + segment(user.id()), null),
        usernameOrEmail);
    return new LockoutCleared(found, true);
  }

  /**
   * Sets a new password; {@code temporary} makes the user choose another at next sign-in
   * (Keycloak adds {@code UPDATE_PASSWORD}). The caller keeps and wipes {@code password}.
   */
  public PasswordReset resetPassword(String usernameOrEmail, char[] password, boolean temporary) {
    var user = find(usernameOrEmail);
    var body = SecretBytes.concat("{\"type\":\"password\",\"value\":".getBytes(StandardCharsets.US_ASCII),
        SecretBytes.jsonString(password), (",\"temporary\":" + temporary + "}").getBytes(StandardCharsets.US_ASCII));
    try {
      expectUser(call("reset password", "PUT", "/users/" + segment(user.id()) + "/reset-password", body),
          usernameOrEmail);
    } finally {
      Arrays.fill(body, (byte) 0);
    }
    var after = byId(user.id(), usernameOrEmail);
    return new PasswordReset(temporary, user.requiredActions(), after.requiredActions());
  }

  /** Blocks ({@code false}) or allows ({@code true}) the user's sign-in. */
  public EnabledSet setEnabled(String usernameOrEmail, boolean enabled) {
    var user = find(usernameOrEmail);
    if (user.enabled() == enabled) {
      return new EnabledSet(enabled, enabled);
    }
    // Only the flag: Keycloak leaves what the body does not name as it is.
    var body = new JsonObject();
    body.addProperty("enabled", enabled);
    expectUser(call(enabled ? "enable user" : "disable user", "PUT", "/users/" + segment(user.id()), bytes(body)),
        usernameOrEmail);
    return new EnabledSet(user.enabled(), enabled);
  }

  /**
   * Ends every session of the user: logs out the online sessions (which also makes Keycloak
   * refuse every refresh and offline token issued before now), then revokes each client's consent
   * and offline tokens, so the offline sessions are gone too.
   */
  public SessionsEnded logoutEverywhere(String usernameOrEmail) {
    var user = find(usernameOrEmail);
    int sessions = sessions(user);
    var granted = consents(user);
    var consents = new ArrayList<String>();
    granted.forEach(c -> consents.add(c.getAsJsonObject().get("clientId").getAsString()));
    var offline = offlineClients(granted);
    int offlineSessions = 0;
    for (var clientUuid : offline.values()) {
      offlineSessions += offlineSessions(user, clientUuid);
    }
    boolean logout = sessions > 0 || offlineSessions > 0;
    if (logout) {
      expectUser(call("log out", "POST", "/users/" + segment(user.id()) + "/logout", null), usernameOrEmail);
    }
    var revoked = new ArrayList<String>();
    for (var clientId : consents) {
      var response = call("revoke consent", "DELETE", "/users/" + segment(user.id()) + "/consents/"
          + segment(clientId), null);
      // 404: the consent went between reading and revoking; it is gone either way.
      if (response.status() != 404) {
        revoked.add(clientId);
      }
    }
    return new SessionsEnded(sessions, offlineSessions, revoked, logout);
  }

  /** The user's direct role mappings that {@code which} counts as admin rights. */
  public List<RoleMapping> adminRoleMappings(String usernameOrEmail, AdminRoles which) {
    return roleMappings(find(usernameOrEmail)).all().stream().filter(which::matches).toList();
  }

  /**
   * Removes the user's direct admin role mappings. They are recorded in {@link #REMOVED_ROLES}
   * first (added to what an earlier call recorded), so that a failure midway loses nothing that
   * restore needs, and a retry finishes the job.
   */
  public RolesRemoved removeAdminRoles(String usernameOrEmail, AdminRoles which) {
    var user = find(usernameOrEmail);
    var mappings = roleMappings(user);
    var remove = mappings.all().stream().filter(which::matches).toList();
    var state = restoreStateOf(user);
    var recorded = new ArrayList<>(state.removedRoles());
    for (var mapping : remove) {
      if (recorded.stream().noneMatch(mapping::sameRole)) {
        recorded.add(mapping);
      }
    }
    if (remove.isEmpty()) {
      return new RolesRemoved(List.of(), recorded);
    }
    if (recorded.size() != state.removedRoles().size()) {
      writeState(user, usernameOrEmail, new RestoreState(state.offboardedAt(), recorded));
    }
    var realm = remove.stream().filter(RoleMapping::realmRole).toList();
    if (!realm.isEmpty()) {
      expectUser(call("remove realm role mappings", "DELETE", "/users/" + segment(user.id())
          + "/role-mappings/realm", bytes(roles(realm))), usernameOrEmail);
    }
    var byClient = new LinkedHashMap<String, List<RoleMapping>>();
    remove.stream().filter(m -> !m.realmRole())
        .forEach(m -> byClient.computeIfAbsent(m.client(), c -> new ArrayList<>()).add(m));
    for (var entry : byClient.entrySet()) {
      expectUser(call("remove client role mappings", "DELETE", "/users/" + segment(user.id())
          + "/role-mappings/clients/" + segment(mappings.clientUuids().get(entry.getKey())),
          bytes(roles(entry.getValue()))), usernameOrEmail);
    }
    return new RolesRemoved(remove, recorded);
  }

  /**
   * Maps again every role recorded in {@link #REMOVED_ROLES} that the user does not have, then
   * removes that attribute. A role deleted from the realm since is reported as missing; one
   * deleted and created again is mapped under its new id.
   */
  public RolesRestored restoreRoles(String usernameOrEmail) {
    var user = find(usernameOrEmail);
    var state = restoreStateOf(user);
    if (state.removedRoles().isEmpty()) {
      return new RolesRestored(List.of(), List.of(), List.of(), false);
    }
    var current = roleMappings(user).all();
    var present = new ArrayList<RoleMapping>();
    var restored = new ArrayList<RoleMapping>();
    var missing = new ArrayList<RoleMapping>();
    var wanted = new LinkedHashMap<Optional<String>, List<RoleMapping>>();
    for (var mapping : state.removedRoles()) {
      if (current.stream().anyMatch(mapping::sameRole)) {
        present.add(mapping);
      } else {
        wanted.computeIfAbsent(Optional.ofNullable(mapping.client()), c -> new ArrayList<>()).add(mapping);
      }
    }
    for (var entry : wanted.entrySet()) {
      String path;
      if (entry.getKey().isEmpty()) {
        path = "/users/" + segment(user.id()) + "/role-mappings/realm";
      } else {
        var clientUuid = clientUuid(entry.getKey().get());
        if (clientUuid.isEmpty()) {
          missing.addAll(entry.getValue());
          continue;
        }
        path = "/users/" + segment(user.id()) + "/role-mappings/clients/" + segment(clientUuid.get());
      }
      // The ids Keycloak has now: a role deleted and created again keeps its name, not its id.
      var available = new ArrayList<RoleMapping>();
      for (var role : array(expectUser(call("read available roles", "GET", path + "/available", null),
          usernameOrEmail))) {
        var o = role.getAsJsonObject();
        available.add(new RoleMapping(entry.getKey().orElse(null), o.get("name").getAsString(),
            o.get("id").getAsString()));
      }
      var add = new ArrayList<RoleMapping>();
      for (var mapping : entry.getValue()) {
        var now = available.stream().filter(mapping::sameRole).findFirst();
        if (now.isPresent()) {
          add.add(now.get());
        } else {
          missing.add(mapping);
        }
      }
      if (!add.isEmpty()) {
        expectUser(call("restore role mappings", "POST", path, bytes(roles(add))), usernameOrEmail);
        restored.addAll(add);
      }
    }
    writeState(user, usernameOrEmail, new RestoreState(state.offboardedAt(), List.of()));
    return new RolesRestored(restored, present, missing, true);
  }

  /**
   * Writes the restore state into the user's attributes (an empty part removes its attribute),
   * leaving every other attribute as it is, and reads it back: a realm whose user profile drops
   * the attributes gives a {@link KeycloakConfigurationException}.
   *
   * @return false when the user already had exactly this state, and nothing was sent
   */
  public boolean writeRestoreState(String usernameOrEmail, RestoreState state) {
    var user = find(usernameOrEmail);
    if (restoreStateOf(user).equals(state)) {
      return false;
    }
    writeState(user, usernameOrEmail, state);
    return true;
  }

  // ---- the user's parts ----

  private KeycloakUser find(String usernameOrEmail) {
    for (var field : new String[] {"username", "email"}) {
      if (field.equals("email") && !usernameOrEmail.contains("@")) {
        continue;
      }
      var found = array(call("find user", "GET", "/users?exact=true&" + field + "="
          + URLEncoder.encode(usernameOrEmail, StandardCharsets.UTF_8), null));
      for (var candidate : found) {
        var o = candidate.getAsJsonObject();
        var value = o.has(field) ? o.get(field).getAsString() : "";
        if (value.equalsIgnoreCase(usernameOrEmail)) {
          return byId(o.get("id").getAsString(), usernameOrEmail);
        }
      }
    }
    throw new KeycloakUserNotFoundException(settings.directory(), settings.realm(), usernameOrEmail);
  }

  private KeycloakUser byId(String id, String usernameOrEmail) {
    return userOf(object(expectUser(call("read user", "GET", "/users/" + segment(id), null), usernameOrEmail)));
  }

  private static KeycloakUser userOf(JsonObject o) {
    var actions = new ArrayList<String>();
    if (o.has("requiredActions")) {
      o.getAsJsonArray("requiredActions").forEach(a -> actions.add(a.getAsString()));
    }
    var attributes = new LinkedHashMap<String, List<String>>();
    if (o.has("attributes") && o.get("attributes").isJsonObject()) {
      for (var entry : o.getAsJsonObject("attributes").entrySet()) {
        var values = new ArrayList<String>();
        entry.getValue().getAsJsonArray().forEach(v -> values.add(v.getAsString()));
        attributes.put(entry.getKey(), values);
      }
    }
    return new KeycloakUser(o.get("id").getAsString(), o.get("username").getAsString(),
        o.has("email") ? o.get("email").getAsString() : "", o.has("enabled") && o.get("enabled").getAsBoolean(),
        actions, attributes, o.has("createdTimestamp") ? Instant.ofEpochMilli(o.get("createdTimestamp").getAsLong()) : null);
  }

  private BruteForceStatus bruteForce(KeycloakUser user) {
    var o = object(call("read brute-force status", "GET", "/attack-detection/brute-force/users/"
        + segment(user.id()), null));
    long last = o.has("lastFailure") ? o.get("lastFailure").getAsLong() : 0;
    return new BruteForceStatus(o.has("disabled") && o.get("disabled").getAsBoolean(),
        o.has("numFailures") ? o.get("numFailures").getAsInt() : 0,
        last > 0 ? Optional.of(Instant.ofEpochMilli(last)) : Optional.empty());
  }

  private int sessions(KeycloakUser user) {
    return array(expectUser(call("read sessions", "GET", "/users/" + segment(user.id()) + "/sessions", null),
        user.username())).size();
  }

  private JsonArray consents(KeycloakUser user) {
    return array(expectUser(call("read consents", "GET", "/users/" + segment(user.id()) + "/consents", null),
        user.username()));
  }

  /** clientId → client uuid of each client the user holds offline tokens for, from the user's consents. */
  private static Map<String, String> offlineClients(JsonArray consents) {
    var clients = new LinkedHashMap<String, String>();
    for (var consent : consents) {
      var o = consent.getAsJsonObject();
      if (!o.has("additionalGrants")) {
        continue;
      }
      for (var grant : o.getAsJsonArray("additionalGrants")) {
        var g = grant.getAsJsonObject();
        if (OFFLINE_TOKEN.equals(g.get("key").getAsString())) {
          clients.put(o.get("clientId").getAsString(), g.get("client").getAsString());
        }
      }
    }
    return clients;
  }

  private int offlineSessions(KeycloakUser user, String clientUuid) {
    var response = call("read offline sessions", "GET", "/users/" + segment(user.id()) + "/offline-sessions/"
        + segment(clientUuid), null);
    return response.status() == 404 ? 0 : array(response).size();
  }

  /** The user's direct role mappings, and the uuid of each client they belong to. */
  private record Mappings(List<RoleMapping> all, Map<String, String> clientUuids) {}

  private Mappings roleMappings(KeycloakUser user) {
    var all = new ArrayList<RoleMapping>();
    // The realm part from its own endpoint: the combined one leaves it out for a service
    // account without view-realm.
    for (var role : array(expectUser(call("read realm role mappings", "GET", "/users/" + segment(user.id())
        + "/role-mappings/realm", null), user.username()))) {
      var o = role.getAsJsonObject();
      all.add(RoleMapping.realm(o.get("name").getAsString(), o.get("id").getAsString()));
    }
    var uuids = new LinkedHashMap<String, String>();
    var combined = object(expectUser(call("read client role mappings", "GET", "/users/" + segment(user.id())
        + "/role-mappings", null), user.username()));
    if (combined.has("clientMappings")) {
      for (var entry : combined.getAsJsonObject("clientMappings").entrySet()) {
        var client = entry.getValue().getAsJsonObject();
        var clientId = client.get("client").getAsString();
        uuids.put(clientId, client.get("id").getAsString());
        for (var role : client.getAsJsonArray("mappings")) {
          var o = role.getAsJsonObject();
          all.add(RoleMapping.client(clientId, o.get("name").getAsString(), o.get("id").getAsString()));
        }
      }
    }
    return new Mappings(all, uuids);
  }

  private Optional<String> clientUuid(String clientId) {
    for (var client : array(call("find client", "GET", "/clients?clientId="
        + URLEncoder.encode(clientId, StandardCharsets.UTF_8), null))) {
      var o = client.getAsJsonObject();
      if (clientId.equals(o.get("clientId").getAsString())) {
        return Optional.of(o.get("id").getAsString());
      }
    }
    return Optional.empty();
  }

  // ---- restore state in attributes ----

  private RestoreState restoreStateOf(KeycloakUser user) {
    Optional<Instant> at = Optional.empty();
    var stamp = user.attributes().getOrDefault(OFFBOARDED_AT, List.of());
    if (!stamp.isEmpty()) {
      try {
        at = Optional.of(Instant.parse(stamp.get(0)));
      } catch (DateTimeParseException e) {
        throw new KeycloakConfigurationException(settings.directory(), "user '" + user.username() + "' has an "
            + OFFBOARDED_AT + " that is not an ISO-8601 instant");
      }
    }
    var roles = new ArrayList<RoleMapping>();
    var recorded = user.attributes().getOrDefault(REMOVED_ROLES, List.of());
    if (!recorded.isEmpty()) {
      try {
        for (var element : JsonParser.parseString(recorded.get(0)).getAsJsonArray()) {
          var o = element.getAsJsonObject();
          var client = o.has("client") ? o.get("client").getAsString() : null;
          roles.add(new RoleMapping(client, o.get("name").getAsString(), o.get("id").getAsString()));
        }
      } catch (JsonParseException | IllegalStateException | NullPointerException e) {
        throw new KeycloakConfigurationException(settings.directory(), "user '" + user.username() + "' has an "
            + REMOVED_ROLES + " that is not the JSON AccountAdmin writes");
      }
    }
    return new RestoreState(at, roles);
  }

  private void writeState(KeycloakUser user, String usernameOrEmail, RestoreState state) {
    // The whole representation goes back: Keycloak replaces the attributes with what a PUT names,
    // and a partial one may clear profile fields.
    var representation = object(expectUser(call("read user", "GET", "/users/" + segment(user.id()), null),
        usernameOrEmail));
    var attributes = representation.has("attributes") && representation.get("attributes").isJsonObject()
        ? representation.getAsJsonObject("attributes") : new JsonObject();
    attributes.remove(OFFBOARDED_AT);
    attributes.remove(REMOVED_ROLES);
    if (state.offboardedAt().isPresent()) {
      attributes.add(OFFBOARDED_AT, single(state.offboardedAt().get().toString()));
    }
    if (!state.removedRoles().isEmpty()) {
      var roles = new JsonArray();
      for (var mapping : state.removedRoles()) {
        var o = new JsonObject();
        if (!mapping.realmRole()) {
          o.addProperty("client", mapping.client());
        }
        o.addProperty("name", mapping.name());
        o.addProperty("id", mapping.id());
        roles.add(o);
      }
      attributes.add(REMOVED_ROLES, single(roles.toString()));
    }
    representation.add("attributes", attributes);
    representation.remove("access");
    expectUser(call("write restore state", "PUT", "/users/" + segment(user.id()), bytes(representation)),
        usernameOrEmail);
    var kept = restoreStateOf(byId(user.id(), usernameOrEmail));
    if (!kept.equals(state)) {
      throw new KeycloakConfigurationException(settings.directory(), "realm '" + settings.realm()
          + "' does not keep the attributes " + OFFBOARDED_AT + " and " + REMOVED_ROLES
          + ": declare them in the realm's user profile (view and edit: admin)");
    }
  }

  private static JsonArray single(String value) {
    var array = new JsonArray();
    array.add(new JsonPrimitive(value));
    return array;
  }

  private static JsonArray roles(List<RoleMapping> mappings) {
    var array = new JsonArray();
    for (var mapping : mappings) {
      var o = new JsonObject();
      o.addProperty("id", mapping.id());
      o.addProperty("name", mapping.name());
      array.add(o);
    }
    return array;
  }

  // ---- HTTP ----

  /** A response Keycloak gave: a success, or a 404 the caller decides about. */
  private record Response(int status, String body) {}

  private Response expectUser(Response response, String usernameOrEmail) {
    if (response.status() == 404) {
      throw new KeycloakUserNotFoundException(settings.directory(), settings.realm(), usernameOrEmail);
    }
    return response;
  }

  /**
   * One admin call. A 401 is retried once with a new token (the cached one may have been revoked);
   * the other failures become the typed exceptions. Only the method, the path and the status are
   * logged: paths hold ids and clientIds, never a secret.
   */
  private Response call(String operation, String method, String path, byte[] json) {
    var url = URI.create(admin + path);
    for (int attempt = 0; ; attempt++) {
      var request = HttpRequest.newBuilder(url).timeout(settings.requestTimeout())
          .header("Authorization", "Bearer " + token.bearer()).header("Accept", "application/json");
      if (json != null) {
        request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(json));
      } else {
        request.method(method, HttpRequest.BodyPublishers.noBody());
      }
      HttpResponse<String> response;
      try {
        response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new KeycloakUnavailableException(settings.directory(), operation + ": cannot reach "
            + settings.baseUrl() + " (" + e.getClass().getSimpleName() + ")", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KeycloakUnavailableException(settings.directory(), operation + ": interrupted", e);
      }
      int status = response.statusCode();
      LOG.log(Level.FINE, () -> "Keycloak " + settings.directory() + ": " + method + " " + url.getRawPath() + " -> "
          + status);
      if (status == 401 && attempt == 0) {
        token.invalidate();
        continue;
      }
      var error = status < 300 ? "" : errorOf(response.body());
      if (status == 404 && error.startsWith("Realm not found")) {
        throw new KeycloakConfigurationException(settings.directory(), "no realm '" + settings.realm() + "'");
      }
      if (status < 300 || status == 404) {
        return new Response(status, response.body());
      }
      if (status == 401 || status == 403) {
        throw new KeycloakPermissionException(settings.directory(), operation, status, "the service account of '"
            + settings.clientId() + "' lacks a role this needs (realm-management: view-users, query-users,"
            + " manage-users, view-clients, and any realm-management role it unmaps)");
      }
      if (status == 502 || status == 503 || status == 504) {
        throw new KeycloakUnavailableException(settings.directory(), operation + ": HTTP " + status, null);
      }
      throw new KeycloakRejectedException(settings.directory(), operation, status, error);
    }
  }

  private static byte[] bytes(JsonElement json) {
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static JsonArray array(Response response) {
    return response.body().isBlank() ? new JsonArray() : JsonParser.parseString(response.body()).getAsJsonArray();
  }

  private static JsonObject object(Response response) {
    return JsonParser.parseString(response.body()).getAsJsonObject();
  }

  /** Keycloak's error code or message from an error body, at most 200 characters; "" if none. */
  static String errorOf(String body) {
    try {
      var element = JsonParser.parseString(body);
      if (element.isJsonObject()) {
        var o = element.getAsJsonObject();
        for (var field : new String[] {"error", "errorMessage"}) {
          if (o.has(field) && o.get(field).isJsonPrimitive()) {
            var text = o.get(field).getAsString();
            return text.length() > 200 ? text.substring(0, 200) : text;
          }
        }
      }
    } catch (JsonParseException e) {
      // not JSON: an HTML error page from a proxy, say
    }
    return "";
  }

  /** One path segment, percent-encoded (URLEncoder's '+' for a space is wrong in a path). */
  static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
