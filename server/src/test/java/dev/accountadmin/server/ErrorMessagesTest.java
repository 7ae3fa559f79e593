package dev.accountadmin.server;

import static dev.accountadmin.server.TestServer.failure;
import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.text.MessageFormat;
import dev.accountadmin.i18n.Locales;
import dev.accountadmin.i18n.Messages;
import dev.accountadmin.failure.Reason;
import dev.accountadmin.server.mail.OutboundPolicy;
import dev.accountadmin.server.store.Dialect;
import dev.accountadmin.v1.AdminRole;
import dev.accountadmin.v1.BatchOffboardUsersRequest;
import dev.accountadmin.v1.BlockSignInRequest;
import dev.accountadmin.v1.ChangePasswordRequest;
import dev.accountadmin.v1.ClientApp;
import dev.accountadmin.v1.CreateUserRequest;
import dev.accountadmin.v1.DeleteUserRequest;
import dev.accountadmin.v1.GetUserRequest;
import dev.accountadmin.v1.ListUsersRequest;
import dev.accountadmin.v1.MailFlowGrpc;
import dev.accountadmin.v1.MailProtocol;
import dev.accountadmin.v1.OffboardUserRequest;
import dev.accountadmin.v1.RestoreUserRequest;
import dev.accountadmin.v1.RestrictSendingRequest;
import dev.accountadmin.v1.RevokeSessionsRequest;
import dev.accountadmin.v1.SetMailProtocolsRequest;
import dev.accountadmin.v1.SignInRequest;
import dev.accountadmin.v1.StepResult;
import dev.accountadmin.v1.SubmitMessageRequest;
import dev.accountadmin.v1.UndeleteUserRequest;
import dev.accountadmin.v1.UnlockUserRequest;
import dev.accountadmin.v1.User;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@link Reason}, produced by a real server the way a caller meets it, rendered in every
 * locale from the ErrorInfo metadata the server sent: no argument of the message may be missing
 * or empty (a read denial once said "You may not read users and audit records for .").
 */
final class ErrorMessagesTest {
  static final String USER = "pat@contoso.com";
  static final String NAME = "users/" + USER;

  /** Reasons no call can produce on purpose: a lost race between two replicas. */
  static final Set<Reason> NOT_DRIVEN = Set.of(Reason.CONCURRENT_MODIFICATION,
      // An external directory's: driven, and rendered in every locale, against a real DC in ActiveDirectoryTest.
      Reason.DIRECTORY_UNAVAILABLE, Reason.DIRECTORY_REFUSED, Reason.STEP_NOT_APPLICABLE);

  @TempDir Path dir;
  TestServer server;
  final Map<String, java.util.List<Map<String, String>>> produced = new TreeMap<>();

