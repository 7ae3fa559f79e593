package dev.accountadmin.server;

import static dev.accountadmin.server.TestServer.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.accountadmin.server.store.Dialect;
import dev.accountadmin.v1.Action;
import dev.accountadmin.v1.AuthMethodKind;
import dev.accountadmin.v1.AutomaticReplies;
import dev.accountadmin.v1.ChangePasswordRequest;
import dev.accountadmin.v1.ClientApp;
import dev.accountadmin.v1.CreateAppPasswordRequest;
import dev.accountadmin.v1.CreateInboxRuleRequest;
import dev.accountadmin.v1.DeviceCommand;
import dev.accountadmin.v1.DeviceOptions;
import dev.accountadmin.v1.DeviceWipeState;
import dev.accountadmin.v1.GetMailboxRequest;
import dev.accountadmin.v1.GetUserRequest;
import dev.accountadmin.v1.InboxRule;
import dev.accountadmin.v1.Licence;
import dev.accountadmin.v1.ListAuditEventsRequest;
import dev.accountadmin.v1.ListDevicesRequest;
import dev.accountadmin.v1.ListLicencesRequest;
import dev.accountadmin.v1.ListUserMembershipsRequest;
import dev.accountadmin.v1.MailFlowGrpc;
import dev.accountadmin.v1.MailboxAccess;
import dev.accountadmin.v1.MailboxOptions;
import dev.accountadmin.v1.MailboxSettings;
import dev.accountadmin.v1.MembershipOptions;
import dev.accountadmin.v1.MethodOptions;
import dev.accountadmin.v1.MobileDevice;
import dev.accountadmin.v1.OffboardUserRequest;
import dev.accountadmin.v1.OpenMailboxRequest;
import dev.accountadmin.v1.ProcedureResult;
import dev.accountadmin.v1.RefreshTokenRequest;
import dev.accountadmin.v1.RestoreUserRequest;
import dev.accountadmin.v1.SignInRequest;
import dev.accountadmin.v1.SignInResponse;
import dev.accountadmin.v1.StepKind;
import dev.accountadmin.v1.StepOptions;
import dev.accountadmin.v1.StepOutcome;
import dev.accountadmin.v1.StepResult;
import dev.accountadmin.v1.SubmitMessageRequest;
import dev.accountadmin.v1.SyncDeviceRequest;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Microsoft's leaver series in one offboarding, end to end through the real server on both engines:
 * Adele Vance of the demo directory (a member of Sales and All staff, holding Microsoft 365 E3 and
 * the last Exchange Online (Plan 1) seat) leaves with an authenticator app, an app password, a
 * synced phone, a signed-in session and an inbox rule that forwards; her manager takes over her
 * mail. Then restore brings back what can come back and names what cannot.
 */
@ParameterizedClass
@EnumSource(Dialect.class)
final class LeaverSeriesTest {
  @Parameter Dialect engine;
  static final String LEAVER = "adele.vance@contoso.com";
  static final String NAME = "users/" + LEAVER;
  static final String MANAGER = "mo@contoso.com";
  static final String COLLEAGUE = "sam@contoso.com";
  static final String PHONE = "IPHONE-5C21D0";
  static final String EXCHANGE = "EXCHANGESTANDARD";
  static final String INTERNAL_REPLY = "Adele has left; please write to Mo.";
  @TempDir Path dir;
  TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = new TestServer(engine, dir, true);
    server.createUser(MANAGER);
    server.createUser(COLLEAGUE);
    // The demo's shared password, replaced by the one the test helpers sign in with.
    server.auth().changePassword(ChangePasswordRequest.newBuilder().setUserPrincipalName(LEAVER)
        .setCurrentPassword(Bootstrap.DEMO_PASSWORD).setNewPassword(TestServer.USER_PASSWORD).build());
    server.clock.advance(Duration.ofSeconds(1));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  SignInResponse signIn(String upn, String password, ClientApp app) {
    return server.auth().signIn(SignInRequest.newBuilder().setUserPrincipalName(upn).setPassword(password)
        .setClientApp(app).build());
  }

