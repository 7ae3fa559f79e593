package dev.accountadmin.connector.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A real brute-force lockout, made with wrong password grants, cleared by the connector. */
@ExtendWith(KeycloakExtension.class)
class KeycloakLockoutTest {
  private final TestRealm realm;
  private final KeycloakAdminClient client;

  KeycloakLockoutTest(TestRealm realm) {
    this.realm = realm;
    this.client = realm.client();
  }

  private TestUser lockOut(TestUser user) {
    for (int i = 0; i < TestRealm.FAILURE_FACTOR; i++) {
      var refused = realm.signIn(user.username(), "wrong-" + i, false);
      assertThat(refused.status()).isEqualTo(400);
      assertThat(refused.error()).isEqualTo("invalid_grant");
    }
    Poll.until("brute-force lockout of " + user.username(), () -> client.read(user.username()).bruteForce(),
        BruteForceStatus::locked);
    return user;
  }

  @Test
  void aLockedUser_isRefusedTheRightPassword_untilClearLockout_thenSignsIn() {
    var user = lockOut(realm.newUser("locked"));
    assertThat(realm.signIn(user).ok()).as("the right password while locked").isFalse();

    var cleared = client.clearLockout(user.username());

    assertThat(cleared.changed()).isTrue();
    assertThat(cleared.found().locked()).isTrue();
    assertThat(cleared.found().failures()).isGreaterThanOrEqualTo(TestRealm.FAILURE_FACTOR);
    assertThat(cleared.found().lastFailure()).isPresent();
    assertThat(client.read(user.username()).bruteForce()).isEqualTo(BruteForceStatus.CLEAR);
    assertThat(realm.signIn(user).ok()).as("the right password after clear").isTrue();
  }

  @Test
  void clearingAgain_changesNothing_andSaysSo() {
    var user = lockOut(realm.newUser("cleared-twice"));
    assertThat(client.clearLockout(user.email()).changed()).isTrue();

    var again = client.clearLockout(user.email());

    assertThat(again.changed()).isFalse();
    assertThat(again.found()).isEqualTo(BruteForceStatus.CLEAR);
    assertThat(realm.signIn(user).ok()).isTrue();
  }

  @Test
  void failuresBelowTheLimit_areCounted_andCleared() {
    var user = realm.newUser("one-failure");
    assertThat(realm.signIn(user.username(), "wrong", false).ok()).isFalse();
    var found = Poll.until("one failure counted", () -> client.read(user.username()).bruteForce(),
        s -> s.failures() == 1);
    assertThat(found.locked()).isFalse();

    var cleared = client.clearLockout(user.username());

    assertThat(cleared.changed()).isTrue();
    assertThat(cleared.found().failures()).isEqualTo(1);
    assertThat(client.read(user.username()).bruteForce().failures()).isZero();
  }
}
