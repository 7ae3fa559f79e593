package dev.accountadmin.server;

import static dev.accountadmin.server.TestServer.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.accountadmin.server.store.Dialect;
import dev.accountadmin.v1.ClientApp;
import dev.accountadmin.v1.CreateAppPasswordRequest;
import dev.accountadmin.v1.SignInRequest;
import io.grpc.Status;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Sign-in with a second factor: a valid, unused code from the user's authenticator app; legacy mail apps take an app password. */
@ParameterizedClass
@EnumSource(Dialect.class)
final class SignInMfaTest {
  @Parameter Dialect engine;
  static final String USER = "pat@contoso.com";
  @TempDir Path dir;
  TestServer server;
  Authenticator phone;

  @BeforeEach
  void start() throws Exception {
    server = new TestServer(engine, dir);
    server.createUser(USER);
    phone = Authenticator.register(server, USER);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  TestServer.Failure refusedSignIn(String code) {
    return failure(() -> Authenticator.signIn(server, USER, code));
  }

  @Test
  void withoutCode_isRefusedWithMfaCodeRequired() {
    var refused = refusedSignIn("");

    assertThat(refused.code()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(refused.errorInfo().getReason()).isEqualTo("MFA_CODE_REQUIRED");
    assertThat(refused.errorInfo().getMetadataMap()).containsEntry("user", USER);
    assertThat(refused.localizedMessage().getMessage()).contains("verification code");
  }

  @Test
  void wrongPassword_stillSaysOnlyInvalidCredentials() {
    var refused = failure(() -> server.auth().signIn(SignInRequest.newBuilder().setUserPrincipalName(USER)
        .setPassword("Not-The-Password-1").setClientApp(ClientApp.CLIENT_APP_BROWSER).build()));

    assertThat(refused.errorInfo().getReason()).isEqualTo("INVALID_CREDENTIALS");
  }

  @Test
  void validCode_signsIn_once_andItsReplayIsRefused() {
    var code = phone.code(server.clock.instant());

    var signedIn = Authenticator.signIn(server, USER, code);
    assertThat(signedIn.getAccessToken()).isNotEmpty();
    assertThat(signedIn.getRegistrationRequired()).isFalse();

    var replay = refusedSignIn(code);
    assertThat(replay.code()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(replay.errorInfo().getReason()).isEqualTo("MFA_CODE_ALREADY_USED");

    // The next time step's code is a new code.
    server.clock.advance(Duration.ofSeconds(30));
    assertThat(Authenticator.signIn(server, USER, phone.code(server.clock.instant())).getAccessToken()).isNotEmpty();
  }

  @Test
  void codeFromTheStepBefore_isAccepted_butOneFromAFarStepIsNot() {
    server.clock.advance(Duration.ofMinutes(10));
    var now = server.clock.instant();

    var far = refusedSignIn(phone.code(now.minus(Duration.ofMinutes(5))));
    assertThat(far.errorInfo().getReason()).isEqualTo("MFA_CODE_INVALID");
    assertThat(refusedSignIn(phone.code(now.plus(Duration.ofMinutes(2)))).errorInfo().getReason())
        .isEqualTo("MFA_CODE_INVALID");

    // A phone a few seconds slow shows the previous step's code: still good.
    assertThat(Authenticator.signIn(server, USER, phone.code(now.minusSeconds(30))).getAccessToken()).isNotEmpty();
  }

  @Test
  void replayOfAnOlderCode_afterANewerOneSignedIn_isRefused() {
    var now = server.clock.instant();
    Authenticator.signIn(server, USER, phone.code(now));

    // The previous step's code is within the window, but a later step already signed in.
    assertThat(refusedSignIn(phone.code(now.minusSeconds(30))).errorInfo().getReason()).isEqualTo("MFA_CODE_ALREADY_USED");
  }

  @Test
  void wrongCodes_countTowardTheLockout_likeWrongPasswords() throws Exception {
    var valid = phone.code(server.clock.instant());
    int tried = 0;
    for (int i = 0; tried < 10; i++) {
      var wrong = String.format("%06d", 100_000 + i);
      if (wrong.equals(valid) || wrong.equals(phone.code(server.clock.instant().minusSeconds(30)))
          || wrong.equals(phone.code(server.clock.instant().plusSeconds(30)))) {
        continue;
      }
      var refused = refusedSignIn(wrong);
      tried++;
      if (tried < 10) {
        assertThat(refused.errorInfo().getReason()).as("attempt " + tried).isEqualTo("MFA_CODE_INVALID");
      }
    }

    // Locked now: even the right code is refused until the lockout ends.
    assertThat(refusedSignIn(valid).errorInfo().getReason()).isEqualTo("ACCOUNT_LOCKED");
    assertThat(server.queryLong("SELECT COUNT(*) FROM audit_events WHERE details LIKE '%MFA_CODE_INVALID%'"))
        .isGreaterThanOrEqualTo(9);
  }

  @Test
  void everyAttempt_isAudited_withoutTheCode() throws Exception {
    var code = phone.code(server.clock.instant());
    refusedSignIn("");
    refusedSignIn("999999".equals(code) ? "999998" : "999999");
    Authenticator.signIn(server, USER, code);

    assertThat(server.queryLong("SELECT COUNT(*) FROM audit_events WHERE details LIKE '%MFA_CODE_REQUIRED%'")).isEqualTo(1);
    assertThat(server.queryLong("SELECT COUNT(*) FROM audit_events WHERE details LIKE '%secondFactor%'")).isEqualTo(1);
    assertThat(server.queryLong("SELECT COUNT(*) FROM audit_events WHERE details LIKE '%" + code + "%'"
        + " OR details LIKE '%999999%'")).isZero();
  }

  @Test
  void legacyProtocols_takeOnlyAnAppPassword_onceTheUserHasAnAuthenticator() {
    var imapWithPassword = failure(() -> server.auth().signIn(SignInRequest.newBuilder().setUserPrincipalName(USER)
        .setPassword(TestServer.USER_PASSWORD).setClientApp(ClientApp.CLIENT_APP_IMAP).build()));
    assertThat(imapWithPassword.code()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(imapWithPassword.errorInfo().getReason()).isEqualTo("APP_PASSWORD_REQUIRED");
    assertThat(imapWithPassword.errorInfo().getMetadataMap()).containsEntry("clientApp", "IMAP");

    var self = Authenticator.self(server, Authenticator.signIn(server, USER, phone.code(server.clock.instant())));
    var appPassword = self.createAppPassword(CreateAppPasswordRequest.newBuilder().setDisplayName("Thunderbird").build())
        .getAppPassword();

    var imap = server.auth().signIn(SignInRequest.newBuilder().setUserPrincipalName(USER).setPassword(appPassword)
        .setClientApp(ClientApp.CLIENT_APP_IMAP).build());
    assertThat(imap.getAccessToken()).isNotEmpty();
    // An app password opens no browser session: there it is just a wrong password.
    var browser = failure(() -> server.auth().signIn(SignInRequest.newBuilder().setUserPrincipalName(USER)
        .setPassword(appPassword).setClientApp(ClientApp.CLIENT_APP_BROWSER).build()));
    assertThat(browser.errorInfo().getReason()).isEqualTo("INVALID_CREDENTIALS");
  }
}
