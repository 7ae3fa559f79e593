package dev.accountadmin.connector.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Admin role mappings removed exactly, recorded in the user's attributes, and put back from them. */
@ExtendWith(KeycloakExtension.class)
class KeycloakRolesTest {
  /** The realm's admin role, every realm-management role, and payroll's admin (not its viewer). */
  static final AdminRoles ADMIN = new AdminRoles(Set.of("admin"),
      Map.of("realm-management", Set.of(AdminRoles.ALL), TestRealm.PAYROLL, Set.of("admin")));

  private final TestRealm realm;
  private final KeycloakAdminClient client;

  KeycloakRolesTest(TestRealm realm) {
    this.realm = realm;
    this.client = realm.client();
  }

  /** A user with admin rights in three places, and two roles that are not admin rights. */
  private TestUser anAdmin(String prefix) {
    var user = realm.newUser(prefix);
    realm.mapRealmRoles(user, "admin", "staff");
    // Roles the connector's service account holds itself, so Keycloak lets it unmap them.
    realm.mapClientRoles(user, "realm-management", "view-users", "manage-users");
    realm.mapClientRoles(user, TestRealm.PAYROLL, "admin", "viewer");
    return user;
  }

  private static Set<String> names(List<RoleMapping> mappings) {
    return new java.util.TreeSet<>(mappings.stream().map(RoleMapping::toString).toList());
  }

  @Test
  void removingAdminRoles_removesExactlyThem_andRecordsThemOnTheUser() {
    var user = anAdmin("roles-removed");
    var before = realm.directRoles(user);
    var admin = Set.of("admin", "realm-management/view-users", "realm-management/manage-users", "payroll/admin");
    assertThat(names(client.adminRoleMappings(user.username(), ADMIN))).isEqualTo(admin);

    var removed = client.removeAdminRoles(user.username(), ADMIN);

    assertThat(names(removed.removed())).isEqualTo(admin);
    assertThat(names(removed.recorded())).isEqualTo(admin);
    var left = new java.util.TreeSet<>(before);
    left.removeAll(admin);
    assertThat(realm.directRoles(user)).isEqualTo(left).contains("staff", "payroll/viewer");
    assertThat(names(client.readRestoreState(user.username()).removedRoles())).isEqualTo(admin);
    // Four roles with their ids: longer than the 255 characters of a short attribute value.
    var stored = KeycloakServer.object(realm.server.admin("GET", TestRealm.realm("/users/" + user.id()), null))
        .getAsJsonObject("attributes").getAsJsonArray(KeycloakAdminClient.REMOVED_ROLES).get(0).getAsString();
    assertThat(stored.length()).isGreaterThan(255);
  }

  @Test
  void restoring_putsBackExactlyWhatWasRemoved_andClearsTheRecord() {
    var user = anAdmin("roles-restored");
    var before = realm.directRoles(user);
    var removed = client.removeAdminRoles(user.username(), ADMIN);

    var restored = client.restoreRoles(user.username());

    assertThat(names(restored.restored())).isEqualTo(names(removed.removed()));
    assertThat(restored.alreadyPresent()).isEmpty();
    assertThat(restored.missing()).isEmpty();
    assertThat(restored.stateCleared()).isTrue();
    assertThat(realm.directRoles(user)).isEqualTo(before);
    assertThat(client.readRestoreState(user.username())).isEqualTo(RestoreState.NONE);
  }

  @Test
  void removingAndRestoringAgain_changeNothing_andSaySo() {
    var user = anAdmin("roles-twice");
    client.removeAdminRoles(user.username(), ADMIN);
    var afterRemove = realm.directRoles(user);

    var again = client.removeAdminRoles(user.username(), ADMIN);
    assertThat(again.changed()).isFalse();
    assertThat(again.removed()).isEmpty();
    assertThat(again.recorded()).hasSize(4);
    assertThat(realm.directRoles(user)).isEqualTo(afterRemove);

    assertThat(client.restoreRoles(user.username()).changed()).isTrue();
    var restoreAgain = client.restoreRoles(user.username());
    assertThat(restoreAgain.changed()).isFalse();
    assertThat(restoreAgain.restored()).isEmpty();
  }

  @Test
  void anEarlierRecord_isKept_andTheOffboardingTimeWithIt() {
    var user = anAdmin("roles-earlier");
    var at = Instant.parse("2026-11-30T17:00:00Z");
    var earlier = RoleMapping.client(TestRealm.PAYROLL, "admin",
        client.adminRoleMappings(user.username(), ADMIN).stream().filter(m -> "payroll/admin".equals(m.toString()))
            .findFirst().orElseThrow().id());
    // As a first call that recorded payroll/admin and removed it before failing would leave it.
    client.writeRestoreState(user.username(), new RestoreState(Optional.of(at), List.of(earlier)));

    var removed = client.removeAdminRoles(user.username(), ADMIN);

    assertThat(removed.recorded()).hasSize(4).startsWith(earlier);
    var state = client.readRestoreState(user.username());
    assertThat(state.offboardedAt()).contains(at);
    assertThat(names(state.removedRoles())).isEqualTo(names(removed.recorded()));
  }

  @Test
  void aRoleCreatedAgainUnderItsName_isRestored_andADeletedOneIsReportedMissing() {
    var user = realm.newUser("roles-recreated");
    var recreated = "approver-" + user.id().substring(0, 8);
    var deleted = "signer-" + user.id().substring(0, 8);
    for (var role : List.of(recreated, deleted)) {
      realm.server.admin("POST", TestRealm.realm("/roles"), "{\"name\":\"" + role + "\"}");
    }
    realm.mapRealmRoles(user, recreated, deleted);
    var which = new AdminRoles(Set.of(recreated, deleted), Map.of());
    client.removeAdminRoles(user.username(), which);
    for (var role : List.of(recreated, deleted)) {
      realm.server.admin("DELETE", TestRealm.realm("/roles/" + role), null);
    }
    realm.server.admin("POST", TestRealm.realm("/roles"), "{\"name\":\"" + recreated + "\"}");

    var restored = client.restoreRoles(user.username());

    assertThat(names(restored.restored())).containsExactly(recreated);
    assertThat(names(restored.missing())).containsExactly(deleted);
    assertThat(realm.directRoles(user)).contains(recreated).doesNotContain(deleted);
  }
}
