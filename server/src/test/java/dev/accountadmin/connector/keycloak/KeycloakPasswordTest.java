package dev.accountadmin.connector.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Password resets, proved with password grants. */
@ExtendWith(KeycloakExtension.class)
class KeycloakPasswordTest {
  private final TestRealm realm;
  private final KeycloakAdminClient client;

  KeycloakPasswordTest(TestRealm realm) {
    this.realm = realm;
    this.client = realm.client();
  }

  @Test
  void aTemporaryPassword_makesTheUserChooseAnother_beforeAnyToken() {
    var user = realm.newUser("reset-temporary");
    var temporary = TestRealm.password();

    var reset = client.resetPassword(user.username(), temporary.toCharArray(), true);

    assertThat(reset.temporary()).isTrue();
    assertThat(reset.requiredActionsBefore()).isEmpty();
    assertThat(reset.requiredActionsAfter()).containsExactly("UPDATE_PASSWORD");
    var withNew = realm.signIn(user.username(), temporary, false);
    assertThat(withNew.ok()).isFalse();
    assertThat(withNew.error()).isEqualTo("invalid_grant");
    assertThat(withNew.description()).isEqualTo("Account is not fully set up");
    var withOld = realm.signIn(user);
    assertThat(withOld.ok()).isFalse();
    assertThat(withOld.description()).isEqualTo("Invalid user credentials");
  }

  @Test
  void aPermanentPassword_signsIn_evenWithQuotesBackslashesAndAccents() {
    var user = realm.newUser("reset-permanent");
    var password = "Ün \"mot\" \\ de passe-" + TestRealm.password();
    var chars = password.toCharArray();

    var reset = client.resetPassword(user.email(), chars, false);

    assertThat(reset.requiredActionsAfter()).isEmpty();
    assertThat(new String(chars)).as("the caller's array is the caller's to wipe").isEqualTo(password);
    assertThat(realm.signIn(user.username(), password, false).ok()).isTrue();
    assertThat(realm.signIn(user).ok()).as("the old password").isFalse();
  }

  @Test
  void resettingTheSamePasswordAgain_leavesTheSameState() {
    var user = realm.newUser("reset-twice");
    var temporary = TestRealm.password();
    client.resetPassword(user.username(), temporary.toCharArray(), true);

    var again = client.resetPassword(user.username(), temporary.toCharArray(), true);

    assertThat(again.requiredActionsBefore()).containsExactly("UPDATE_PASSWORD");
    assertThat(again.requiredActionsAfter()).containsExactly("UPDATE_PASSWORD");
    assertThat(realm.signIn(user.username(), temporary, false).description()).isEqualTo("Account is not fully set up");
  }
}