  MailFlowGrpc.MailFlowBlockingStub mail(String token) {
    var headers = new Metadata();
    if (token != null) {
      headers.put(CallContext.AUTHORIZATION, "Bearer " + token);
    }
    return MailFlowGrpc.newBlockingStub(server.channel()).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  MailFlowGrpc.MailFlowBlockingStub mailAs(String upn) {
    return mail(signIn(upn, TestServer.USER_PASSWORD, ClientApp.CLIENT_APP_OUTLOOK_WEB).getAccessToken());
  }

  static SyncDeviceRequest sync() {
    return SyncDeviceRequest.newBuilder().setDeviceId(PHONE).setModel("iPhone 15").setUserName(LEAVER).build();
  }

  static StepResult step(ProcedureResult result, StepKind kind) {
    return result.getStepsList().stream().filter(s -> s.getKind() == kind).findFirst().orElseThrow();
  }

  MobileDevice phone() {
    return server.admin().listDevices(ListDevicesRequest.newBuilder().setName(NAME).build()).getDevicesList().stream()
        .filter(d -> d.getDeviceId().equals(PHONE)).findFirst().orElseThrow();
  }

  Licence licence(String sku) {
    return server.admin().listLicences(ListLicencesRequest.getDefaultInstance()).getLicencesList().stream()
        .filter(l -> l.getSku().equals(sku)).findFirst().orElseThrow();
  }

  MailboxSettings mailbox() {
    return server.admin().getMailbox(GetMailboxRequest.newBuilder().setName(NAME).build()).getMailbox();
  }

  static List<ClientApp> everyClientApp() {
    return java.util.Arrays.stream(ClientApp.values())
        .filter(app -> app != ClientApp.CLIENT_APP_UNSPECIFIED && app != ClientApp.UNRECOGNIZED).toList();
  }

  @Test
  void offboardingHandsTheMailToTheManager_closesEveryDoor_andRestoreUndoesWhatItCan() throws Exception {
    // Before her authenticator: her phone syncs through ActiveSync, and she forwards mail by a rule.
    var activeSync = mail(signIn(LEAVER, TestServer.USER_PASSWORD, ClientApp.CLIENT_APP_ACTIVE_SYNC).getAccessToken());
    assertThat(activeSync.syncDevice(sync()).getCommand()).isEqualTo(DeviceCommand.DEVICE_COMMAND_SYNC);
    mailAs(LEAVER).createInboxRule(CreateInboxRuleRequest.newBuilder().setRule(InboxRule.newBuilder()
        .setName("to home").setForwardTo("adele@fabrikam.example")).build());
    var authenticator = Authenticator.register(server, LEAVER);
    var session = Authenticator.signIn(server, LEAVER, authenticator.code(server.clock.instant()));
    var appPassword = Authenticator.self(server, session).createAppPassword(CreateAppPasswordRequest.newBuilder()
        .setDisplayName("Thunderbird").build()).getAppPassword();
    // The app password opens IMAP before the offboarding: refused afterwards, it was closed by it.
    assertThat(signIn(LEAVER, appPassword, ClientApp.CLIENT_APP_IMAP).getAccessToken()).isNotEmpty();
    var mailboxBefore = mailbox();
    var membershipsBefore = server.admin().listUserMemberships(ListUserMembershipsRequest.newBuilder().setName(NAME).build());
    var userBefore = server.admin().getUser(GetUserRequest.newBuilder().setName(NAME).build()).getUser();
    var exchangeBefore = licence(EXCHANGE);
    assertThat(membershipsBefore.getGroupsList()).extracting(g -> g.getGroup().getDisplayName())
        .containsExactly("All staff", "Sales");
    assertThat(membershipsBefore.getLicencesList()).extracting(Licence::getSku).containsExactly(EXCHANGE, "SPE_E3");

    var offboarded = server.admin().offboardUser(OffboardUserRequest.newBuilder().setName(NAME)
        .setOptions(StepOptions.newBuilder()
            .setMailbox(MailboxOptions.newBuilder().setForwardTo(MANAGER).setKeepCopy(true).setConvertToShared(true)
                .addDelegates(MANAGER).setRemoveFlaggedInboxRules(true)
                .setAutomaticReplies(AutomaticReplies.newBuilder().setInternalMessage(INTERNAL_REPLY)
                    .setExternalMessage("Adele no longer works at Contoso.")))
            .setDevices(DeviceOptions.newBuilder().setWipe(true))
            .setMethods(MethodOptions.newBuilder().setRemoveMethods(true))
            .setMemberships(MembershipOptions.newBuilder().setRemoveGroups(true).setRemoveLicences(true)))
        .build()).getResult();

    var chosen = List.of(StepKind.STEP_KIND_RESET_PASSWORD, StepKind.STEP_KIND_REVOKE_SESSIONS,
        StepKind.STEP_KIND_REMOVE_AUTH_METHODS, StepKind.STEP_KIND_REMOVE_FLAGGED_INBOX_RULES,
        StepKind.STEP_KIND_CONVERT_TO_SHARED, StepKind.STEP_KIND_SET_FORWARDING, StepKind.STEP_KIND_SET_AUTO_REPLIES,
        StepKind.STEP_KIND_WIPE_DEVICES, StepKind.STEP_KIND_BLOCK_SIGN_IN, StepKind.STEP_KIND_SET_MAIL_PROTOCOLS,
        StepKind.STEP_KIND_REMOVE_GROUP_MEMBERSHIPS, StepKind.STEP_KIND_REMOVE_LICENCES);
    // The series in its safe order: the door closed first, the mail handed over before the protocols and the licence go.
    assertThat(offboarded.getStepsList()).extracting(StepResult::getKind).containsSubsequence(chosen);
    for (var kind : chosen) {
      assertThat(step(offboarded, kind).getOutcome()).as(kind.name()).isEqualTo(StepOutcome.STEP_OUTCOME_DONE);
    }
    assertThat(step(offboarded, StepKind.STEP_KIND_REMOVE_AUTH_METHODS).getDetails().getAuthMethods().getMethodsList())
        .containsExactlyInAnyOrder(AuthMethodKind.AUTH_METHOD_KIND_AUTHENTICATOR_APP, AuthMethodKind.AUTH_METHOD_KIND_APP_PASSWORD);
    assertThat(step(offboarded, StepKind.STEP_KIND_REMOVE_GROUP_MEMBERSHIPS).getDetails().getGroupMemberships()
        .getMemberGroupsList()).containsExactly("All staff", "Sales");
    assertThat(step(offboarded, StepKind.STEP_KIND_REMOVE_LICENCES).getDetails().getLicences().getLicencesList())
        .containsExactly("Exchange Online (Plan 1)", "Microsoft 365 E3");

    // Mail to her reaches the manager too, answered automatically, and no longer leaks through her rule.
    var sent = mailAs(COLLEAGUE).submitMessage(SubmitMessageRequest.newBuilder().addRecipients(LEAVER)
        .setSubject("Q4 numbers").build());
    assertThat(sent.getDeliveriesList()).singleElement().satisfies(d -> {
      assertThat(d.getDeliveredToList()).containsExactly(LEAVER, MANAGER);
      assertThat(d.getAutomaticReply().getMessage()).isEqualTo(INTERNAL_REPLY);
      assertThat(d.getRuleForwardedToList()).isEmpty();
    });

    // The manager opens her mailbox as its delegate; a colleague may not.
    var opened = mailAs(MANAGER).openMailbox(OpenMailboxRequest.newBuilder().setMailbox(LEAVER).build());
    assertThat(opened.getAccess()).isEqualTo(MailboxAccess.MAILBOX_ACCESS_DELEGATE);
    assertThat(opened.getShared()).isTrue();
    var colleague = failure(() -> mailAs(COLLEAGUE).openMailbox(OpenMailboxRequest.newBuilder().setMailbox(LEAVER).build()));
    assertThat(colleague.code()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(colleague.errorInfo().getReason()).isEqualTo("MAILBOX_ACCESS_DENIED");

    // Her password opens no client app, her session no refresh, her app password no legacy protocol.
    for (var app : everyClientApp()) {
      assertThat(failure(() -> signIn(LEAVER, TestServer.USER_PASSWORD, app)).code()).as(app.name())
          .isEqualTo(Status.Code.UNAUTHENTICATED);
    }
    assertThat(failure(() -> server.auth().refreshToken(RefreshTokenRequest.newBuilder()
        .setRefreshToken(session.getRefreshToken()).build())).code()).isEqualTo(Status.Code.UNAUTHENTICATED);
    for (var app : List.of(ClientApp.CLIENT_APP_IMAP, ClientApp.CLIENT_APP_POP3, ClientApp.CLIENT_APP_SMTP_AUTH)) {
      assertThat(failure(() -> signIn(LEAVER, appPassword, app)).code()).as(app.name())
          .isEqualTo(Status.Code.UNAUTHENTICATED);
    }

    // The wipe waits for the phone's next sync, which has no token any more, then is confirmed.
    var asked = step(offboarded, StepKind.STEP_KIND_WIPE_DEVICES).getDetails().getDevicesWiped().getDevicesList();
    assertThat(asked).extracting(d -> d.getDeviceId() + "=" + d.getState())
        .containsExactly(PHONE + "=DEVICE_WIPE_STATE_PENDING");
    assertThat(phone().getWipeState()).isEqualTo(DeviceWipeState.DEVICE_WIPE_STATE_PENDING);
    server.clock.advance(Duration.ofMinutes(2));
    assertThat(mail(null).syncDevice(sync()).getCommand()).isEqualTo(DeviceCommand.DEVICE_COMMAND_WIPE);
    assertThat(phone().getWipeState()).isEqualTo(DeviceWipeState.DEVICE_WIPE_STATE_CONFIRMED);
    assertThat(phone().getWipeConfirmedTime().getSeconds()).isEqualTo(server.clock.instant().getEpochSecond());

    // Her Exchange Online seat is free again.
    assertThat(licence(EXCHANGE).getUsedSeats()).isEqualTo(exchangeBefore.getUsedSeats() - 1);
    assertThat(exchangeBefore.getTotalSeats() - exchangeBefore.getUsedSeats()).isZero();

    // One audit record of the offboarding, naming each step and how it ended.
    var audit = server.admin().listAuditEvents(ListAuditEventsRequest.newBuilder().setTarget(LEAVER)
        .setAction(Action.ACTION_OFFBOARD_USER).build()).getEventsList();
    assertThat(audit).singleElement().satisfies(event -> {
      var steps = List.of(event.getDetailsMap().get("steps").split(","));
      assertThat(steps).containsExactlyElementsOf(offboarded.getStepsList().stream()
          .map(s -> s.getKind().name().substring("STEP_KIND_".length()) + "=" + s.getOutcome().name().substring("STEP_OUTCOME_".length()))
          .toList());
      assertThat(steps).containsAll(chosen.stream().map(k -> k.name().substring("STEP_KIND_".length()) + "=DONE").toList());
    });

    var restored = server.admin().restoreUser(RestoreUserRequest.newBuilder().setName(NAME).build());
    var undone = restored.getResult();

    for (var kind : List.of(StepKind.STEP_KIND_CONVERT_TO_USER_MAILBOX, StepKind.STEP_KIND_RESTORE_FORWARDING,
        StepKind.STEP_KIND_RESTORE_AUTO_REPLIES, StepKind.STEP_KIND_RESTORE_GROUP_MEMBERSHIPS,
        StepKind.STEP_KIND_RESTORE_LICENCES, StepKind.STEP_KIND_ALLOW_SIGN_IN, StepKind.STEP_KIND_RESTORE_AUTH_METHODS,
        StepKind.STEP_KIND_REPORT_DELETED_INBOX_RULES)) {
      assertThat(step(undone, kind).getOutcome()).as(kind.name()).isEqualTo(StepOutcome.STEP_OUTCOME_DONE);
    }
    // What cannot come back, said plainly: the authenticator's secret and the app password, the confirmed wipe, the rule.
    var methods = step(undone, StepKind.STEP_KIND_RESTORE_AUTH_METHODS).getDetails().getAuthMethods();
    assertThat(methods.getMethodsList()).isEmpty();
    assertThat(methods.getNotRestorableList()).containsExactlyInAnyOrder(
        AuthMethodKind.AUTH_METHOD_KIND_AUTHENTICATOR_APP, AuthMethodKind.AUTH_METHOD_KIND_APP_PASSWORD);
    assertThat(methods.getReregistrationRequired()).isTrue();
    assertThat(step(undone, StepKind.STEP_KIND_CANCEL_DEVICE_WIPES).getDetails().getDevicesWiped().getDevicesList())
        .extracting(d -> d.getDeviceId() + "=" + d.getState()).containsExactly(PHONE + "=DEVICE_WIPE_STATE_CONFIRMED");
    assertThat(step(undone, StepKind.STEP_KIND_REPORT_DELETED_INBOX_RULES).getDetails().getInboxRules().getRulesList())
        .extracting(InboxRule::getName).containsExactly("to home");
    assertThat(phone().getWipeState()).isEqualTo(DeviceWipeState.DEVICE_WIPE_STATE_CONFIRMED);

    // Her mailbox exactly as before (but for the rule that is gone), the manager's access with it.
    assertThat(mailbox()).isEqualTo(mailboxBefore.toBuilder().setFlaggedInboxRuleCount(0).build());
    var manager = failure(() -> mailAs(MANAGER).openMailbox(OpenMailboxRequest.newBuilder().setMailbox(LEAVER).build()));
    assertThat(manager.errorInfo().getReason()).isEqualTo("MAILBOX_ACCESS_DENIED");
    var after = mailAs(COLLEAGUE).submitMessage(SubmitMessageRequest.newBuilder().addRecipients(LEAVER).build());
    assertThat(after.getDeliveriesList()).singleElement().satisfies(d -> {
      assertThat(d.getDeliveredToList()).containsExactly(LEAVER);
      assertThat(d.hasAutomaticReply()).isFalse();
    });
    // Her groups and licences, her seat taken again.
    assertThat(server.admin().listUserMemberships(ListUserMembershipsRequest.newBuilder().setName(NAME).build()))
        .isEqualTo(membershipsBefore);
    assertThat(licence(EXCHANGE)).isEqualTo(exchangeBefore);
    var user = restored.getUser();
    assertThat(user.getSignInBlocked()).isFalse();
    assertThat(user.hasOffboardTime()).isFalse();
    assertThat(user.getMailbox().getEnabledProtocolsList()).isEqualTo(userBefore.getMailbox().getEnabledProtocolsList());

    // She signs in again with the temporary password once changed, and must register a new authenticator.
    var temporary = step(undone, StepKind.STEP_KIND_RESET_PASSWORD).getDetails().getPasswordReset().getTemporaryPassword();
    LogCapture.secret(temporary);
    server.auth().changePassword(ChangePasswordRequest.newBuilder().setUserPrincipalName(LEAVER)
        .setCurrentPassword(temporary).setNewPassword("Leaver-Returns-Again-7").build());
    server.clock.advance(Duration.ofSeconds(1));
    var back = signIn(LEAVER, "Leaver-Returns-Again-7", ClientApp.CLIENT_APP_OUTLOOK_WEB);
    assertThat(back.getAccessToken()).isNotEmpty();
    assertThat(back.getRegistrationRequired()).isTrue();
  }
}
