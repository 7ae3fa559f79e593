package dev.accountadmin.connector.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Blocking and allowing sign-in ({@code enabled}), proved with password and refresh grants. */
@ExtendWith(KeycloakExtension.class)
class KeycloakSignInBlockTest {
  private final TestRealm realm;
  private final KeycloakAdminClient client;

  KeycloakSignInBlockTest(TestRealm realm) {
    this.realm = realm;
    this.client = realm.client();
  }

  @Test
  void aDisabledUser_getsNoToken_andTheirRefreshTokenIsRefused() {
    var user = realm.newUser("disabled");
    var before = realm.signIn(user);
    assertThat(before.ok()).isTrue();

    var set = client.setEnabled(user.username(), false);

    assertThat(set.wasEnabled()).isTrue();
    assertThat(set.enabled()).isFalse();
    assertThat(set.changed()).isTrue();
    assertThat(client.user(user.username()).enabled()).isFalse();
    var signIn = realm.signIn(user);
    assertThat(signIn.ok()).isFalse();
    assertThat(signIn.error()).isEqualTo("invalid_grant");
    var refresh = realm.refresh(before.refreshToken());
    assertThat(refresh.ok()).isFalse();
    assertThat(refresh.status()).isEqualTo(400);
  }

  @Test
  void disablingTwice_changesNothing_andEnablingAllowsSignInAgain() {
    var user = realm.newUser("disabled-twice");
    client.setEnabled(user.username(), false);

    var again = client.setEnabled(user.username(), false);
    assertThat(again.changed()).isFalse();
    assertThat(again.wasEnabled()).isFalse();

    var allowed = client.setEnabled(user.username(), true);
    assertThat(allowed.changed()).isTrue();
    assertThat(realm.signIn(user).ok()).isTrue();
    assertThat(client.setEnabled(user.username(), true).changed()).isFalse();
  }

  @Test
  void disabling_keepsTheProfileAndTheRestoreState() {
    var user = realm.newUser("disabled-keeps");
    var state = new RestoreState(Optional.of(Instant.now().truncatedTo(ChronoUnit.SECONDS)),
        List.of(RoleMapping.realm("admin", "id-1")));
    assertThat(client.writeRestoreState(user.username(), state)).isTrue();

    client.setEnabled(user.username(), false);

    assertThat(client.readRestoreState(user.username())).isEqualTo(state);
    var kept = KeycloakServer.object(realm.server.admin("GET", TestRealm.realm("/users/" + user.id()), null));
    assertThat(kept.get("lastName").getAsString()).isEqualTo(user.username());
    assertThat(kept.get("email").getAsString()).isEqualTo(user.email());
  }
}
