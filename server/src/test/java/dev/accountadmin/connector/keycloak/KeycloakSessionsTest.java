package dev.accountadmin.connector.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Logging a user out everywhere, offline tokens and consents included, proved with refresh grants. */
@ExtendWith(KeycloakExtension.class)
class KeycloakSessionsTest {
  private final TestRealm realm;
  private final KeycloakAdminClient client;

  KeycloakSessionsTest(TestRealm realm) {
    this.realm = realm;
    this.client = realm.client();
  }

  @Test
  void logoutEverywhere_endsTheSessions_andRevokesTheOfflineToken() {
    var user = realm.newUser("sessions");
    var online = realm.signIn(user);
    var offline = realm.signIn(user.username(), user.password(), true);
    assertThat(online.ok()).isTrue();
    assertThat(offline.ok()).isTrue();
    var before = client.read(user.username());
    assertThat(before.sessions()).isGreaterThanOrEqualTo(1);
    assertThat(before.offlineSessions()).isEqualTo(1);

    var ended = client.logoutEverywhere(user.username());

    assertThat(ended.sessionsFound()).isEqualTo(before.sessions());
    assertThat(ended.offlineSessionsFound()).isEqualTo(1);
    assertThat(ended.consentsRevoked()).containsExactly(TestRealm.PORTAL);
    assertThat(ended.loggedOut()).isTrue();
    assertThat(realm.refresh(online.refreshToken()).ok()).as("the online refresh token").isFalse();
    assertThat(realm.refresh(offline.refreshToken()).ok()).as("the offline token").isFalse();
    var after = client.read(user.username());
    assertThat(after.sessions()).isZero();
    assertThat(after.offlineSessions()).isZero();
    assertThat(realm.signIn(user).ok()).as("logging out does not block sign-in").isTrue();
  }

  @Test
  void anOfflineTokenAlone_isRevoked() {
    var user = realm.newUser("offline-only");
    var offline = realm.signIn(user.username(), user.password(), true);
    assertThat(realm.refresh(offline.refreshToken()).ok()).as("the offline token works before").isTrue();

    var ended = client.logoutEverywhere(user.email());

    assertThat(ended.offlineSessionsFound()).isEqualTo(1);
    assertThat(ended.consentsRevoked()).containsExactly(TestRealm.PORTAL);
    assertThat(realm.refresh(offline.refreshToken()).ok()).isFalse();
    assertThat(client.read(user.username()).offlineSessions()).isZero();
  }

  @Test
  void loggingOutAgain_changesNothing_andSaysSo() {
    var user = realm.newUser("logout-twice");
    realm.signIn(user);
    assertThat(client.logoutEverywhere(user.username()).changed()).isTrue();

    var again = client.logoutEverywhere(user.username());

    assertThat(again.changed()).isFalse();
    assertThat(again.sessionsFound()).isZero();
    assertThat(again.offlineSessionsFound()).isZero();
    assertThat(again.consentsRevoked()).isEmpty();
    assertThat(again.loggedOut()).isFalse();
  }
}
