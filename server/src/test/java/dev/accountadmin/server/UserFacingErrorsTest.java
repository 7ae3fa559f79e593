package dev.accountadmin.server;

import static dev.accountadmin.server.TestServer.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.accountadmin.v1.BlockSignInRequest;
import dev.accountadmin.v1.ClientApp;
import dev.accountadmin.v1.MailFlowGrpc;
import dev.accountadmin.v1.RefreshTokenRequest;
import dev.accountadmin.v1.RevokeSessionsRequest;
import dev.accountadmin.v1.SignInRequest;
import dev.accountadmin.v1.SignInResponse;
import dev.accountadmin.v1.SubmitMessageRequest;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Errors that reach a user — a phone, an IMAP client, a sign-in page — say what a user can do;
 * only the admin API's errors point to acctadmin.
 */
final class UserFacingErrorsTest {
  static final String USER = "pat@contoso.com";
  @TempDir Path dir;
  TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = new TestServer(dir);
    server.createUser(USER);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  SignInResponse signIn(ClientApp app) {
    return server.auth().signIn(SignInRequest.newBuilder().setUserPrincipalName(USER)
        .setPassword(TestServer.USER_PASSWORD).setClientApp(app).build());
  }

  MailFlowGrpc.MailFlowBlockingStub mail(String token, String language) {
    var headers = new Metadata();
    headers.put(CallContext.AUTHORIZATION, "Bearer " + token);
    headers.put(CallContext.ACCEPT_LANGUAGE, language);
    return MailFlowGrpc.newBlockingStub(server.channel()).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  @Test
  void sessionRevoked_inAMailApp_tellsTheUserToSignInAgain_notToRunAcctadmin() {
    var token = signIn(ClientApp.CLIENT_APP_ACTIVE_SYNC).getAccessToken();
    server.admin().revokeSessions(RevokeSessionsRequest.newBuilder().setName("users/" + USER).build());

    var failure = failure(() -> mail(token, "fr").submitMessage(SubmitMessageRequest.newBuilder()
        .setSubject("hello").addRecipients("a@fabrikam.example").build()));

    assertThat(failure.errorInfo().getReason()).isEqualTo("SESSION_REVOKED");
    assertThat(failure.localizedMessage().getMessage()).isEqualTo("Vous avez été déconnecté. Reconnectez-vous avec votre"
        + " nom d’utilisateur et votre mot de passe\u202F; si votre mot de passe ne fonctionne plus, contactez votre administrateur.");
    assertThat(failure.status().getMessage()).doesNotContain("acctadmin");
  }

  @Test
  void refreshOfARevokedSession_tellsTheUserToSignInAgain() {
    var refresh = signIn(ClientApp.CLIENT_APP_IMAP).getRefreshToken();
    server.admin().revokeSessions(RevokeSessionsRequest.newBuilder().setName("users/" + USER).build());

    var failure = failure(() -> server.auth().refreshToken(RefreshTokenRequest.newBuilder().setRefreshToken(refresh).build()));

    assertThat(failure.localizedMessage().getMessage()).isEqualTo("You have been signed out. Sign in again with your user"
        + " name and password; if your password no longer works, contact your admin.");
  }

  @Test
  void signInBlocked_saysWhatAUserCanDo_inAMailApp_andStaysAnAdminsMessageForTheAdminApi() {
    server.admin().blockSignIn(BlockSignInRequest.newBuilder().setName("users/" + USER).build());

    var imap = failure(() -> signIn(ClientApp.CLIENT_APP_IMAP));
    var adminApi = failure(() -> signIn(ClientApp.CLIENT_APP_ADMIN_API));

    assertThat(imap.localizedMessage().getMessage())
        .isEqualTo("Sign-in is blocked for your account pat@contoso.com. Contact your admin if you still need it.");
    assertThat(adminApi.localizedMessage().getMessage()).isEqualTo("Sign-in is blocked for pat@contoso.com.");
  }

  @Test
  void lockout_toAUser_saysUntilWhenWithDateAndZone() {
    for (int i = 0; i < 10; i++) {
      var attempt = i;
      failure(() -> server.auth().signIn(SignInRequest.newBuilder().setUserPrincipalName(USER)
          .setPassword("wrong-" + attempt).setClientApp(ClientApp.CLIENT_APP_BROWSER).build()));
    }

    var locked = failure(() -> signIn(ClientApp.CLIENT_APP_BROWSER));

    assertThat(locked.localizedMessage().getMessage()).isEqualTo("Your account pat@contoso.com is locked out after too"
        + " many failed sign-in attempts, until Nov 23, 2026, 9:01\u202FAM UTC. Try again in 1 minute with the right password,"
        + " or ask your admin to clear the lockout.");
  }
}
