package dev.accountadmin.server;

import static dev.accountadmin.server.TestServer.failure;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.rpc.RetryInfo;
import dev.accountadmin.server.store.Dialect;
import dev.accountadmin.v1.AdminRole;
import dev.accountadmin.v1.BlockSignInRequest;
import dev.accountadmin.v1.ChangePasswordRequest;
import dev.accountadmin.v1.ClearLockoutRequest;
import dev.accountadmin.v1.ClientApp;
import dev.accountadmin.v1.CreateUserRequest;
import dev.accountadmin.v1.GetUserRequest;
import dev.accountadmin.v1.InactiveReason;
import dev.accountadmin.v1.IntrospectRequest;
import dev.accountadmin.v1.MailProtocol;
import dev.accountadmin.v1.RefreshTokenRequest;
import dev.accountadmin.v1.ResetPasswordRequest;
import dev.accountadmin.v1.RevokeSessionsRequest;
import dev.accountadmin.v1.SetMailProtocolsRequest;
import dev.accountadmin.v1.SignInRequest;
import dev.accountadmin.v1.SignInResponse;
import dev.accountadmin.v1.SignOutRequest;
import dev.accountadmin.v1.User;
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

/** Real sign-in: smart lockout, blocks, protocols, sessions, refresh and introspection. */
@ParameterizedClass
@EnumSource(Dialect.class)
final class SignInTest {
  @Parameter Dialect engine;
  static final String USER = "pat@contoso.com";
  @TempDir Path dir;
  TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = new TestServer(engine, dir);
    server.createUser(USER);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  SignInResponse signIn(String password, ClientApp app) {
    return server.auth().signIn(SignInRequest.newBuilder().setUserPrincipalName(USER).setPassword(password)
        .setClientApp(app).build());
  }

  void failTenTimes(String prefix) {
    for (int i = 0; i < 10; i++) {
      var attempt = i;
      var failure = failure(() -> signIn(prefix + attempt, ClientApp.CLIENT_APP_BROWSER));
      assertThat(failure.errorInfo().getReason()).isEqualTo("INVALID_CREDENTIALS");
    }
  }

