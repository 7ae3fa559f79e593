package dev.accountadmin.server;

import static dev.accountadmin.server.TestServer.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.accountadmin.v1.AdminRole;
import dev.accountadmin.v1.AllowSignInRequest;
import dev.accountadmin.v1.AssignAdminRolesRequest;
import dev.accountadmin.v1.BlockSignInRequest;
import dev.accountadmin.v1.ChangePasswordRequest;
import dev.accountadmin.v1.ClientApp;
import dev.accountadmin.v1.GetUserRequest;
import dev.accountadmin.v1.IntrospectRequest;
import dev.accountadmin.v1.MailFlowGrpc;
import dev.accountadmin.v1.MailProtocol;
import dev.accountadmin.v1.OffboardUserRequest;
import dev.accountadmin.v1.Recommendation;
import dev.accountadmin.v1.RefreshTokenRequest;
import dev.accountadmin.v1.RestoreUserRequest;
import dev.accountadmin.v1.RestrictSendingRequest;
import dev.accountadmin.v1.SecureCompromisedUserRequest;
import dev.accountadmin.v1.SetMailProtocolsRequest;
import dev.accountadmin.v1.SignInRequest;
import dev.accountadmin.v1.SignInResponse;
import dev.accountadmin.v1.StepKind;
import dev.accountadmin.v1.StepOutcome;
import dev.accountadmin.v1.StepResult;
import dev.accountadmin.v1.SubmitMessageRequest;
import dev.accountadmin.v1.UnlockUserRequest;
import dev.accountadmin.v1.User;
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
import dev.accountadmin.domain.ProcedureDefinition;
import dev.accountadmin.server.store.Dialect;

