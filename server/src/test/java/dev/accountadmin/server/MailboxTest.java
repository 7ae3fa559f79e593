package dev.accountadmin.server;

import static dev.accountadmin.server.TestServer.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.accountadmin.server.store.Dialect;
import dev.accountadmin.v1.AddressListEntry;
import dev.accountadmin.v1.AdminRole;
import dev.accountadmin.v1.AutomaticReplies;
import dev.accountadmin.v1.ClientApp;
import dev.accountadmin.v1.ConvertToSharedMailboxRequest;
import dev.accountadmin.v1.CreateInboxRuleRequest;
import dev.accountadmin.v1.GetMailboxRequest;
import dev.accountadmin.v1.InboxRule;
import dev.accountadmin.v1.ListInboxRulesRequest;
import dev.accountadmin.v1.LookupAddressListRequest;
import dev.accountadmin.v1.MailFlowGrpc;
import dev.accountadmin.v1.MailboxAccess;
import dev.accountadmin.v1.MailboxOptions;
import dev.accountadmin.v1.OffboardUserRequest;
import dev.accountadmin.v1.OpenMailboxRequest;
import dev.accountadmin.v1.ProcedureResult;
import dev.accountadmin.v1.RemoveFlaggedInboxRulesRequest;
import dev.accountadmin.v1.RestoreUserRequest;
import dev.accountadmin.v1.SecureCompromisedUserRequest;
import dev.accountadmin.v1.SetAddressListVisibilityRequest;
import dev.accountadmin.v1.SetForwardingRequest;
import dev.accountadmin.v1.SignInRequest;
import dev.accountadmin.v1.StepKind;
import dev.accountadmin.v1.StepOptions;
import dev.accountadmin.v1.StepOutcome;
import dev.accountadmin.v1.StepResult;
import dev.accountadmin.v1.SubmitMessageRequest;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The mailbox through offboarding, the compromised-account response, restore and the mail flow:
 * forwarding reaches its target, a delegate opens a shared mailbox and nobody else does, a
 * hidden mailbox is absent from the address list, and restore undoes what it can.
 */