  @BeforeEach
  void start() throws Exception {
    server = new TestServer(Dialect.SQLITE, dir, false,
        new OutboundPolicy(5, 1000, 1000, OutboundPolicy.Action.RESTRICT_UNTIL_LIFTED));
    server.createUser(USER);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void everyReason_asTheServerSendsIt_fillsEverySlotOfItsMessage_inEveryLocale() throws Exception {
    driveEveryReason();

    var expected = Arrays.stream(Reason.values()).filter(r -> !NOT_DRIVEN.contains(r)).map(Enum::name)
        .collect(Collectors.toCollection(java.util.TreeSet::new));
    assertThat(produced.keySet()).containsExactlyInAnyOrderElementsOf(expected);
    for (var locale : Locales.SUPPORTED) {
      var patterns = bundle(locale);
      var messages = Messages.of(locale, ZoneOffset.UTC);
      produced.forEach((reason, sent) -> sent.forEach(metadata -> {
        var key = "error." + reason;
        assertThat(patterns).as(locale + " " + key).containsKey(key);
        for (var sentence : patterns.keySet()) {
          if (sentence.equals(key) || (sentence.startsWith(key + ".") && nonBlank(metadata, sentence.substring(key.length() + 1)))) {
            for (var argument : new MessageFormat(patterns.get(sentence)).getArgumentNames()) {
              assertThat(nonBlank(metadata, argument))
                  .as("%s %s: {%s} from metadata %s", locale, sentence, argument, metadata).isTrue();
            }
          }
        }
        assertThat(messages.renderError(reason, metadata)).as(locale + " " + reason).doesNotContain("{", "}", " .", "  ");
      }));
    }
  }

  @Test
  void readDenial_namesNoUser() {
    var nobody = server.as("nobody@contoso.com");
    var failure = failure(() -> nobody.listUsers(ListUsersRequest.getDefaultInstance()));
    assertThat(failure.code()).isEqualTo(io.grpc.Status.Code.PERMISSION_DENIED);
    assertThat(failure.errorInfo().getReason()).isEqualTo("READ_DENIED");
    assertThat(failure.errorInfo().getMetadataMap()).doesNotContainKey("user").containsKey("requiredRoles");
    assertThat(failure.localizedMessage().getMessage()).isEqualTo("You may not read users or audit records. You need one of "
        + "these roles: global admin, user admin, helpdesk admin, Exchange admin, or security admin.");
  }

  private void driveEveryReason() throws Exception {
    var admin = server.admin();
    record(() -> admin.getUser(GetUserRequest.newBuilder().setName("users/not an address").build()));
    record(() -> server.anonymous().listUsers(ListUsersRequest.getDefaultInstance()));
    var soonExpired = server.signIn(USER, TestServer.USER_PASSWORD);
    server.clock.advance(Duration.ofHours(2));
    record(() -> server.withToken(soonExpired, null).listUsers(ListUsersRequest.getDefaultInstance()));
    var admin2 = server.admin();
    var revoked = server.signIn(USER, TestServer.USER_PASSWORD);
    admin2.revokeSessions(RevokeSessionsRequest.newBuilder().setName(NAME).build());
    record(() -> server.withToken(revoked, null).listUsers(ListUsersRequest.getDefaultInstance()));
    record(() -> server.signIn(USER, "not the password"));
    var helpdesk = server.as("hd@contoso.com", AdminRole.ADMIN_ROLE_HELPDESK_ADMIN);
    record(() -> helpdesk.blockSignIn(BlockSignInRequest.newBuilder().setName(NAME).build()));
    record(() -> helpdesk.offboardUser(OffboardUserRequest.newBuilder().setName(NAME).build()));
    record(() -> server.as("nobody@contoso.com").listUsers(ListUsersRequest.getDefaultInstance()));
    record(() -> admin2.getUser(GetUserRequest.newBuilder().setName("users/ghost@contoso.com").build()));
    record(() -> admin2.createUser(CreateUserRequest.newBuilder().setUser(User.newBuilder().setUserPrincipalName(USER)).build()));
    record(() -> admin2.undeleteUser(UndeleteUserRequest.newBuilder().setName(NAME).build()));
    record(() -> admin2.restoreUser(RestoreUserRequest.newBuilder().setName(NAME).build()));
    var id = UUID.randomUUID().toString();
    server.createUser("retried@contoso.com");
    admin2.blockSignIn(BlockSignInRequest.newBuilder().setName("users/retried@contoso.com").setRequestId(id).build());
    record(() -> admin2.unlockUser(UnlockUserRequest.newBuilder().setName("users/retried@contoso.com").setRequestId(id).build()));
    record(() -> admin2.batchOffboardUsers(BatchOffboardUsersRequest.newBuilder()
        .setBatchId(UUID.randomUUID().toString()).build()).forEachRemaining(r -> { }));
    record(() -> server.auth().changePassword(ChangePasswordRequest.newBuilder().setUserPrincipalName(USER)
        .setCurrentPassword(TestServer.USER_PASSWORD).setNewPassword("short").build()));

    // Mail: a sender over its hourly limit, then restricted.
    var mail = mail(USER);
    record(() -> mail.submitMessage(message(6)));
    record(() -> mail.submitMessage(message(1)));

    // Sign-in refusals, each on a user of its own.
    var fresh = admin2.createUser(CreateUserRequest.newBuilder().setUser(User.newBuilder()
        .setUserPrincipalName("fresh@contoso.com")).build()).getTemporaryPassword();
    dev.accountadmin.server.LogCapture.secret(fresh);
    record(() -> server.signIn("fresh@contoso.com", fresh));
    server.createUser("imap@contoso.com");
    admin2.setMailProtocols(SetMailProtocolsRequest.newBuilder().setName("users/imap@contoso.com")
        .addEnabledProtocols(MailProtocol.MAIL_PROTOCOL_OUTLOOK_WEB).build());
    record(() -> server.auth().signIn(SignInRequest.newBuilder().setUserPrincipalName("imap@contoso.com")
        .setPassword(TestServer.USER_PASSWORD).setClientApp(ClientApp.CLIENT_APP_IMAP).build()));
    server.createUser("blocked@contoso.com");
    admin2.blockSignIn(BlockSignInRequest.newBuilder().setName("users/blocked@contoso.com").build());
    record(() -> server.signIn("blocked@contoso.com", TestServer.USER_PASSWORD));
    server.createUser("locked@contoso.com");
    for (int i = 0; i < 10; i++) {
      var attempt = i;
      failure(() -> server.signIn("locked@contoso.com", "wrong-" + attempt));
    }
    record(() -> server.signIn("locked@contoso.com", TestServer.USER_PASSWORD));
    server.createUser("gone@contoso.com");
    admin2.deleteUser(DeleteUserRequest.newBuilder().setName("users/gone@contoso.com").build());
    record(() -> admin2.blockSignIn(BlockSignInRequest.newBuilder().setName("users/gone@contoso.com").build()));

    // Mail from a session that is not a mail app's.
    var browser = server.auth().signIn(SignInRequest.newBuilder().setUserPrincipalName(USER)
        .setPassword(TestServer.USER_PASSWORD).setClientApp(ClientApp.CLIENT_APP_BROWSER).build()).getAccessToken();
    record(() -> withToken(MailFlowGrpc.newBlockingStub(server.channel()), browser).submitMessage(message(1)));
    // Bytes that are no request, and headers over the limit.
    record(() -> MalformedRequestsTest.unary(server.channel(), "accountadmin.v1.Auth/SignIn", MalformedRequestsTest.GARBAGE.get(0)));
    var filler = new Metadata();
    filler.put(Metadata.Key.of("x-filler", Metadata.ASCII_STRING_MARSHALLER), "a".repeat(9_000));
    record(() -> MalformedRequestsTest.unary(io.grpc.ClientInterceptors.intercept(server.channel(),
        MetadataUtils.newAttachHeadersInterceptor(filler)), "accountadmin.v1.Auth/SignIn", new byte[0]));
    // A spray from an address nobody ever signed in from, until it is throttled.
    var sprayer = server.authFrom("127.0.0.7");
    for (int i = 0; i < 100 && !produced.containsKey("SIGN_IN_THROTTLED"); i++) {
      var attempt = i;
      var info = failure(() -> sprayer.signIn(SignInRequest.newBuilder().setUserPrincipalName("u" + attempt + "@contoso.com")
          .setPassword("wrong").setClientApp(ClientApp.CLIENT_APP_BROWSER).build())).errorInfo();
      if (info.getReason().equals("SIGN_IN_THROTTLED")) {
        produced.computeIfAbsent(info.getReason(), r -> new java.util.ArrayList<>()).add(info.getMetadataMap());
      }
    }

    // Mobile devices: an unknown id, a blocked device, a wiped one.
    server.createUser("phone@contoso.com");
    var phone = withToken(MailFlowGrpc.newBlockingStub(server.channel()), server.auth().signIn(SignInRequest.newBuilder()
        .setUserPrincipalName("phone@contoso.com").setPassword(TestServer.USER_PASSWORD)
        .setClientApp(ClientApp.CLIENT_APP_ACTIVE_SYNC).build()).getAccessToken());
    phone.syncDevice(dev.accountadmin.v1.SyncDeviceRequest.newBuilder().setDeviceId("PHONE-1").setModel("Pixel").build());
    phone.syncDevice(dev.accountadmin.v1.SyncDeviceRequest.newBuilder().setDeviceId("PHONE-2").setModel("Pixel").build());
    record(() -> admin2.blockDevice(dev.accountadmin.v1.BlockDeviceRequest.newBuilder().setName("users/phone@contoso.com")
        .setDeviceId("NO-SUCH-DEVICE").build()));
    admin2.blockDevice(dev.accountadmin.v1.BlockDeviceRequest.newBuilder().setName("users/phone@contoso.com")
        .setDeviceId("PHONE-1").build());
    record(() -> phone.syncDevice(dev.accountadmin.v1.SyncDeviceRequest.newBuilder().setDeviceId("PHONE-1").build()));
    admin2.wipeDevice(dev.accountadmin.v1.WipeDeviceRequest.newBuilder().setName("users/phone@contoso.com")
        .setDeviceId("PHONE-2").build());
    phone.syncDevice(dev.accountadmin.v1.SyncDeviceRequest.newBuilder().setDeviceId("PHONE-2").build());
    record(() -> phone.syncDevice(dev.accountadmin.v1.SyncDeviceRequest.newBuilder().setDeviceId("PHONE-2").build()));
    // A licence restore cannot give back: its product's seats were all taken after the offboarding.
    server.createUser("seat@contoso.com");
    server.execute("INSERT INTO licence_assignments (sku, user_id, assigned_at)"
        + " SELECT 'EXCHANGESTANDARD', id, 0 FROM users WHERE upn_key = 'seat@contoso.com'");
    admin2.offboardUser(OffboardUserRequest.newBuilder().setName("users/seat@contoso.com")
        .setOptions(dev.accountadmin.v1.StepOptions.newBuilder().setMemberships(
            dev.accountadmin.v1.MembershipOptions.newBuilder().setRemoveLicences(true))).build());
    server.execute("UPDATE licences SET seats = 0 WHERE sku = 'EXCHANGESTANDARD'");
    var restored = admin2.restoreUser(RestoreUserRequest.newBuilder().setName("users/seat@contoso.com").build());
    restored.getResult().getStepsList().stream().filter(StepResult::hasError).forEach(step ->
        produced.computeIfAbsent(step.getError().getReason(), r -> new java.util.ArrayList<>())
            .add(step.getError().getMetadataMap()));

    // The mailbox: forwarding nowhere or to itself, a delegate nobody is or the owner, a shared
    // mailbox's own sign-in, and a mailbox someone else opens.
    server.createUser("box@contoso.com");
    record(() -> admin2.setForwarding(dev.accountadmin.v1.SetForwardingRequest.newBuilder().setName("users/box@contoso.com")
        .setForwardTo("no-such-box@contoso.com").build()));
    record(() -> admin2.setForwarding(dev.accountadmin.v1.SetForwardingRequest.newBuilder().setName("users/box@contoso.com")
        .setForwardTo("box@contoso.com").build()));
    record(() -> admin2.convertToSharedMailbox(dev.accountadmin.v1.ConvertToSharedMailboxRequest.newBuilder()
        .setName("users/box@contoso.com").addDelegates("no-such-box@contoso.com").build()));
    record(() -> admin2.convertToSharedMailbox(dev.accountadmin.v1.ConvertToSharedMailboxRequest.newBuilder()
        .setName("users/box@contoso.com").addDelegates("box@contoso.com").build()));
    record(() -> mail(USER).openMailbox(dev.accountadmin.v1.OpenMailboxRequest.newBuilder().setMailbox("box@contoso.com").build()));
    admin2.convertToSharedMailbox(dev.accountadmin.v1.ConvertToSharedMailboxRequest.newBuilder()
        .setName("users/box@contoso.com").build());
    record(() -> server.signIn("box@contoso.com", TestServer.USER_PASSWORD));

    // Authentication methods: a missing, a wrong and a replayed code, a legacy app with the account
    // password, unknown ids, and a session that may only register an authenticator.
    var mfa = "mfa@contoso.com";
    server.createUser(mfa);
    var authenticator = Authenticator.register(server, mfa);
    record(() -> Authenticator.signIn(server, mfa, ""));
    record(() -> Authenticator.signIn(server, mfa, authenticator.code(server.clock.instant().minusSeconds(600))));
    var code = authenticator.code(server.clock.instant());
    var self = Authenticator.self(server, Authenticator.signIn(server, mfa, code));
    record(() -> Authenticator.signIn(server, mfa, code));
    record(() -> server.auth().signIn(SignInRequest.newBuilder().setUserPrincipalName(mfa)
        .setPassword(TestServer.USER_PASSWORD).setClientApp(ClientApp.CLIENT_APP_POP3).build()));
    record(() -> self.confirmTotpRegistration(dev.accountadmin.v1.ConfirmTotpRegistrationRequest.newBuilder()
        .setMethodId("no-such-registration").setVerificationCode("123456").build()));
    record(() -> admin2.removeAuthenticationMethods(dev.accountadmin.v1.RemoveAuthenticationMethodsRequest.newBuilder()
        .setName("users/" + mfa).setMethodId("no-such-method").build()));
    admin2.requireReregistration(dev.accountadmin.v1.RequireReregistrationRequest.newBuilder().setName("users/" + mfa).build());
    record(() -> self.createAppPassword(dev.accountadmin.v1.CreateAppPasswordRequest.newBuilder().setDisplayName("Mail").build()));

    // Templates and scheduled offboardings: a helpdesk admin scheduling, a user admin changing the
    // template, a stale template version, an unknown schedule, a stale and a cancelled one.
    record(() -> helpdesk.scheduleOffboarding(dev.accountadmin.v1.ScheduleOffboardingRequest.newBuilder().setName(NAME)
        .setWhen(ScheduledOffboardingTest.paris("2030-01-01T18:00")).build()));
    var userAdmin = server.as("ua@contoso.com", AdminRole.ADMIN_ROLE_USER_ADMIN);
    record(() -> userAdmin.updateOffboardingTemplate(dev.accountadmin.v1.UpdateOffboardingTemplateRequest.getDefaultInstance()));
    record(() -> admin2.updateOffboardingTemplate(dev.accountadmin.v1.UpdateOffboardingTemplateRequest.newBuilder()
        .setExpectedVersion(4).build()));
    record(() -> admin2.getScheduledOffboarding(dev.accountadmin.v1.GetScheduledOffboardingRequest.newBuilder()
        .setName("scheduledOffboardings/none").build()));
    var scheduled = admin2.scheduleOffboarding(dev.accountadmin.v1.ScheduleOffboardingRequest.newBuilder().setName(NAME)
        .setWhen(ScheduledOffboardingTest.paris("2030-01-01T18:00")).build()).getScheduledOffboarding();
    record(() -> admin2.cancelScheduledOffboarding(dev.accountadmin.v1.CancelScheduledOffboardingRequest.newBuilder()
        .setName(scheduled.getName()).setExpectedVersion(7).build()));
    admin2.cancelScheduledOffboarding(dev.accountadmin.v1.CancelScheduledOffboardingRequest.newBuilder()
        .setName(scheduled.getName()).build());
    record(() -> admin2.cancelScheduledOffboarding(dev.accountadmin.v1.CancelScheduledOffboardingRequest.newBuilder()
        .setName(scheduled.getName()).build()));

    // An offboarding that deleted the account, restored after its 30 days.
    server.createUser("leaver@contoso.com");
    admin2.offboardUser(OffboardUserRequest.newBuilder().setName("users/leaver@contoso.com")
        .setOptions(dev.accountadmin.v1.StepOptions.newBuilder().setDeletion(
            dev.accountadmin.v1.DeletionOptions.newBuilder().setDeleteUser(true))).build());
    server.clock.advance(Duration.ofDays(31));
    var late = server.admin();
    record(() -> late.restoreUser(RestoreUserRequest.newBuilder().setName("users/leaver@contoso.com").build()));


    // Self-service: a wrong code, a recovery past its attempts, and a user name asked for too often.
    var selfService = dev.accountadmin.v1.SelfServiceGrpc.newBlockingStub(server.channel());
    var recovery = selfService.beginRecovery(dev.accountadmin.v1.BeginRecoveryRequest.newBuilder()
        .setUserPrincipalName("ghost@contoso.com").setClientAddress("198.51.100.1")
        .setMethod(dev.accountadmin.v1.RecoveryMethod.RECOVERY_METHOD_AUTHENTICATOR_APP).build());
    var wrongCode = dev.accountadmin.v1.CompleteRecoveryRequest.newBuilder().setRecoveryId(recovery.getRecoveryId())
        .setVerificationCode("000000").setChoice(dev.accountadmin.v1.RecoveryChoice.RECOVERY_CHOICE_UNLOCK).build();
    for (int i = 0; i < recovery.getAttemptsAllowed(); i++) {
      record(() -> selfService.completeRecovery(wrongCode));
    }
    record(() -> selfService.completeRecovery(wrongCode));
    var again = dev.accountadmin.v1.BeginRecoveryRequest.newBuilder().setUserPrincipalName("ghost@contoso.com")
        .setClientAddress("198.51.100.2").setMethod(dev.accountadmin.v1.RecoveryMethod.RECOVERY_METHOD_AUTHENTICATOR_APP).build();
    // The begin and every failed completion so far counted against the name: begin until it is refused.
    for (int i = 0; i < 10; i++) {
      try {
        selfService.beginRecovery(again);
      } catch (StatusRuntimeException e) {
        break;
      }
    }
    record(() -> selfService.beginRecovery(again));

    // No method is unimplemented today; this is the error an unimplemented one sends.
    recordStatus(ErrorStatus.unimplemented("accountadmin.v1.AccountAdmin/Future", Locale.ENGLISH));
    // A store that breaks under the server: INTERNAL, whatever the cause.
    server.execute("DROP TABLE batch_items");
    var admin3 = server.admin();
    record(() -> admin3.batchOffboardUsers(BatchOffboardUsersRequest.newBuilder().addNames(NAME).build())
        .forEachRemaining(r -> { }));
  }

  private MailFlowGrpc.MailFlowBlockingStub mail(String upn) {
    var token = server.auth().signIn(SignInRequest.newBuilder().setUserPrincipalName(upn)
        .setPassword(TestServer.USER_PASSWORD).setClientApp(ClientApp.CLIENT_APP_OUTLOOK_DESKTOP).build()).getAccessToken();
    return withToken(MailFlowGrpc.newBlockingStub(server.channel()), token);
  }

  private static MailFlowGrpc.MailFlowBlockingStub withToken(MailFlowGrpc.MailFlowBlockingStub stub, String token) {
    var headers = new Metadata();
    headers.put(CallContext.AUTHORIZATION, "Bearer " + token);
    return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  private static SubmitMessageRequest message(int external) {
    var request = SubmitMessageRequest.newBuilder().setSubject("hello");
    IntStream.range(0, external).forEach(i -> request.addRecipients("r" + i + "@fabrikam.example"));
    return request.build();
  }

  private void record(Runnable call) {
    var info = failure(call).errorInfo();
    produced.computeIfAbsent(info.getReason(), r -> new java.util.ArrayList<>()).add(info.getMetadataMap());
  }

  private void recordStatus(StatusRuntimeException e) throws Exception {
    for (var any : StatusProto.fromThrowable(e).getDetailsList()) {
      if (any.is(com.google.rpc.ErrorInfo.class)) {
        var info = any.unpack(com.google.rpc.ErrorInfo.class);
        produced.computeIfAbsent(info.getReason(), r -> new java.util.ArrayList<>()).add(info.getMetadataMap());
      }
    }
  }

  private static boolean nonBlank(Map<String, String> metadata, String key) {
    return metadata.containsKey(key) && !metadata.get(key).isBlank();
  }

  private static Map<String, String> bundle(Locale locale) throws IOException {
    var name = "dev/accountadmin/i18n/messages" + (locale.equals(Locale.ENGLISH) ? "" : "_" + locale.getLanguage()) + ".properties";
    var properties = new Properties();
    try (var in = ErrorMessagesTest.class.getClassLoader().getResourceAsStream(name)) {
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    var patterns = new TreeMap<String, String>();
    properties.forEach((k, v) -> patterns.put((String) k, (String) v));
    return patterns;
  }
}