/** Unlock, offboard, secure and restore through the real server: order, outcomes, effects. */
@ParameterizedClass
@EnumSource(Dialect.class)
final class ProceduresTest {
  @Parameter Dialect engine;
  static final String USER = "pat@contoso.com";
  static final String NAME = "users/" + USER;
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
    return server.auth().signIn(SignInRequest.newBuilder().setUserPrincipalName(USER).setPassword(password).setClientApp(app).build());
  }

  User user() {
    return server.admin().getUser(GetUserRequest.newBuilder().setName(NAME).build()).getUser();
  }

  static List<StepOutcome> outcomes(List<StepResult> steps) {
    return steps.stream().map(StepResult::getOutcome).toList();
  }

  static List<StepKind> kinds(List<StepResult> steps) {
    return steps.stream().map(StepResult::getKind).toList();
  }

  /** Step kind names without the proto prefix, as the domain names them. */
  static List<String> names(List<? extends Enum<?>> kinds) {
    return kinds.stream().map(k -> k.name().replaceFirst("^STEP_KIND_", "")).toList();
  }

  void lockOut() {
    for (int i = 0; i < 10; i++) {
      var attempt = i;
      failure(() -> signIn("wrong-" + attempt, ClientApp.CLIENT_APP_BROWSER));
    }
  }

  @Test
  void unlock_lockedBlockedAndRestrictedUser_isFullyUsableAfterOneCall() {
    lockOut();
    var admin = server.admin();
    admin.blockSignIn(BlockSignInRequest.newBuilder().setName(NAME).build());
    admin.restrictSending(RestrictSendingRequest.newBuilder().setName(NAME).build());

    var response = admin.unlockUser(UnlockUserRequest.newBuilder().setName(NAME).setResetPassword(true).build());

    var steps = response.getResult().getStepsList();
    assertThat(kinds(steps)).containsExactly(StepKind.STEP_KIND_LIFT_SENDING_RESTRICTION, StepKind.STEP_KIND_CLEAR_LOCKOUT,
        StepKind.STEP_KIND_RESET_PASSWORD, StepKind.STEP_KIND_ALLOW_SIGN_IN);
    assertThat(outcomes(steps)).containsOnly(StepOutcome.STEP_OUTCOME_DONE);
    assertThat(steps).extracting(StepResult::getNumber).containsExactly(1, 2, 3, 4);
    assertThat(response.getResult().getRecommendationsList()).containsExactly(
        Recommendation.RECOMMENDATION_SECURE_COMPROMISED_ACCOUNT, Recommendation.RECOMMENDATION_SHARE_TEMPORARY_PASSWORD);
    var temporary = steps.get(2).getDetails().getPasswordReset().getTemporaryPassword();
    assertThat(temporary).hasSize(16);

    // The temporary password is accepted, and must be changed before anything else.
    var first = failure(() -> signIn(temporary, ClientApp.CLIENT_APP_OUTLOOK_DESKTOP));
    assertThat(first.errorInfo().getReason()).isEqualTo("PASSWORD_CHANGE_REQUIRED");
    server.auth().changePassword(ChangePasswordRequest.newBuilder().setUserPrincipalName(USER)
        .setCurrentPassword(temporary).setNewPassword("Fresh-Start-Passphrase-1").build());
    var session = signIn("Fresh-Start-Passphrase-1", ClientApp.CLIENT_APP_OUTLOOK_DESKTOP);
    assertThat(mail(session.getAccessToken()).submitMessage(SubmitMessageRequest.newBuilder()
        .addRecipients("someone@fabrikam.example").build()).getMessageId()).isNotEmpty();
  }

  @Test
  void unlock_healthyUser_reportsEveryStepAlreadyDone() {
    var steps = server.admin().unlockUser(UnlockUserRequest.newBuilder().setName(NAME).build()).getResult().getStepsList();
    assertThat(outcomes(steps)).containsExactly(StepOutcome.STEP_OUTCOME_ALREADY_DONE, StepOutcome.STEP_OUTCOME_ALREADY_DONE,
        StepOutcome.STEP_OUTCOME_NOT_REQUESTED, StepOutcome.STEP_OUTCOME_ALREADY_DONE);
  }

  @Test
  void offboard_cutsEverySignInPathTokenAndProtocol() {
    var admin = server.admin();
    admin.assignAdminRoles(AssignAdminRolesRequest.newBuilder().setName(NAME).addAdminRoles(AdminRole.ADMIN_ROLE_EXCHANGE_ADMIN).build());
    var browser = signIn(TestServer.USER_PASSWORD, ClientApp.CLIENT_APP_BROWSER);
    var phone = signIn(TestServer.USER_PASSWORD, ClientApp.CLIENT_APP_ACTIVE_SYNC);
    server.clock.advance(Duration.ofMinutes(10));

    var result = admin.offboardUser(OffboardUserRequest.newBuilder().setName(NAME).build()).getResult();

    // The order is the definition's: the test reads it from there, as the guide does.
    assertThat(names(kinds(result.getStepsList()))).isEqualTo(names(ProcedureDefinition.OFFBOARD.stepKinds()));
    // Every step done but methods, the mailbox and device steps, files, groups, licences and the deletion, which run only when chosen.
    assertThat(outcomes(result.getStepsList())).containsOnly(StepOutcome.STEP_OUTCOME_DONE, StepOutcome.STEP_OUTCOME_NOT_REQUESTED);
    assertThat(result.getStepsList()).filteredOn(s -> s.getOutcome() == StepOutcome.STEP_OUTCOME_NOT_REQUESTED)
        .extracting(StepResult::getKind).containsExactly(StepKind.STEP_KIND_REMOVE_AUTH_METHODS, StepKind.STEP_KIND_PLACE_LITIGATION_HOLD,
            StepKind.STEP_KIND_REMOVE_FLAGGED_INBOX_RULES, StepKind.STEP_KIND_CONVERT_TO_SHARED, StepKind.STEP_KIND_SET_FORWARDING,
            StepKind.STEP_KIND_SET_AUTO_REPLIES, StepKind.STEP_KIND_HIDE_FROM_ADDRESS_LIST, StepKind.STEP_KIND_WIPE_DEVICES, StepKind.STEP_KIND_BLOCK_DEVICES,
            StepKind.STEP_KIND_GRANT_FILES_ACCESS, StepKind.STEP_KIND_REMOVE_GROUP_MEMBERSHIPS, StepKind.STEP_KIND_REMOVE_LICENCES,
            StepKind.STEP_KIND_DELETE_USER);
    var reset = result.getSteps(0).getDetails().getPasswordReset();
    assertThat(reset.getTemporaryPassword()).isEmpty();
    assertThat(reset.getUndisclosed()).isTrue();
    assertThat(result.getSteps(1).getDetails().getSessionsRevoked().getRevokedSessionCount()).isEqualTo(2);
    assertThat(result.getResidualAccess().getAccessTokensValidUntil()).isEqualTo(phone.getAccessTokenExpireTime());
    assertThat(result.getResidualAccess().getRemaining().getSeconds()).isEqualTo(Duration.ofMinutes(50).getSeconds());

    for (var app : ClientApp.values()) {
      if (app != ClientApp.CLIENT_APP_UNSPECIFIED && app != ClientApp.UNRECOGNIZED) {
        assertThat(failure(() -> signIn(TestServer.USER_PASSWORD, app)).code()).as(app.name()).isEqualTo(Status.Code.UNAUTHENTICATED);
      }
    }
    for (var session : List.of(browser, phone)) {
      assertThat(failure(() -> server.auth().refreshToken(RefreshTokenRequest.newBuilder()
          .setRefreshToken(session.getRefreshToken()).build())).code()).isEqualTo(Status.Code.UNAUTHENTICATED);
      assertThat(server.auth().introspect(IntrospectRequest.newBuilder().setToken(session.getAccessToken()).build()).getActive()).isFalse();
    }
    var after = user();
    assertThat(after.getSignInBlocked()).isTrue();
    assertThat(after.getMailbox().getEnabledProtocolsList()).isEmpty();
    assertThat(after.getAdminRolesList()).isEmpty();
    assertThat(after.hasOffboardTime()).isTrue();
  }

  @Test
  void offboard_twice_reportsEveryStepAlreadyDoneAndChangesNothing() {
    server.admin().offboardUser(OffboardUserRequest.newBuilder().setName(NAME).build());
    var before = user();

    var second = server.admin().offboardUser(OffboardUserRequest.newBuilder().setName(NAME).build()).getResult();

    assertThat(outcomes(second.getStepsList())).containsOnly(StepOutcome.STEP_OUTCOME_ALREADY_DONE,
        StepOutcome.STEP_OUTCOME_NOT_REQUESTED).hasSize(18);
    assertThat(second.getStepsList()).filteredOn(s -> s.getOutcome() == StepOutcome.STEP_OUTCOME_NOT_REQUESTED).hasSize(13);
    assertThat(user()).isEqualTo(before);
  }

  @Test
  void restore_bringsBackExactlyThePriorProtocolsAndRoles() {
    var admin = server.admin();
    admin.setMailProtocols(SetMailProtocolsRequest.newBuilder().setName(NAME)
        .addEnabledProtocols(MailProtocol.MAIL_PROTOCOL_IMAP).addEnabledProtocols(MailProtocol.MAIL_PROTOCOL_OUTLOOK_WEB).build());
    admin.assignAdminRoles(AssignAdminRolesRequest.newBuilder().setName(NAME)
        .addAdminRoles(AdminRole.ADMIN_ROLE_HELPDESK_ADMIN).addAdminRoles(AdminRole.ADMIN_ROLE_SECURITY_ADMIN).build());
    var before = user();
    admin.offboardUser(OffboardUserRequest.newBuilder().setName(NAME).build());

    var restored = admin.restoreUser(RestoreUserRequest.newBuilder().setName(NAME).build());

    var after = restored.getUser();
    assertThat(after.getMailbox().getEnabledProtocolsList()).isEqualTo(before.getMailbox().getEnabledProtocolsList());
    assertThat(after.getAdminRolesList()).isEqualTo(before.getAdminRolesList());
    assertThat(after.getSignInBlocked()).isFalse();
    assertThat(after.hasOffboardTime()).isFalse();
    var temporary = restored.getResult().getStepsList().stream().filter(s -> s.getKind() == StepKind.STEP_KIND_RESET_PASSWORD)
        .findFirst().orElseThrow().getDetails().getPasswordReset().getTemporaryPassword();
    assertThat(failure(() -> signIn(temporary, ClientApp.CLIENT_APP_BROWSER)).errorInfo().getReason())
        .isEqualTo("PASSWORD_CHANGE_REQUIRED");
  }

  @Test
  void offboard_turnsOffSmtpAuth_andRestoreTurnsItBackOn() {
    var smtp = mail(signIn(TestServer.USER_PASSWORD, ClientApp.CLIENT_APP_SMTP_AUTH).getAccessToken());
    var admin = server.admin();

    var offboarded = admin.offboardUser(OffboardUserRequest.newBuilder().setName(NAME).build()).getResult();

    var protocols = offboarded.getStepsList().stream().filter(s -> s.getKind() == StepKind.STEP_KIND_SET_MAIL_PROTOCOLS)
        .findFirst().orElseThrow().getDetails().getMailProtocols();
    assertThat(protocols.getBeforeList()).contains(MailProtocol.MAIL_PROTOCOL_SMTP_AUTH).hasSize(7);
    assertThat(protocols.getAfterList()).isEmpty();
    assertThat(failure(() -> smtp.submitMessage(SubmitMessageRequest.newBuilder()
        .addRecipients("someone@fabrikam.example").build())).code()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(failure(() -> signIn(TestServer.USER_PASSWORD, ClientApp.CLIENT_APP_SMTP_AUTH)).code())
        .isEqualTo(Status.Code.UNAUTHENTICATED);

    var restored = admin.restoreUser(RestoreUserRequest.newBuilder().setName(NAME).build()).getUser();
    assertThat(restored.getMailbox().getEnabledProtocolsList()).contains(MailProtocol.MAIL_PROTOCOL_SMTP_AUTH).hasSize(7);
  }

  @Test
  void restore_ofAUserNeverOffboarded_isFailedPrecondition() {
    var failure = failure(() -> server.admin().restoreUser(RestoreUserRequest.newBuilder().setName(NAME).build()));
    assertThat(failure.code()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(failure.errorInfo().getReason()).isEqualTo("NOT_OFFBOARDED");
  }

  @Test
  void secureCompromised_resetsRevokesAndRestricts_orLiftsWhenAsked() {
    signIn(TestServer.USER_PASSWORD, ClientApp.CLIENT_APP_IMAP);
    var admin = server.admin();

    var secured = admin.secureCompromisedUser(SecureCompromisedUserRequest.newBuilder().setName(NAME).build());
    var lifted = admin.secureCompromisedUser(SecureCompromisedUserRequest.newBuilder().setName(NAME).setLiftSendingRestriction(true).build());

    assertThat(names(kinds(secured.getResult().getStepsList()))).isEqualTo(names(ProcedureDefinition.SECURE_COMPROMISED.stepKinds()));
    // No forwarding and no inbox rule to remove: those steps have nothing to do (see MailboxTest);
    // the user has no admin role: nothing to review.
    assertThat(outcomes(secured.getResult().getStepsList())).containsExactly(StepOutcome.STEP_OUTCOME_DONE,
        StepOutcome.STEP_OUTCOME_DONE, StepOutcome.STEP_OUTCOME_ALREADY_DONE, StepOutcome.STEP_OUTCOME_ALREADY_DONE,
        StepOutcome.STEP_OUTCOME_DONE, StepOutcome.STEP_OUTCOME_ALREADY_DONE, StepOutcome.STEP_OUTCOME_DONE);
    assertThat(secured.getUser().getMailbox().hasSendingRestriction()).isTrue();
    var liftedKinds = kinds(lifted.getResult().getStepsList());
    assertThat(liftedKinds.get(liftedKinds.size() - 1)).isEqualTo(StepKind.STEP_KIND_LIFT_SENDING_RESTRICTION);
    // The second run: only the reset and the lift change anything; re-registration is already required.
    assertThat(outcomes(lifted.getResult().getStepsList())).containsExactly(StepOutcome.STEP_OUTCOME_DONE,
        StepOutcome.STEP_OUTCOME_ALREADY_DONE, StepOutcome.STEP_OUTCOME_ALREADY_DONE, StepOutcome.STEP_OUTCOME_ALREADY_DONE,
        StepOutcome.STEP_OUTCOME_ALREADY_DONE, StepOutcome.STEP_OUTCOME_ALREADY_DONE, StepOutcome.STEP_OUTCOME_DONE);
    assertThat(lifted.getUser().getMailbox().hasSendingRestriction()).isFalse();
  }

  @Test
  void resetPassword_undisclosed_showsNobodyAPasswordAndLocksTheOldOneOut() {
    var reset = server.admin().resetPassword(dev.accountadmin.v1.ResetPasswordRequest.newBuilder().setName(NAME)
        .setUndisclosed(true).build()).getStep();

    assertThat(reset.getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_DONE);
    assertThat(reset.getDetails().getPasswordReset().getUndisclosed()).isTrue();
    assertThat(reset.getDetails().getPasswordReset().getTemporaryPassword()).isEmpty();
    assertThat(reset.getDetails().getPasswordReset().hasUserNotice()).isFalse();
    assertThat(failure(() -> signIn(TestServer.USER_PASSWORD, ClientApp.CLIENT_APP_BROWSER)).errorInfo().getReason())
        .isEqualTo("INVALID_CREDENTIALS");
  }

  @Test
  void temporaryPassword_noticeIsInTheUsersLanguage_notTheAdmins() {
    server.admin().createUser(dev.accountadmin.v1.CreateUserRequest.newBuilder().setUser(User.newBuilder()
        .setUserPrincipalName("ioana@contoso.com").setPreferredLanguage("ro")).build());
    var french = server.withToken(server.signIn(TestServer.ADMIN, TestServer.ADMIN_PASSWORD), "fr");

    var reset = french.resetPassword(dev.accountadmin.v1.ResetPasswordRequest.newBuilder().setName("users/ioana@contoso.com").build())
        .getStep().getDetails().getPasswordReset();

    assertThat(reset.getUserNotice().getLanguageCode()).isEqualTo("ro");
    assertThat(reset.getUserNotice().getText()).contains(reset.getTemporaryPassword()).contains("parolă temporară")
        .contains("ioana@contoso.com");
  }

  private MailFlowGrpc.MailFlowBlockingStub mail(String token) {
    var headers = new Metadata();
    headers.put(CallContext.AUTHORIZATION, "Bearer " + token);
    return MailFlowGrpc.newBlockingStub(server.channel()).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  @Test
  void unlock_byHelpdesk_ofAPlainLockedOutUser_clearsTheLockout() {
    lockOut();
    var helpdesk = server.as("hd@contoso.com", AdminRole.ADMIN_ROLE_HELPDESK_ADMIN);

    var steps = helpdesk.unlockUser(UnlockUserRequest.newBuilder().setName(NAME).build()).getResult().getStepsList();

    // Allowing sign-in takes a user admin, but sign-in was never blocked: nothing to deny.
    assertThat(outcomes(steps)).containsExactly(StepOutcome.STEP_OUTCOME_ALREADY_DONE, StepOutcome.STEP_OUTCOME_DONE,
        StepOutcome.STEP_OUTCOME_NOT_REQUESTED, StepOutcome.STEP_OUTCOME_ALREADY_DONE);
    assertThat(signIn(TestServer.USER_PASSWORD, ClientApp.CLIENT_APP_BROWSER).getAccessToken()).isNotEmpty();
  }

  @Test
  void unlock_byHelpdesk_ofABlockedUser_isDeniedAndPointsToWhatHelpdeskMayDo() {
    lockOut();
    server.admin().blockSignIn(BlockSignInRequest.newBuilder().setName(NAME).build());
    var helpdesk = server.as("hd@contoso.com", AdminRole.ADMIN_ROLE_HELPDESK_ADMIN);

    var failure = failure(() -> helpdesk.unlockUser(UnlockUserRequest.newBuilder().setName(NAME).build()));

    assertThat(failure.errorInfo().getReason()).isEqualTo("STEPS_DENIED");
    assertThat(failure.errorInfo().getMetadataMap())
        .containsEntry("deniedSteps", "ALLOW_SIGN_IN")
        .containsEntry("allowedSteps", "CLEAR_LOCKOUT");
    assertThat(failure.localizedMessage().getMessage()).endsWith(" You may still run these steps one at a time: Clear the lockout.");
    assertThat(user().getLockout().getLocked()).as("a denied procedure changes nothing").isTrue();
  }

  @Test
  void singleStep_withNothingToChange_isAlreadyDoneWhateverTheCallersRoles() {
    var helpdesk = server.as("hd@contoso.com", AdminRole.ADMIN_ROLE_HELPDESK_ADMIN);

    var step = helpdesk.allowSignIn(AllowSignInRequest.newBuilder().setName(NAME).build()).getStep();

    assertThat(step.getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_ALREADY_DONE);
    assertThat(failure(() -> helpdesk.blockSignIn(BlockSignInRequest.newBuilder().setName(NAME).build())).errorInfo()
        .getReason()).isEqualTo("PERMISSION_DENIED");
  }

  @Test
  void alreadyDone_saysSinceWhenTheStateHolds_whereTheDirectoryKnows() {
    var admin = server.admin();
    var restrictedAt = server.clock.instant();
    admin.restrictSending(RestrictSendingRequest.newBuilder().setName(NAME).build());
    server.clock.advance(Duration.ofMinutes(5));
    var offboardedAt = server.clock.instant();
    admin.offboardUser(OffboardUserRequest.newBuilder().setName(NAME).build());
    server.clock.advance(Duration.ofHours(1));

    var again = server.admin().restrictSending(RestrictSendingRequest.newBuilder().setName(NAME).build()).getStep();
    var second = server.admin().offboardUser(OffboardUserRequest.newBuilder().setName(NAME).build()).getResult();

    assertThat(again.getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_ALREADY_DONE);
    assertThat(again.getEffectiveTime().getSeconds()).isEqualTo(restrictedAt.getEpochSecond());
    assertThat(second.getSteps(0).getKind()).isEqualTo(StepKind.STEP_KIND_RESET_PASSWORD);
    assertThat(second.getSteps(0).getEffectiveTime().getSeconds()).isEqualTo(offboardedAt.getEpochSecond());
    // Blocked since when? The directory does not record it, so no time is made up.
    assertThat(second.getSteps(11).getKind()).isEqualTo(StepKind.STEP_KIND_BLOCK_SIGN_IN);
    assertThat(second.getSteps(11).hasEffectiveTime()).isFalse();
  }
}