@ParameterizedClass
@EnumSource(Dialect.class)
final class MailboxTest {
  @Parameter Dialect engine;
  static final String USER = "pat@contoso.com";
  static final String NAME = "users/" + USER;
  static final String MANAGER = "mo@contoso.com";
  static final String COLLEAGUE = "sam@contoso.com";
  @TempDir Path dir;
  TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = new TestServer(engine, dir);
    server.createUser(USER);
    server.createUser(MANAGER);
    server.createUser(COLLEAGUE);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  MailFlowGrpc.MailFlowBlockingStub mailAs(String upn) {
    var token = server.auth().signIn(SignInRequest.newBuilder().setUserPrincipalName(upn)
        .setPassword(TestServer.USER_PASSWORD).setClientApp(ClientApp.CLIENT_APP_OUTLOOK_WEB).build()).getAccessToken();
    var headers = new Metadata();
    headers.put(CallContext.AUTHORIZATION, "Bearer " + token);
    return MailFlowGrpc.newBlockingStub(server.channel()).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  static StepResult step(ProcedureResult result, StepKind kind) {
    return result.getStepsList().stream().filter(s -> s.getKind() == kind).findFirst().orElseThrow();
  }

  static MailboxOptions.Builder handover() {
    return MailboxOptions.newBuilder().setForwardTo(MANAGER).setKeepCopy(true).setConvertToShared(true)
        .addDelegates(MANAGER).setLitigationHold(true).setHideFromAddressList(true)
        .setAutomaticReplies(AutomaticReplies.newBuilder().setInternalMessage("Pat has left; write to Mo.")
            .setExternalMessage("Pat no longer works here."));
  }

  ProcedureResult offboard(MailboxOptions.Builder mailbox) {
    return server.admin().offboardUser(OffboardUserRequest.newBuilder().setName(NAME)
        .setOptions(StepOptions.newBuilder().setMailbox(mailbox)).build()).getResult();
  }

  void createRule(String upn, String name, String forwardTo, boolean delete, String folder) {
    // Rules list oldest first: one second apart, each is older than the next.
    server.clock.advance(java.time.Duration.ofSeconds(1));
    mailAs(upn).createInboxRule(CreateInboxRuleRequest.newBuilder().setRule(InboxRule.newBuilder().setName(name)
        .setForwardTo(forwardTo).setDeleteMessage(delete).setMoveToFolder(folder)).build());
  }

  @Test
  void offboardWithHandover_mailReachesTheManager_whoOpensTheSharedMailbox_andPatCannotSignIn() {
    var result = offboard(handover());

    // Reset and revoke first; the mailbox is handed over before anything closes it, shared before licences go.
    assertThat(result.getStepsList()).extracting(StepResult::getKind).containsSubsequence(
        StepKind.STEP_KIND_RESET_PASSWORD, StepKind.STEP_KIND_REVOKE_SESSIONS, StepKind.STEP_KIND_PLACE_LITIGATION_HOLD,
        StepKind.STEP_KIND_CONVERT_TO_SHARED, StepKind.STEP_KIND_SET_FORWARDING, StepKind.STEP_KIND_SET_AUTO_REPLIES,
        StepKind.STEP_KIND_HIDE_FROM_ADDRESS_LIST, StepKind.STEP_KIND_WIPE_DEVICES, StepKind.STEP_KIND_BLOCK_SIGN_IN,
        StepKind.STEP_KIND_SET_MAIL_PROTOCOLS, StepKind.STEP_KIND_REMOVE_LICENCES);
    for (var kind : new StepKind[] {StepKind.STEP_KIND_PLACE_LITIGATION_HOLD, StepKind.STEP_KIND_CONVERT_TO_SHARED,
        StepKind.STEP_KIND_SET_FORWARDING, StepKind.STEP_KIND_SET_AUTO_REPLIES, StepKind.STEP_KIND_HIDE_FROM_ADDRESS_LIST}) {
      assertThat(step(result, kind).getOutcome()).as(kind.name()).isEqualTo(StepOutcome.STEP_OUTCOME_DONE);
    }
    assertThat(step(result, StepKind.STEP_KIND_CONVERT_TO_SHARED).getDetails().getSharedMailbox().getDelegatesList())
        .containsExactly(MANAGER);
    assertThat(step(result, StepKind.STEP_KIND_SET_FORWARDING).getDetails().getForwarding().getTarget()).isEqualTo(MANAGER);

    var sent = mailAs(COLLEAGUE).submitMessage(SubmitMessageRequest.newBuilder().addRecipients(USER).setSubject("Q4").build());
    assertThat(sent.getDeliveriesList()).singleElement().satisfies(d -> {
      assertThat(d.getDeliveredToList()).containsExactly(USER, MANAGER);
      assertThat(d.getAutomaticReply().getMessage()).isEqualTo("Pat has left; write to Mo.");
    });

    var opened = mailAs(MANAGER).openMailbox(OpenMailboxRequest.newBuilder().setMailbox(USER).build());
    assertThat(opened.getAccess()).isEqualTo(MailboxAccess.MAILBOX_ACCESS_DELEGATE);
    assertThat(opened.getShared()).isTrue();

    var refused = failure(() -> mailAs(COLLEAGUE).openMailbox(OpenMailboxRequest.newBuilder().setMailbox(USER).build()));
    assertThat(refused.code()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(refused.errorInfo().getReason()).isEqualTo("MAILBOX_ACCESS_DENIED");
    assertThat(refused.errorInfo().getMetadataMap()).containsEntry("mailbox", USER);

    // Offboarding's own password is shown to nobody: the old one no longer signs in.
    var signIn = failure(() -> mailAs(USER));
    assertThat(signIn.errorInfo().getReason()).isEqualTo("INVALID_CREDENTIALS");
  }

  @Test
  void sharedMailbox_hasNoSignInOfItsOwn() {
    server.admin().convertToSharedMailbox(ConvertToSharedMailboxRequest.newBuilder().setName(NAME)
        .addDelegates(MANAGER).build());

    var refused = failure(() -> mailAs(USER));

    assertThat(refused.code()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(refused.errorInfo().getReason()).isEqualTo("MAILBOX_SHARED");
    assertThat(mailAs(MANAGER).openMailbox(OpenMailboxRequest.newBuilder().setMailbox(USER).build()).getAccess())
        .isEqualTo(MailboxAccess.MAILBOX_ACCESS_DELEGATE);
  }

  @Test
  void userMailbox_opensForItsUserOnly() {
    assertThat(mailAs(USER).openMailbox(OpenMailboxRequest.getDefaultInstance()).getAccess())
        .isEqualTo(MailboxAccess.MAILBOX_ACCESS_OWNER);

    var refused = failure(() -> mailAs(MANAGER).openMailbox(OpenMailboxRequest.newBuilder().setMailbox(USER).build()));

    assertThat(refused.errorInfo().getReason()).isEqualTo("MAILBOX_ACCESS_DENIED");
  }

  @Test
  void forwardingWithoutCopy_deliversToTheTargetOnly() {
    server.admin().setForwarding(SetForwardingRequest.newBuilder().setName(NAME).setForwardTo(MANAGER).build());

    var sent = mailAs(COLLEAGUE).submitMessage(SubmitMessageRequest.newBuilder().addRecipients(USER).build());

    assertThat(sent.getDeliveriesList()).singleElement()
        .satisfies(d -> assertThat(d.getDeliveredToList()).containsExactly(MANAGER));
  }

  @Test
  void hiddenMailbox_isAbsentFromTheAddressList_yetStillReceivesMail() {
    var before = mailAs(COLLEAGUE).lookupAddressList(LookupAddressListRequest.newBuilder().setPrefix("p").build());
    assertThat(before.getEntriesList()).extracting(AddressListEntry::getAddress).containsExactly(USER);

    server.admin().setAddressListVisibility(SetAddressListVisibilityRequest.newBuilder().setName(NAME).setHidden(true).build());

    var after = mailAs(COLLEAGUE).lookupAddressList(LookupAddressListRequest.getDefaultInstance());
    assertThat(after.getEntriesList()).extracting(AddressListEntry::getAddress).doesNotContain(USER).contains(MANAGER);
    var sent = mailAs(COLLEAGUE).submitMessage(SubmitMessageRequest.newBuilder().addRecipients(USER).build());
    assertThat(sent.getDeliveries(0).getDeliveredToList()).containsExactly(USER);
  }

  @Test
  void secureCompromised_removesForwardingAndFlaggedRules_andKeepsTheOthers() {
    server.admin().setForwarding(SetForwardingRequest.newBuilder().setName(NAME).setForwardTo(COLLEAGUE).build());
    createRule(USER, "to outside", "drop@fabrikam.com", false, "");
    createRule(USER, "hide replies", "", true, "");
    createRule(USER, "newsletters", "", false, "Newsletters");
    assertThat(server.admin().listInboxRules(ListInboxRulesRequest.newBuilder().setName(NAME).build()).getRulesList())
        .extracting(r -> r.getName() + "=" + r.getFlagged())
        .containsExactly("to outside=true", "hide replies=true", "newsletters=false");

    var result = server.admin().secureCompromisedUser(SecureCompromisedUserRequest.newBuilder().setName(NAME).build())
        .getResult();

    assertThat(result.getStepsList()).extracting(StepResult::getKind).containsSubsequence(
        StepKind.STEP_KIND_RESET_PASSWORD, StepKind.STEP_KIND_REVOKE_SESSIONS, StepKind.STEP_KIND_REMOVE_FORWARDING,
        StepKind.STEP_KIND_REMOVE_FLAGGED_INBOX_RULES, StepKind.STEP_KIND_RESTRICT_SENDING);
    assertThat(step(result, StepKind.STEP_KIND_REMOVE_FORWARDING).getDetails().getForwarding().getTarget())
        .isEqualTo(COLLEAGUE);
    var rules = step(result, StepKind.STEP_KIND_REMOVE_FLAGGED_INBOX_RULES).getDetails().getInboxRules();
    assertThat(rules.getRulesList()).extracting(InboxRule::getName).containsExactly("to outside", "hide replies");
    assertThat(rules.getKeptRuleCount()).isEqualTo(1);
    assertThat(server.admin().listInboxRules(ListInboxRulesRequest.newBuilder().setName(NAME).build()).getRulesList())
        .extracting(InboxRule::getName).containsExactly("newsletters");
    var mailbox = server.admin().getMailbox(GetMailboxRequest.newBuilder().setName(NAME).build()).getMailbox();
    assertThat(mailbox.hasForwarding()).isFalse();
    assertThat(mailbox.getFlaggedInboxRuleCount()).isZero();
  }

  @Test
  void flaggedRule_forwardsAndDeletesInTheMailFlow() {
    createRule(USER, "exfiltrate", "drop@fabrikam.com", true, "");

    var sent = mailAs(COLLEAGUE).submitMessage(SubmitMessageRequest.newBuilder().addRecipients(USER).build());

    assertThat(sent.getDeliveries(0).getRuleForwardedToList()).containsExactly("drop@fabrikam.com");
    assertThat(sent.getDeliveries(0).getDeletedByRule()).isTrue();
    assertThat(sent.getDeliveries(0).getDeliveredToList()).isEmpty();
  }

  @Test
  void restore_undoesEachMailboxStepExactly_andSaysWhichRulesAreGone() throws Exception {
    createRule(USER, "to outside", "drop@fabrikam.com", false, "");
    createRule(USER, "newsletters", "", false, "Newsletters");
    // Forwarded by the user before the offboarding: restore brings that back, not "no forwarding".
    server.admin().setForwarding(SetForwardingRequest.newBuilder().setName(NAME).setForwardTo(COLLEAGUE).setKeepCopy(true).build());
    offboard(handover().setRemoveFlaggedInboxRules(true));

    var restored = server.admin().restoreUser(RestoreUserRequest.newBuilder().setName(NAME).build()).getResult();

    for (var kind : new StepKind[] {StepKind.STEP_KIND_REMOVE_LITIGATION_HOLD, StepKind.STEP_KIND_CONVERT_TO_USER_MAILBOX,
        StepKind.STEP_KIND_RESTORE_FORWARDING, StepKind.STEP_KIND_RESTORE_AUTO_REPLIES, StepKind.STEP_KIND_SHOW_IN_ADDRESS_LIST,
        StepKind.STEP_KIND_REPORT_DELETED_INBOX_RULES}) {
      assertThat(step(restored, kind).getOutcome()).as(kind.name()).isEqualTo(StepOutcome.STEP_OUTCOME_DONE);
    }
    assertThat(step(restored, StepKind.STEP_KIND_CONVERT_TO_USER_MAILBOX).getDetails().getSharedMailbox().getDelegatesList())
        .containsExactly(MANAGER);
    var gone = step(restored, StepKind.STEP_KIND_REPORT_DELETED_INBOX_RULES).getDetails().getInboxRules();
    assertThat(gone.getRulesList()).extracting(InboxRule::getName).containsExactly("to outside");
    var mailbox = server.admin().getMailbox(GetMailboxRequest.newBuilder().setName(NAME).build()).getMailbox();
    assertThat(mailbox.getShared()).isFalse();
    assertThat(mailbox.getDelegatesList()).isEmpty();
    assertThat(mailbox.getForwarding().getTarget()).isEqualTo(COLLEAGUE);
    assertThat(mailbox.getForwarding().getKeepCopy()).isTrue();
    assertThat(mailbox.hasAutomaticReplies()).isFalse();
    assertThat(mailbox.getHiddenFromAddressList()).isFalse();
    assertThat(mailbox.hasLitigationHoldTime()).isFalse();
    assertThat(server.queryLong("SELECT COUNT(*) FROM mailbox_priors")).isZero();
    assertThat(server.queryLong("SELECT COUNT(*) FROM deleted_inbox_rules")).isZero();
  }

  @Test
  void restore_leavesWhatWasSoBeforeTheOffboarding() {
    server.admin().setAddressListVisibility(SetAddressListVisibilityRequest.newBuilder().setName(NAME).setHidden(true).build());
    var result = offboard(MailboxOptions.newBuilder().setHideFromAddressList(true));
    assertThat(step(result, StepKind.STEP_KIND_HIDE_FROM_ADDRESS_LIST).getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_ALREADY_DONE);

    var restored = server.admin().restoreUser(RestoreUserRequest.newBuilder().setName(NAME).build()).getResult();

    assertThat(step(restored, StepKind.STEP_KIND_SHOW_IN_ADDRESS_LIST).getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_ALREADY_DONE);
    assertThat(server.admin().getMailbox(GetMailboxRequest.newBuilder().setName(NAME).build()).getMailbox()
        .getHiddenFromAddressList()).isTrue();
  }

  @Test
  void helpdeskAdmin_isDeniedTheMailboxSteps_andAnExchangeAdminMayNotForwardAnAdminsMail() {
    var helpdesk = server.as("hd@contoso.com", AdminRole.ADMIN_ROLE_HELPDESK_ADMIN);
    var denied = failure(() -> helpdesk.setForwarding(SetForwardingRequest.newBuilder().setName(NAME).setForwardTo(MANAGER).build()));
    assertThat(denied.code()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(denied.errorInfo().getReason()).isEqualTo("PERMISSION_DENIED");
    assertThat(denied.errorInfo().getMetadataMap()).containsEntry("action", "MANAGE_FORWARDING")
        .containsEntry("requiredRoles", "GLOBAL_ADMIN,EXCHANGE_ADMIN");

    var exchange = server.as("ex@contoso.com", AdminRole.ADMIN_ROLE_EXCHANGE_ADMIN);
    assertThat(exchange.setForwarding(SetForwardingRequest.newBuilder().setName(NAME).setForwardTo(MANAGER).build())
        .getStep().getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_DONE);
    server.createUser("ua@contoso.com", AdminRole.ADMIN_ROLE_USER_ADMIN);
    var admin = failure(() -> exchange.setForwarding(SetForwardingRequest.newBuilder().setName("users/ua@contoso.com")
        .setForwardTo(MANAGER).build()));
    assertThat(admin.errorInfo().getMetadataMap()).containsEntry("requiredRoles", "GLOBAL_ADMIN");
  }

  @Test
  void setForwarding_validateOnly_changesNothing_andARetryAnswersOnce() {
    var plan = server.admin().setForwarding(SetForwardingRequest.newBuilder().setName(NAME).setForwardTo(MANAGER)
        .setValidateOnly(true).build());
    assertThat(plan.getStep().getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_PLANNED);
    assertThat(plan.getMailbox().hasForwarding()).isFalse();

    var id = UUID.randomUUID().toString();
    var first = server.admin().setForwarding(SetForwardingRequest.newBuilder().setName(NAME).setForwardTo(MANAGER)
        .setRequestId(id).build());
    var again = server.admin().setForwarding(SetForwardingRequest.newBuilder().setName(NAME).setForwardTo(MANAGER)
        .setRequestId(id).build());
    assertThat(again).isEqualTo(first);
    assertThat(first.getStep().getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_DONE);
  }

  @Test
  void forwardingToAnUnknownMailboxOrToItself_isRefused() {
    var unknown = failure(() -> server.admin().setForwarding(SetForwardingRequest.newBuilder().setName(NAME)
        .setForwardTo("nobody@contoso.com").build()));
    assertThat(unknown.code()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(unknown.errorInfo().getReason()).isEqualTo("FORWARDING_TARGET_NOT_FOUND");
    assertThat(unknown.errorInfo().getMetadataMap()).containsEntry("target", "nobody@contoso.com");

    var self = failure(() -> server.admin().setForwarding(SetForwardingRequest.newBuilder().setName(NAME).setForwardTo(USER).build()));
    assertThat(self.errorInfo().getReason()).isEqualTo("FORWARDING_TO_SELF");

    var delegate = failure(() -> offboard(MailboxOptions.newBuilder().setConvertToShared(true).addDelegates("gone@contoso.com")));
    assertThat(delegate.errorInfo().getReason()).isEqualTo("DELEGATE_NOT_FOUND");
  }

  @Test
  void offboardOptions_thatWouldDoNothing_areBadInput() {
    var copy = failure(() -> offboard(MailboxOptions.newBuilder().setKeepCopy(true)));
    assertThat(copy.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(copy.badRequest().getFieldViolations(0).getField()).isEqualTo("options.mailbox.forward_to");

    var delegates = failure(() -> offboard(MailboxOptions.newBuilder().addDelegates(MANAGER)));
    assertThat(delegates.badRequest().getFieldViolations(0).getField()).isEqualTo("options.mailbox.convert_to_shared");

    var replies = failure(() -> offboard(MailboxOptions.newBuilder().setAutomaticReplies(AutomaticReplies.newBuilder()
        .setInternalMessage("Gone.").setStartTime(com.google.protobuf.Timestamp.newBuilder().setSeconds(2_000_000_000))
        .setEndTime(com.google.protobuf.Timestamp.newBuilder().setSeconds(1_900_000_000)))));
    assertThat(replies.badRequest().getFieldViolations(0).getField()).isEqualTo("options.mailbox.automatic_replies.end_time");
    assertThat(replies.badRequest().getFieldViolations(0).getDescription()).isNotBlank();
  }

  @Test
  void automaticReplies_answerOnlyWithinTheirWindow() {
    server.admin().setAutomaticReplies(dev.accountadmin.v1.SetAutomaticRepliesRequest.newBuilder().setName(NAME)
        .setReplies(AutomaticReplies.newBuilder().setInternalMessage("Back Monday.")
            .setEndTime(com.google.protobuf.Timestamp.newBuilder()
                .setSeconds(server.clock.instant().plus(java.time.Duration.ofHours(1)).getEpochSecond()))).build());

    var within = mailAs(COLLEAGUE).submitMessage(SubmitMessageRequest.newBuilder().addRecipients(USER).build());
    server.clock.advance(java.time.Duration.ofHours(2));
    // Signed in again: an access token lasts an hour.
    var after = mailAs(COLLEAGUE).submitMessage(SubmitMessageRequest.newBuilder().addRecipients(USER).build());

    assertThat(within.getDeliveries(0).getAutomaticReply().getMessage()).isEqualTo("Back Monday.");
    assertThat(after.getDeliveries(0).hasAutomaticReply()).isFalse();
  }

  @Test
  void removeFlaggedInboxRules_asASingleStep_isAudited() throws Exception {
    createRule(USER, "to outside", "drop@fabrikam.com", false, "");

    var removed = server.admin().removeFlaggedInboxRules(RemoveFlaggedInboxRulesRequest.newBuilder().setName(NAME).build());

    assertThat(removed.getStep().getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_DONE);
    assertThat(removed.getMailbox().getFlaggedInboxRuleCount()).isZero();
    assertThat(server.queryLong("SELECT COUNT(*) FROM audit_events WHERE action = 'MANAGE_INBOX_RULES'")).isEqualTo(1);
    // A single step is the admin's own decision: nothing for a restore to report.
    assertThat(server.queryLong("SELECT COUNT(*) FROM deleted_inbox_rules")).isZero();
  }
}