  @Test
  void tenWrongPasswords_lockTheAccount_evenForTheRightOne() {
    failTenTimes("wrong-");

    var locked = failure(() -> signIn(TestServer.USER_PASSWORD, ClientApp.CLIENT_APP_BROWSER));

    assertThat(locked.code()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(locked.errorInfo().getReason()).isEqualTo("ACCOUNT_LOCKED");
    assertThat(locked.errorInfo().getMetadataMap()).containsEntry("retryAfterSeconds", "60")
        .containsEntry("lockedUntilTime", server.clock.instant().plusSeconds(60).toString());
    assertThat(locked.unpack(RetryInfo.class).getRetryDelay().getSeconds()).isEqualTo(60);
  }

  @Test
  void lockout_liftsAfterSixtySeconds_andDoublesNextTime() {
    failTenTimes("wrong-");
    server.clock.advance(Duration.ofSeconds(59));
    assertThat(failure(() -> signIn(TestServer.USER_PASSWORD, ClientApp.CLIENT_APP_BROWSER)).errorInfo().getReason())
        .isEqualTo("ACCOUNT_LOCKED");
    server.clock.advance(Duration.ofSeconds(1));
    failTenTimes("again-");

    var second = failure(() -> signIn(TestServer.USER_PASSWORD, ClientApp.CLIENT_APP_BROWSER));
    server.clock.advance(Duration.ofSeconds(119));
    var stillLocked = failure(() -> signIn(TestServer.USER_PASSWORD, ClientApp.CLIENT_APP_BROWSER));
    server.clock.advance(Duration.ofSeconds(1));

    assertThat(second.errorInfo().getMetadataMap()).containsEntry("retryAfterSeconds", "120");
    assertThat(stillLocked.errorInfo().getReason()).isEqualTo("ACCOUNT_LOCKED");
    assertThat(signIn(TestServer.USER_PASSWORD, ClientApp.CLIENT_APP_BROWSER).getAccessToken()).isNotEmpty();
  }

  @Test
  void repeatingARecentWrongPassword_countsOnce() {
    for (int i = 0; i < 15; i++) {
      failure(() -> signIn("same-old-password", ClientApp.CLIENT_APP_ACTIVE_SYNC));
    }
    assertThat(signIn(TestServer.USER_PASSWORD, ClientApp.CLIENT_APP_BROWSER).getAccessToken()).isNotEmpty();
  }

  @Test
  void success_resetsTheFailureCount() {
    for (int i = 0; i < 9; i++) {
      var attempt = i;
      failure(() -> signIn("wrong-" + attempt, ClientApp.CLIENT_APP_BROWSER));
    }
    signIn(TestServer.USER_PASSWORD, ClientApp.CLIENT_APP_BROWSER);
    for (int i = 0; i < 9; i++) {
      var attempt = i;
      failure(() -> signIn("other-" + attempt, ClientApp.CLIENT_APP_BROWSER));
    }
    assertThat(signIn(TestServer.USER_PASSWORD, ClientApp.CLIENT_APP_BROWSER).getAccessToken()).isNotEmpty();
  }

  @Test
  void clearLockout_byHelpdesk_letsTheUserBackAtOnce() {
    failTenTimes("wrong-");
    var helpdesk = server.as("hd@contoso.com", AdminRole.ADMIN_ROLE_HELPDESK_ADMIN);
    helpdesk.clearLockout(ClearLockoutRequest.newBuilder().setName("users/" + USER).build());
    assertThat(signIn(TestServer.USER_PASSWORD, ClientApp.CLIENT_APP_BROWSER).getAccessToken()).isNotEmpty();
  }

  @Test
  void adminCallers_areLockedOutToo() {
    for (int i = 0; i < 10; i++) {
      var attempt = i;
      failure(() -> server.signIn(TestServer.ADMIN, "guess-" + attempt));
    }
    var locked = failure(() -> server.signIn(TestServer.ADMIN, TestServer.ADMIN_PASSWORD));
    assertThat(locked.errorInfo().getReason()).isEqualTo("ACCOUNT_LOCKED");
  }

  @Test
  void blockedUser_rightPassword_getsTheBlockedError() {
    server.admin().blockSignIn(BlockSignInRequest.newBuilder().setName("users/" + USER).build());
    var failure = failure(() -> signIn(TestServer.USER_PASSWORD, ClientApp.CLIENT_APP_BROWSER));
    assertThat(failure.errorInfo().getReason()).isEqualTo("SIGN_IN_BLOCKED");
    var wrong = failure(() -> signIn("wrong", ClientApp.CLIENT_APP_BROWSER));
    assertThat(wrong.errorInfo().getReason()).isEqualTo("INVALID_CREDENTIALS");
  }

  @Test
  void disabledProtocol_refusesThatAppOnly() {
    server.admin().setMailProtocols(SetMailProtocolsRequest.newBuilder().setName("users/" + USER)
        .addEnabledProtocols(MailProtocol.MAIL_PROTOCOL_IMAP).addEnabledProtocols(MailProtocol.MAIL_PROTOCOL_OUTLOOK_WEB).build());

    var pop = failure(() -> signIn(TestServer.USER_PASSWORD, ClientApp.CLIENT_APP_POP3));

    assertThat(pop.errorInfo().getReason()).isEqualTo("PROTOCOL_DISABLED");
    assertThat(pop.errorInfo().getMetadataMap()).containsEntry("clientApp", "POP3");
    assertThat(signIn(TestServer.USER_PASSWORD, ClientApp.CLIENT_APP_IMAP).getAccessToken()).isNotEmpty();
    assertThat(signIn(TestServer.USER_PASSWORD, ClientApp.CLIENT_APP_BROWSER).getAccessToken()).isNotEmpty();
  }

  @Test
  void temporaryPassword_mustBeChangedBeforeSigningIn() {
    var created = server.admin().createUser(CreateUserRequest.newBuilder()
        .setUser(User.newBuilder().setUserPrincipalName("new@contoso.com")).build());
    var temporary = created.getTemporaryPassword();

    var refused = failure(() -> server.signIn("new@contoso.com", temporary));
    server.auth().changePassword(ChangePasswordRequest.newBuilder().setUserPrincipalName("new@contoso.com")
        .setCurrentPassword(temporary).setNewPassword("Correct-Staple-Orbit-77").build());

    assertThat(refused.errorInfo().getReason()).isEqualTo("PASSWORD_CHANGE_REQUIRED");
    assertThat(server.signIn("new@contoso.com", "Correct-Staple-Orbit-77")).isNotEmpty();
  }

  @Test
  void changePassword_weakPassword_isRefused() {
    var failure = failure(() -> server.auth().changePassword(ChangePasswordRequest.newBuilder().setUserPrincipalName(USER)
        .setCurrentPassword(TestServer.USER_PASSWORD).setNewPassword("short").build()));
    assertThat(failure.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(failure.errorInfo().getReason()).isEqualTo("PASSWORD_TOO_WEAK");
    var named = failure(() -> server.auth().changePassword(ChangePasswordRequest.newBuilder().setUserPrincipalName(USER)
        .setCurrentPassword(TestServer.USER_PASSWORD).setNewPassword("pat-is-my-name-2026").build()));
    assertThat(named.errorInfo().getReason()).isEqualTo("PASSWORD_TOO_WEAK");
  }

  @Test
  void changePassword_weakPassword_isFieldViolationOnNewPassword() {
    var failure = failure(() -> server.auth().changePassword(ChangePasswordRequest.newBuilder().setUserPrincipalName(USER)
        .setCurrentPassword(TestServer.USER_PASSWORD).setNewPassword("short").build()));

    assertThat(failure.errorInfo().getReason()).isEqualTo("PASSWORD_TOO_WEAK");
    var violation = failure.badRequest().getFieldViolations(0);
    assertThat(violation.getField()).isEqualTo("new_password");
    assertThat(violation.getReason()).isEqualTo("PASSWORD_TOO_WEAK");
    assertThat(violation.getDescription()).contains("new_password", "12 characters").doesNotContain("short");
  }

  @Test
  void refresh_rotatesTheToken_andReuseRevokesTheSession() {
    var session = signIn(TestServer.USER_PASSWORD, ClientApp.CLIENT_APP_OUTLOOK_DESKTOP);
    var refreshed = server.auth().refreshToken(RefreshTokenRequest.newBuilder().setRefreshToken(session.getRefreshToken()).build());

    var reuse = failure(() -> server.auth().refreshToken(RefreshTokenRequest.newBuilder().setRefreshToken(session.getRefreshToken()).build()));
    var afterReuse = failure(() -> server.auth().refreshToken(RefreshTokenRequest.newBuilder().setRefreshToken(refreshed.getRefreshToken()).build()));

    assertThat(refreshed.getRefreshToken()).isNotEqualTo(session.getRefreshToken());
    assertThat(reuse.code()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(afterReuse.errorInfo().getReason()).isEqualTo("SESSION_REVOKED");
    assertThat(introspect(refreshed.getAccessToken()).getInactiveReason()).isEqualTo(InactiveReason.INACTIVE_REASON_SESSION_REVOKED);
  }

  @Test
  void refresh_afterRevocation_fails() {
    var session = signIn(TestServer.USER_PASSWORD, ClientApp.CLIENT_APP_ACTIVE_SYNC);
    var revoked = server.admin().revokeSessions(RevokeSessionsRequest.newBuilder().setName("users/" + USER).build());

    var failure = failure(() -> server.auth().refreshToken(RefreshTokenRequest.newBuilder().setRefreshToken(session.getRefreshToken()).build()));

    assertThat(revoked.getStep().getDetails().getSessionsRevoked().getRevokedSessionCount()).isEqualTo(1);
    assertThat(revoked.getStep().getDetails().getSessionsRevoked().getAccessTokensValidUntil())
        .isEqualTo(session.getAccessTokenExpireTime());
    assertThat(failure.errorInfo().getReason()).isEqualTo("SESSION_REVOKED");
    assertThat(introspect(session.getAccessToken()).getActive()).isFalse();
  }

  @Test
  void introspect_tokenIssuedBeforePasswordReset_isInactive() {
    var session = signIn(TestServer.USER_PASSWORD, ClientApp.CLIENT_APP_BROWSER);
    assertThat(introspect(session.getAccessToken()).getActive()).isTrue();
    server.clock.advance(Duration.ofSeconds(5));

    server.admin().resetPassword(ResetPasswordRequest.newBuilder().setName("users/" + USER).build());

    var result = introspect(session.getAccessToken());
    assertThat(result.getActive()).isFalse();
    assertThat(result.getInactiveReason()).isEqualTo(InactiveReason.INACTIVE_REASON_PASSWORD_CHANGED);
    assertThat(failure(() -> server.auth().refreshToken(RefreshTokenRequest.newBuilder()
        .setRefreshToken(session.getRefreshToken()).build())).code()).isEqualTo(Status.Code.UNAUTHENTICATED);
  }

  @Test
  void introspect_followsBlockAndProtocolAtOnce() {
    var imap = signIn(TestServer.USER_PASSWORD, ClientApp.CLIENT_APP_IMAP);
    var web = signIn(TestServer.USER_PASSWORD, ClientApp.CLIENT_APP_OUTLOOK_WEB);
    server.admin().setMailProtocols(SetMailProtocolsRequest.newBuilder().setName("users/" + USER)
        .addEnabledProtocols(MailProtocol.MAIL_PROTOCOL_OUTLOOK_WEB).build());
    assertThat(introspect(imap.getAccessToken()).getInactiveReason()).isEqualTo(InactiveReason.INACTIVE_REASON_PROTOCOL_DISABLED);
    assertThat(introspect(web.getAccessToken()).getActive()).isTrue();

    server.admin().blockSignIn(BlockSignInRequest.newBuilder().setName("users/" + USER).build());
    assertThat(introspect(web.getAccessToken()).getInactiveReason()).isEqualTo(InactiveReason.INACTIVE_REASON_SIGN_IN_BLOCKED);
  }

  @Test
  void introspect_expiredToken_saysExpired() {
    var session = signIn(TestServer.USER_PASSWORD, ClientApp.CLIENT_APP_BROWSER);
    server.clock.advance(Duration.ofHours(1));
    assertThat(introspect(session.getAccessToken()).getInactiveReason()).isEqualTo(InactiveReason.INACTIVE_REASON_EXPIRED);
    assertThat(introspect("garbage").getInactiveReason()).isEqualTo(InactiveReason.INACTIVE_REASON_INVALID);
  }

  @Test
  void signOut_endsOnlyThatSession() {
    var admin = server.signIn(TestServer.ADMIN, TestServer.ADMIN_PASSWORD);
    var other = server.signIn(TestServer.ADMIN, TestServer.ADMIN_PASSWORD);
    var headers = new io.grpc.Metadata();
    headers.put(CallContext.AUTHORIZATION, "Bearer " + admin);
    server.auth().withInterceptors(io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(headers))
        .signOut(SignOutRequest.getDefaultInstance());
    assertThat(introspect(admin).getInactiveReason()).isEqualTo(InactiveReason.INACTIVE_REASON_SESSION_REVOKED);
    assertThat(server.withToken(other, null).getUser(GetUserRequest.newBuilder().setName("users/" + USER).build())
        .getUser().getActiveSessionCount()).isZero();
  }

  private dev.accountadmin.v1.IntrospectResponse introspect(String token) {
    return server.auth().introspect(IntrospectRequest.newBuilder().setToken(token).build());
  }
}
