package dev.accountadmin.connector.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Each way a call can fail gives its own typed exception, naming the directory, with no secret in it. */
@ExtendWith(KeycloakExtension.class)
class KeycloakErrorsTest {
  private final TestRealm realm;
  private final KeycloakAdminClient client;

  KeycloakErrorsTest(TestRealm realm) {
    this.realm = realm;
    this.client = realm.client();
  }

  @Test
  void aKeycloakThatIsNotListening_isUnavailable_andRetryable() throws Exception {
    // A port that was free a moment ago and that nothing listens on.
    var closed = URI.create("http://127.0.0.1:" + KeycloakServer.freePort());
    var down = KeycloakAdminClient.create(new KeycloakSettings(TestRealm.DIRECTORY, closed, TestRealm.NAME,
        TestRealm.CONNECTOR, realm.connectorSecret.toCharArray()));

    var error = catchThrowableOfType(KeycloakUnavailableException.class, () -> down.read("anyone"));

    assertThat(error.retryable()).isTrue();
    assertThat(error.directory()).isEqualTo(TestRealm.DIRECTORY);
    assertThat(error.getMessage()).contains("'corp-keycloak'", "retryable").doesNotContain(realm.connectorSecret);
    assertThatThrownBy(() -> down.clearLockout("anyone")).isInstanceOf(KeycloakUnavailableException.class);
  }

  @Test
  void aWrongClientSecret_isAPermissionError_thatDoesNotRepeatTheSecret() {
    var wrong = TestRealm.password();
    var refused = realm.client(TestRealm.CONNECTOR, wrong, java.time.Clock.systemUTC());

    var error = catchThrowableOfType(KeycloakPermissionException.class, () -> refused.read("anyone"));

    assertThat(error.status()).isEqualTo(401);
    assertThat(error.retryable()).isFalse();
    assertThat(error.directory()).isEqualTo(TestRealm.DIRECTORY);
    assertThat(error.getMessage()).doesNotContain(wrong).doesNotContain(realm.connectorSecret);
  }

  @Test
  void aServiceAccountWithoutManageUsers_canRead_butNotAct() {
    var user = realm.newUser("reader-refused");
    assertThat(realm.signIn(user.username(), "wrong", false).ok()).isFalse();
    var reader = realm.client(TestRealm.READER, realm.readerSecret, java.time.Clock.systemUTC());
    Poll.until("one failure counted", () -> reader.read(user.username()).bruteForce(), s -> s.failures() == 1);

    var lockout = catchThrowableOfType(KeycloakPermissionException.class, () -> reader.clearLockout(user.username()));
    assertThat(lockout.status()).isEqualTo(403);
    assertThat(lockout.operation()).isEqualTo("clear lockout");
    var disable = catchThrowableOfType(KeycloakPermissionException.class,
        () -> reader.setEnabled(user.username(), false));
    assertThat(disable.operation()).isEqualTo("disable user");

    assertThat(client.read(user.username()).bruteForce().failures()).isEqualTo(1);
    assertThat(client.user(user.username()).enabled()).isTrue();
  }

  @Test
  void unmappingARoleTheServiceAccountDoesNotHold_isAPermissionError_andTheRoleStays() {
    var user = realm.newUser("realm-admin");
    realm.mapClientRoles(user, "realm-management", "realm-admin");
    var which = new AdminRoles(Set.of(), Map.of("realm-management", Set.of(AdminRoles.ALL)));

    var error = catchThrowableOfType(KeycloakPermissionException.class,
        () -> client.removeAdminRoles(user.username(), which));

    assertThat(error.status()).isEqualTo(403);
    assertThat(error.operation()).isEqualTo("remove client role mappings");
    assertThat(realm.directRoles(user)).contains("realm-management/realm-admin");
    // Recorded before the attempt: a retry by a stronger account, or a restore, has what it needs.
    assertThat(client.readRestoreState(user.username()).removedRoles()).extracting(RoleMapping::toString)
        .containsExactly("realm-management/realm-admin");
  }

