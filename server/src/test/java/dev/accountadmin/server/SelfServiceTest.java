package dev.accountadmin.server;

import static dev.accountadmin.server.TestServer.failure;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.rpc.RetryInfo;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.accountadmin.server.store.Dialect;
import dev.accountadmin.v1.BeginRecoveryRequest;
import dev.accountadmin.v1.BeginRecoveryResponse;
import dev.accountadmin.v1.BlockSignInRequest;
import dev.accountadmin.v1.ClientApp;
import dev.accountadmin.v1.CompleteRecoveryRequest;
import dev.accountadmin.v1.RecoveryChoice;
import dev.accountadmin.v1.RecoveryMethod;
import dev.accountadmin.v1.SelfServiceGrpc;
import dev.accountadmin.v1.SetAlternateEmailRequest;
import dev.accountadmin.v1.SignInRequest;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Self-service recovery through a real server on both engines: a locked-out user proves who they
 * are with their authenticator app or a code mailed through a real SMTP server (GreenMail), then
 * unlocks or sets a new password; unknown users get the same answers; codes are single-use and
 * short-lived; rate limits hold per user and per address; the audit holds no secret.
 */
@ParameterizedClass
@EnumSource(Dialect.class)
final class SelfServiceTest {
  @RegisterExtension
  static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());
  static final String USER = "pat@contoso.com";
  static final String NEW_PASSWORD = "Fresh-Meadow-Lantern-42";
  static final Pattern CODE = Pattern.compile("\\b([0-9]{8})\\b");

  @Parameter Dialect engine;
  @TempDir Path dir;
  TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = new TestServer(engine, dir, new TestClock(TestServer.START),
        c -> c.smtpRelay("127.0.0.1:" + SMTP.getSmtp().getPort()));
    LogCapture.secret(NEW_PASSWORD);
    server.createUser(USER);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  SelfServiceGrpc.SelfServiceBlockingStub selfService(String language) {
    var stub = SelfServiceGrpc.newBlockingStub(server.channel()).withDeadlineAfter(30, TimeUnit.SECONDS);
    if (language == null) {
      return stub;
    }
    var headers = new Metadata();
    headers.put(CallContext.ACCEPT_LANGUAGE, language);
    return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  BeginRecoveryResponse begin(String user, RecoveryMethod method, String address) {
    var begun = selfService(null).beginRecovery(BeginRecoveryRequest.newBuilder().setUserPrincipalName(user)
        .setMethod(method).setLanguage("nl").setClientAddress(address).build());
    LogCapture.secret(begun.getRecoveryId());
    return begun;
  }

  CompleteRecoveryRequest.Builder complete(BeginRecoveryResponse begun, String code) {
    LogCapture.secret(code);
    return CompleteRecoveryRequest.newBuilder().setRecoveryId(begun.getRecoveryId()).setVerificationCode(code)
        .setChoice(RecoveryChoice.RECOVERY_CHOICE_UNLOCK).setClientAddress("198.51.100.7");
  }

  void lockOut(String user) {
    for (int i = 0; i < 10; i++) {
      var attempt = i;
      failure(() -> server.auth().signIn(SignInRequest.newBuilder().setUserPrincipalName(user)
          .setPassword("wrong-" + attempt).setClientApp(ClientApp.CLIENT_APP_BROWSER).build()));
    }
    assertThat(failure(() -> signIn(user, TestServer.USER_PASSWORD, "")).errorInfo().getReason())
        .isIn("ACCOUNT_LOCKED", "MFA_CODE_REQUIRED");
  }

  String signIn(String user, String password, String code) {
    return server.auth().signIn(SignInRequest.newBuilder().setUserPrincipalName(user).setPassword(password)
        .setVerificationCode(code).setClientApp(ClientApp.CLIENT_APP_BROWSER).build()).getAccessToken();
  }

  void setAlternateEmail(String user, String email) {
    var self = Authenticator.self(server, Authenticator.signIn(server, user, ""));
    self.setAlternateEmail(SetAlternateEmailRequest.newBuilder().setEmail(email).build());
  }

  /** Every audit record's details, as stored. */
  String auditDetails() throws Exception {
    var all = new StringBuilder();
    try (var c = server.connect(); var s = c.createStatement();
        var rows = s.executeQuery("SELECT actor, client_address, target, details FROM audit_events")) {
      while (rows.next()) {
        all.append(rows.getString(1)).append(' ').append(rows.getString(2)).append(' ')
            .append(rows.getString(3)).append(' ').append(rows.getString(4)).append('\n');
      }
    }
    return all.toString();
  }

  @Test
  void authenticatorApp_unlocks_keepingThePassword_andItsCodeWorksOnce() throws Exception {
    var phone = Authenticator.register(server, USER);
    lockOut(USER);
    var begun = begin(USER, RecoveryMethod.RECOVERY_METHOD_AUTHENTICATOR_APP, "198.51.100.7");
    assertThat(begun.getCodeLength()).isEqualTo(6);
    var code = phone.code(server.clock.instant());

    var done = selfService(null).completeRecovery(complete(begun, code).build());

    assertThat(done.getUserPrincipalName()).isEqualTo(USER);
    assertThat(done.getChoice()).isEqualTo(RecoveryChoice.RECOVERY_CHOICE_UNLOCK);
    assertThat(done.getLockoutCleared()).isTrue();
    assertThat(done.getEffectiveTime().getSeconds()).isEqualTo(server.clock.instant().getEpochSecond());
    // The same code again, in a new recovery: refused as a wrong code (its time step is spent).
    var again = begin(USER, RecoveryMethod.RECOVERY_METHOD_AUTHENTICATOR_APP, "198.51.100.7");
    var replay = failure(() -> selfService(null).completeRecovery(complete(again, code).build()));
    assertThat(replay.errorInfo().getReason()).isEqualTo("RECOVERY_CODE_INVALID");
    assertThat(replay.errorInfo().getMetadataMap()).containsEntry("attemptsLeft", "4");
    // The old password signs in, with the app's next code.
    server.clock.advance(Duration.ofSeconds(30));
    assertThat(signIn(USER, TestServer.USER_PASSWORD, phone.code(server.clock.instant()))).isNotEmpty();
    var audit = auditDetails();
    assertThat(audit).contains("\"choice\":\"UNLOCK\"")
        .doesNotContain(code).doesNotContain(begun.getRecoveryId()).doesNotContain(again.getRecoveryId());
    assertThat(server.queryLong("SELECT COUNT(*) FROM self_service_recoveries WHERE id_hash = '"
        + begun.getRecoveryId() + "'")).isZero();
  }

  @Test
  void emailedCode_inTheUsersLanguage_setsANewPassword_signsOutSessions_andIsSingleUse() throws Exception {
    setAlternateEmail(USER, "pat.home@example.net");
    lockOut(USER);
    var begun = begin(USER, RecoveryMethod.RECOVERY_METHOD_ALTERNATE_EMAIL, "198.51.100.7");
    assertThat(begun.getCodeLength()).isEqualTo(8);

    assertThat(SMTP.waitForIncomingEmail(20_000, 1)).isTrue();
    var mail = SMTP.getReceivedMessages()[0];
    var body = GreenMailUtil.getBody(mail);
    var text = mail.getContent().toString();
    assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("pat.home@example.net");
    assertThat(mail.getSubject()).isEqualTo("Uw verificatiecode om uw account te ontgrendelen");
    assertThat(text).contains("Uw verificatiecode is", "10 minuten geldig", "Hebt u hier niet om gevraagd?");
    var matcher = CODE.matcher(text);
    assertThat(matcher.find()).as(body).isTrue();
    var code = matcher.group(1);

    var weak = failure(() -> selfService(null).completeRecovery(complete(begun, code)
        .setChoice(RecoveryChoice.RECOVERY_CHOICE_SET_PASSWORD).setNewPassword("short").build()));
    assertThat(weak.errorInfo().getReason()).isEqualTo("PASSWORD_TOO_WEAK");
    var done = selfService(null).completeRecovery(complete(begun, code)
        .setChoice(RecoveryChoice.RECOVERY_CHOICE_SET_PASSWORD).setNewPassword(NEW_PASSWORD).build());

    assertThat(done.getLockoutCleared()).isTrue();
    assertThat(done.getRevokedSessionCount()).isEqualTo(1);
    assertThat(failure(() -> signIn(USER, TestServer.USER_PASSWORD, "")).errorInfo().getReason())
        .isEqualTo("INVALID_CREDENTIALS");
    assertThat(signIn(USER, NEW_PASSWORD, "")).isNotEmpty();
    var twice = failure(() -> selfService(null).completeRecovery(complete(begun, code)
        .setChoice(RecoveryChoice.RECOVERY_CHOICE_SET_PASSWORD).setNewPassword(NEW_PASSWORD + "x").build()));
    assertThat(twice.errorInfo().getReason()).isEqualTo("RECOVERY_EXPIRED");
    assertThat(auditDetails()).doesNotContain(code).doesNotContain(NEW_PASSWORD).doesNotContain(begun.getRecoveryId())
        .contains("\"revokedSessionCount\":\"1\"");
    assertThat(server.queryLong("SELECT COUNT(*) FROM self_service_recoveries WHERE code_hash LIKE '%" + code + "%'"))
        .isZero();
  }

  @Test
  void emailedCode_runsOutAfterTenMinutes() throws Exception {
    setAlternateEmail(USER, "pat.home@example.net");
    var begun = begin(USER, RecoveryMethod.RECOVERY_METHOD_ALTERNATE_EMAIL, "198.51.100.7");
    assertThat(SMTP.waitForIncomingEmail(20_000, 1)).isTrue();
    var matcher = CODE.matcher(SMTP.getReceivedMessages()[0].getContent().toString());
    assertThat(matcher.find()).isTrue();
    server.clock.advance(Duration.ofMinutes(10));

    var late = failure(() -> selfService(null).completeRecovery(complete(begun, matcher.group(1)).build()));

    assertThat(late.errorInfo().getReason()).isEqualTo("RECOVERY_EXPIRED");
    assertThat(late.code()).isEqualTo(Status.Code.FAILED_PRECONDITION);
  }

  @Test
  void wrongCodes_endTheRecoveryAfterItsAttempts_evenForTheRightCodeAfterwards() throws Exception {
    var phone = Authenticator.register(server, USER);
    var begun = begin(USER, RecoveryMethod.RECOVERY_METHOD_AUTHENTICATOR_APP, "198.51.100.7");
    for (int left = 4; left >= 0; left--) {
      var wrong = failure(() -> selfService(null).completeRecovery(complete(begun, "000000").build()));
      assertThat(wrong.errorInfo().getReason()).isEqualTo("RECOVERY_CODE_INVALID");
      assertThat(wrong.code()).isEqualTo(Status.Code.UNAUTHENTICATED);
      assertThat(wrong.errorInfo().getMetadataMap()).containsEntry("attemptsLeft", Integer.toString(left));
    }
    var right = failure(() -> selfService(null).completeRecovery(complete(begun, phone.code(server.clock.instant())).build()));
    assertThat(right.errorInfo().getReason()).isEqualTo("RECOVERY_EXPIRED");
  }

  @Test
  void unknownBlockedAndMethodlessUsers_getTheSameAnswers_andTheAuditSaysWhy() throws Exception {
    Authenticator.register(server, USER);
    server.createUser("blocked@contoso.com");
    var blockedPhone = Authenticator.register(server, "blocked@contoso.com");
    server.admin().blockSignIn(BlockSignInRequest.newBuilder().setName("users/blocked@contoso.com").build());
    server.createUser("leaver@contoso.com");
    var leaverPhone = Authenticator.register(server, "leaver@contoso.com");
    server.admin().offboardUser(dev.accountadmin.v1.OffboardUserRequest.newBuilder().setName("users/leaver@contoso.com").build());
    server.createUser("plain@contoso.com");
    var method = RecoveryMethod.RECOVERY_METHOD_AUTHENTICATOR_APP;

    var real = begin(USER, method, "198.51.100.7");
    var ghost = begin("ghost@contoso.com", method, "198.51.100.7");
    var blocked = begin("blocked@contoso.com", method, "198.51.100.7");
    var plain = begin("plain@contoso.com", method, "198.51.100.7");
    var leaver = begin("leaver@contoso.com", method, "198.51.100.7");

    for (var other : java.util.List.of(ghost, blocked, plain, leaver)) {
      assertThat(other.getAllFields().keySet()).isEqualTo(real.getAllFields().keySet());
      assertThat(other.getRecoveryId()).hasSameSizeAs(real.getRecoveryId()).isNotEqualTo(real.getRecoveryId());
      assertThat(other.toBuilder().clearRecoveryId().build()).isEqualTo(real.toBuilder().clearRecoveryId().build());
    }
    var wrongForReal = failure(() -> selfService(null).completeRecovery(complete(real, "123456").build()));
    var ghostFailure = failure(() -> selfService(null).completeRecovery(complete(ghost, "123456").build()));
    assertThat(ghostFailure.status()).isEqualTo(wrongForReal.status());
    // A blocked or offboarded user fails even with their authenticator's right code, as a wrong code does.
    assertThat(failure(() -> selfService(null).completeRecovery(complete(blocked,
        blockedPhone.code(server.clock.instant())).build())).status()).isEqualTo(wrongForReal.status());
    assertThat(failure(() -> selfService(null).completeRecovery(complete(leaver,
        leaverPhone.code(server.clock.instant())).build())).status()).isEqualTo(wrongForReal.status());
    var audit = auditDetails();
    assertThat(audit).contains("\"reason\":\"USER_NOT_FOUND\"", "\"reason\":\"SIGN_IN_BLOCKED\"",
        "\"reason\":\"METHOD_NOT_REGISTERED\"", "\"reason\":\"OFFBOARDED\"", "\"cause\":\"SIGN_IN_BLOCKED\"");
  }

  @Test
  void rateLimits_holdPerUserName_knownOrNot_andPerClientAddress() {
    for (var name : java.util.List.of(USER, "ghost@contoso.com")) {
      for (int i = 0; i < 10; i++) {
        begin(name, RecoveryMethod.RECOVERY_METHOD_AUTHENTICATOR_APP, "203.0.113." + (i + 1));
      }
      var limited = failure(() -> selfService("sv").beginRecovery(BeginRecoveryRequest.newBuilder()
          .setUserPrincipalName(name).setMethod(RecoveryMethod.RECOVERY_METHOD_AUTHENTICATOR_APP)
          .setClientAddress("203.0.113.99").build()));
      assertThat(limited.code()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
      assertThat(limited.errorInfo().getReason()).isEqualTo("SELF_SERVICE_THROTTLED");
      assertThat(limited.errorInfo().getMetadataMap()).containsEntry("throttleScope", "USER")
          .containsEntry("retryAfterSeconds", "900");
      assertThat(limited.unpack(RetryInfo.class).getRetryDelay().getSeconds()).isEqualTo(900);
      assertThat(limited.localizedMessage().getLocale()).isEqualTo("sv");
      assertThat(limited.localizedMessage().getMessage()).startsWith("För många självbetjäningsförsök");
    }
    for (int i = 0; i < 30; i++) {
      begin("someone" + i + "@contoso.com", RecoveryMethod.RECOVERY_METHOD_ALTERNATE_EMAIL, "192.0.2.50");
    }
    var address = failure(() -> begin("someone-else@contoso.com", RecoveryMethod.RECOVERY_METHOD_ALTERNATE_EMAIL,
        "192.0.2.50"));
    assertThat(address.errorInfo().getMetadataMap()).containsEntry("throttleScope", "ADDRESS");
    assertThat(begin("someone-else@contoso.com", RecoveryMethod.RECOVERY_METHOD_ALTERNATE_EMAIL, "192.0.2.51")
        .getRecoveryId()).isNotEmpty();
    server.clock.advance(Duration.ofMinutes(15));
    assertThat(begin(USER, RecoveryMethod.RECOVERY_METHOD_AUTHENTICATOR_APP, "192.0.2.50").getRecoveryId()).isNotEmpty();
  }
}