  @Test
  void aRealmThatIsNotThere_isAConfigurationError() {
    var client = KeycloakAdminClient.create(new KeycloakSettings(TestRealm.DIRECTORY,
        URI.create(realm.server.baseUrl()), "no-such-realm", TestRealm.CONNECTOR, realm.connectorSecret.toCharArray()));

    assertThatThrownBy(() -> client.read("anyone")).isInstanceOf(KeycloakConfigurationException.class)
        .hasMessageContaining("no realm 'no-such-realm'");
  }

  @Test
  void aUserWhoIsNotThere_isNotFound_forEveryOperation() {
    var nobody = "nobody-" + TestRealm.password().toLowerCase();
    List<Runnable> operations = List.of(() -> client.read(nobody), () -> client.clearLockout(nobody),
        () -> client.resetPassword(nobody, "Whatever-123".toCharArray(), true), () -> client.setEnabled(nobody, false),
        () -> client.logoutEverywhere(nobody), () -> client.removeAdminRoles(nobody, AdminRoles.defaults()),
        () -> client.restoreRoles(nobody), () -> client.readRestoreState(nobody),
        () -> client.read(nobody + "@contoso.example"));
    for (var operation : operations) {
      var error = catchThrowableOfType(KeycloakUserNotFoundException.class, operation::run);
      assertThat(error.user()).startsWith(nobody);
      assertThat(error.directory()).isEqualTo(TestRealm.DIRECTORY);
      assertThat(error.retryable()).isFalse();
    }
  }

  @Test
  void aRealmWhoseUserProfileDropsTheAttributes_isAConfigurationError() {
    var plain = "accountadmin-plain";
    var secret = TestRealm.password();
    var server = realm.server;
    server.admin("POST", "/admin/realms", "{\"realm\":\"" + plain + "\",\"enabled\":true}");
    server.admin("POST", "/admin/realms/" + plain + "/clients", "{\"clientId\":\"connector\",\"publicClient\":false,"
        + "\"secret\":\"" + secret + "\",\"serviceAccountsEnabled\":true,\"standardFlowEnabled\":false}");
    var clientUuid = KeycloakServer.first(server.admin("GET", "/admin/realms/" + plain
        + "/clients?clientId=connector", null)).orElseThrow().get("id").getAsString();
    var account = KeycloakServer.object(server.admin("GET", "/admin/realms/" + plain + "/clients/" + clientUuid
        + "/service-account-user", null)).get("id").getAsString();
    var management = KeycloakServer.first(server.admin("GET", "/admin/realms/" + plain
        + "/clients?clientId=realm-management", null)).orElseThrow().get("id").getAsString();
    var roles = new com.google.gson.JsonArray();
    for (var role : TestRealm.CONNECTOR_ROLES) {
      roles.add(KeycloakServer.object(server.admin("GET", "/admin/realms/" + plain + "/clients/" + management
          + "/roles/" + role, null)));
    }
    server.admin("POST", "/admin/realms/" + plain + "/users/" + account + "/role-mappings/clients/" + management,
        roles.toString());
    server.admin("POST", "/admin/realms/" + plain + "/users", "{\"username\":\"plain-user\",\"enabled\":true}");
    var connector = KeycloakAdminClient.create(new KeycloakSettings("plain-keycloak", URI.create(server.baseUrl()),
        plain, "connector", secret.toCharArray()));

    assertThatThrownBy(() -> connector.writeRestoreState("plain-user",
        new RestoreState(Optional.of(Instant.now()), List.of())))
        .isInstanceOf(KeycloakConfigurationException.class)
        .hasMessageContaining("'plain-keycloak'").hasMessageContaining(KeycloakAdminClient.OFFBOARDED_AT)
        .hasMessageContaining("user profile");
  }
}
