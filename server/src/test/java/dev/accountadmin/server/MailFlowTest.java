package dev.accountadmin.server;

import static dev.accountadmin.server.TestServer.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.accountadmin.server.mail.OutboundPolicy;
import dev.accountadmin.server.store.Dialect;
import dev.accountadmin.v1.Action;
import dev.accountadmin.v1.AuditOutcome;
import dev.accountadmin.v1.ClientApp;
import dev.accountadmin.v1.GetUserRequest;
import dev.accountadmin.v1.LiftSendingRestrictionRequest;
import dev.accountadmin.v1.ListAuditEventsRequest;
import dev.accountadmin.v1.ListRestrictedSendersRequest;
import dev.accountadmin.v1.MailFlowGrpc;
import dev.accountadmin.v1.MailProtocol;
import dev.accountadmin.v1.RestrictSendingRequest;
import dev.accountadmin.v1.SendingRestrictionReason;
import dev.accountadmin.v1.SetMailProtocolsRequest;
import dev.accountadmin.v1.SignInRequest;
import dev.accountadmin.v1.StepOutcome;
import dev.accountadmin.v1.SubmitMessageRequest;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Outbound limits and sending restrictions, enforced where messages are submitted. */
@ParameterizedClass
@EnumSource(Dialect.class)
final class MailFlowTest {
  @Parameter Dialect engine;
  static final String USER = "pat@contoso.com";
  @TempDir Path dir;
  TestServer server;
  MailFlowGrpc.MailFlowBlockingStub mail;

  @BeforeEach
  void start() throws Exception {
    server = new TestServer(engine, dir);
    server.createUser(USER);
    mail = sender();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  MailFlowGrpc.MailFlowBlockingStub sender() {
    return sender(ClientApp.CLIENT_APP_OUTLOOK_DESKTOP);
  }

  MailFlowGrpc.MailFlowBlockingStub sender(ClientApp app) {
    var token = server.auth().signIn(SignInRequest.newBuilder().setUserPrincipalName(USER)
        .setPassword(TestServer.USER_PASSWORD).setClientApp(app).build()).getAccessToken();
    var headers = new Metadata();
    headers.put(CallContext.AUTHORIZATION, "Bearer " + token);
    return MailFlowGrpc.newBlockingStub(server.channel()).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  static MailFlowGrpc.MailFlowBlockingStub inLanguage(MailFlowGrpc.MailFlowBlockingStub stub, String language) {
    var headers = new Metadata();
    headers.put(CallContext.ACCEPT_LANGUAGE, language);
    return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  static SubmitMessageRequest message(int external, int internal) {
    var request = SubmitMessageRequest.newBuilder().setSubject("hello");
    IntStream.range(0, external).forEach(i -> request.addRecipients("r" + i + "@fabrikam.example"));
    IntStream.range(0, internal).forEach(i -> request.addRecipients("r" + i + "@contoso.com"));
    return request.build();
  }

  @Test
  void submit_countsInternalAndExternalRecipients() {
    var accepted = mail.submitMessage(message(2, 3));
    assertThat(accepted.getExternalRecipientCount()).isEqualTo(2);
    assertThat(accepted.getInternalRecipientCount()).isEqualTo(3);
  }

  @Test
  void submit_fromAppsThatDoNotSendMail_isRefused() {
    for (var app : java.util.List.of(ClientApp.CLIENT_APP_BROWSER, ClientApp.CLIENT_APP_ADMIN_API,
        ClientApp.CLIENT_APP_POP3, ClientApp.CLIENT_APP_IMAP)) {
      var refused = failure(() -> sender(app).submitMessage(message(1, 0)));
      assertThat(refused.code()).as(app.name()).isEqualTo(Status.Code.PERMISSION_DENIED);
      assertThat(refused.errorInfo().getReason()).isEqualTo("MAIL_CLIENT_REQUIRED");
      assertThat(refused.errorInfo().getMetadataMap()).containsEntry("user", USER)
          .containsEntry("clientApp", app.name().substring("CLIENT_APP_".length()));
    }
  }

  @Test
  void everyProtocolOff_noTokenCanSubmit_evenABrowserOne() {
    var browser = sender(ClientApp.CLIENT_APP_BROWSER);
    server.admin().setMailProtocols(SetMailProtocolsRequest.newBuilder().setName("users/" + USER).build());

    assertThat(failure(() -> mail.submitMessage(message(1, 0))).errorInfo().getReason()).isEqualTo("PROTOCOL_DISABLED");
    assertThat(failure(() -> browser.submitMessage(message(1, 0))).errorInfo().getReason()).isEqualTo("MAIL_CLIENT_REQUIRED");
    assertThat(failure(() -> sender(ClientApp.CLIENT_APP_SMTP_AUTH)).errorInfo().getReason()).isEqualTo("PROTOCOL_DISABLED");
  }

  @Test
  void smtpAuth_submitsWhileOn_andIsRefusedOnceTurnedOff() {
    var smtp = sender(ClientApp.CLIENT_APP_SMTP_AUTH);
    assertThat(smtp.submitMessage(message(1, 1)).getMessageId()).isNotEmpty();

    server.admin().setMailProtocols(SetMailProtocolsRequest.newBuilder().setName("users/" + USER)
        .addEnabledProtocols(MailProtocol.MAIL_PROTOCOL_MAPI).build());

    var refused = failure(() -> smtp.submitMessage(message(1, 0)));
    assertThat(refused.code()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(refused.errorInfo().getReason()).isEqualTo("PROTOCOL_DISABLED");
    assertThat(refused.errorInfo().getMetadataMap()).containsEntry("clientApp", "SMTP_AUTH");
    assertThat(mail.submitMessage(message(1, 0)).getMessageId()).isNotEmpty();
  }

  @Test
  void the501stExternalRecipientInAnHour_restrictsTheSender() {
    for (int i = 0; i < 5; i++) {
      mail.submitMessage(message(100, 0));
    }
    var crossing = failure(() -> mail.submitMessage(message(1, 0)));
    var next = failure(() -> mail.submitMessage(message(0, 1)));

    assertThat(crossing.code()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(crossing.errorInfo().getReason()).isEqualTo("OUTBOUND_LIMIT_EXCEEDED");
    assertThat(crossing.errorInfo().getMetadataMap()).containsEntry("limit", "500").containsEntry("recipientCount", "501");
    assertThat(next.errorInfo().getReason()).isEqualTo("SENDING_RESTRICTED");
    assertThat(next.errorInfo().getMetadataMap()).containsEntry("restrictionReason", "OUTBOUND_SPAM");
    var restricted = server.admin().listRestrictedSenders(ListRestrictedSendersRequest.getDefaultInstance()).getUsersList();
    assertThat(restricted).hasSize(1);
    assertThat(restricted.get(0).getMailbox().getSendingRestriction().getReason())
        .isEqualTo(SendingRestrictionReason.SENDING_RESTRICTION_REASON_OUTBOUND_SPAM);
  }

  @Test
  void limitError_namesTheLimit_saysAnAdminMustLiftIt_andIsAuditedAsTheSubmission() {
    for (int i = 0; i < 5; i++) {
      mail.submitMessage(message(100, 0));
    }
    var english = failure(() -> mail.submitMessage(message(1, 0)));

    assertThat(english.errorInfo().getMetadataMap()).containsEntry("limitWindow", "EXTERNAL_PER_HOUR")
        .containsEntry("restrictionEnd", "LIFTED").doesNotContainKey("retryAfterSeconds");
    // Waiting does not help: only an admin can lift this restriction.
    assertThat(english.status().getDetailsList()).noneMatch(any -> any.is(com.google.rpc.RetryInfo.class));
    assertThat(english.localizedMessage().getMessage()).isEqualTo(USER + " has reached the limit of 500 recipients"
        + " outside the organization per hour (501 recipients in the last hour). " + USER
        + " is now restricted from sending email until an admin lifts the restriction.");
    var events = server.admin().listAuditEvents(ListAuditEventsRequest.newBuilder().setTarget(USER).build()).getEventsList();
    assertThat(events).noneMatch(e -> e.getAction() == Action.ACTION_RESTRICT_SENDING);
    var recorded = events.stream().filter(e -> e.getAction() == Action.ACTION_SUBMIT_MESSAGE).toList();
    assertThat(recorded).hasSize(1);
    assertThat(recorded.get(0).getActor()).isEqualTo(USER);
    assertThat(recorded.get(0).getOutcome()).isEqualTo(AuditOutcome.AUDIT_OUTCOME_FAILURE);
    assertThat(recorded.get(0).getDetailsMap()).containsEntry("reason", "OUTBOUND_LIMIT_EXCEEDED")
        .containsEntry("restrictionReason", "OUTBOUND_SPAM").containsEntry("limitWindow", "EXTERNAL_PER_HOUR")
        .containsEntry("limit", "500").containsEntry("recipientCount", "501");
  }

  @Test
  void aLift_givesAFreshAllowance_soTheNextMessageIsAccepted_andOneLiftIsCounted() {
    for (int i = 0; i < 5; i++) {
      mail.submitMessage(message(100, 0));
    }
    failure(() -> mail.submitMessage(message(1, 0)));
    var lift = LiftSendingRestrictionRequest.newBuilder().setName("users/" + USER).build();

    var lifted = server.admin().liftSendingRestriction(lift);
    assertThat(mail.submitMessage(message(1, 0)).getMessageId()).isNotEmpty();
    assertThat(mail.submitMessage(message(499, 0)).getMessageId()).isNotEmpty();
    var again = server.admin().liftSendingRestriction(lift);

    assertThat(lifted.getStep().getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_DONE);
    assertThat(again.getStep().getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_ALREADY_DONE);
    assertThat(again.getUser().getMailbox().getRestrictionLiftCount()).isEqualTo(1);
    // The fresh allowance is a whole one, not unlimited: the 501st after the lift restricts again.
    assertThat(failure(() -> mail.submitMessage(message(1, 0))).errorInfo().getMetadataMap())
        .containsEntry("recipientCount", "501");
  }

  @Test
  void oneAddressListed501TimesInVaryingCase_countsAsOneRecipient() {
    var request = SubmitMessageRequest.newBuilder().setSubject("hello");
    for (int i = 0; i < 501; i++) {
      request.addRecipients(i % 2 == 0 ? "Sam@Fabrikam.example" : "sam@FABRIKAM.EXAMPLE");
    }
    request.addRecipients("Lee@contoso.com").addRecipients("lee@CONTOSO.com");

    var accepted = mail.submitMessage(request.build());

    assertThat(accepted.getExternalRecipientCount()).isEqualTo(1);
    assertThat(accepted.getInternalRecipientCount()).isEqualTo(1);
    assertThat(server.admin().getUser(GetUserRequest.newBuilder().setName("users/" + USER).build()).getUser()
        .getMailbox().hasSendingRestriction()).isFalse();
  }

  @Test
  void theHourRolls_soSpreadOutMailIsFine() {
    for (int i = 0; i < 5; i++) {
      mail.submitMessage(message(100, 0));
    }
    server.clock.advance(Duration.ofMinutes(61));
    mail = sender();
    assertThat(mail.submitMessage(message(100, 0)).getMessageId()).isNotEmpty();
  }

  @Test
  void restrictedUser_canStillSignInToReadMail() {
    server.admin().restrictSending(RestrictSendingRequest.newBuilder().setName("users/" + USER).build());
    assertThat(failure(() -> mail.submitMessage(message(0, 1))).errorInfo().getReason()).isEqualTo("SENDING_RESTRICTED");
    assertThat(server.auth().signIn(SignInRequest.newBuilder().setUserPrincipalName(USER)
        .setPassword(TestServer.USER_PASSWORD).setClientApp(ClientApp.CLIENT_APP_IMAP).build()).getAccessToken()).isNotEmpty();
  }

  @Test
  void liftingTheRestriction_letsTheUserSend_andIsCounted() {
    server.admin().restrictSending(RestrictSendingRequest.newBuilder().setName("users/" + USER).build());
    var lifted = server.admin().liftSendingRestriction(LiftSendingRestrictionRequest.newBuilder().setName("users/" + USER).build());
    server.admin().restrictSending(RestrictSendingRequest.newBuilder().setName("users/" + USER).build());
    var liftedAgain = server.admin().liftSendingRestriction(LiftSendingRestrictionRequest.newBuilder().setName("users/" + USER).build());

    assertThat(lifted.getStep().getDetails().getSendingRestriction().getRestrictionLiftCount()).isEqualTo(1);
    assertThat(lifted.getStep().getDetails().getSendingRestriction().getReason())
        .isEqualTo(SendingRestrictionReason.SENDING_RESTRICTION_REASON_COMPROMISED);
    assertThat(liftedAgain.getUser().getMailbox().getRestrictionLiftCount()).isEqualTo(2);
    assertThat(mail.submitMessage(message(1, 1)).getMessageId()).isNotEmpty();
  }

  @Test
  void restrictionUntilNextDay_endsAtUtcMidnight() throws Exception {
    server.close();
    server = new TestServer(engine, dir.resolve("next-day"), false, new OutboundPolicy(500, 1000, 1000, OutboundPolicy.Action.RESTRICT_UNTIL_NEXT_DAY));
    server.createUser(USER);
    mail = sender();
    mail.submitMessage(message(0, 600));
    server.clock.advance(Duration.ofMinutes(90));
    mail = sender();
    var crossing = failure(() -> inLanguage(mail, "fr").submitMessage(message(0, 401)));
    assertThat(crossing.errorInfo().getReason()).isEqualTo("OUTBOUND_LIMIT_EXCEEDED");
    var midnight = java.time.Instant.parse("2026-11-24T00:00:00Z");
    var wait = Duration.between(server.clock.instant(), midnight);
    assertThat(crossing.errorInfo().getMetadataMap()).containsEntry("limitWindow", "PER_DAY")
        .containsEntry("restrictionEnd", "NEXT_DAY").containsEntry("restrictedUntilTime", midnight.toString())
        .containsEntry("retryAfterSeconds", Long.toString(wait.getSeconds()));
    assertThat(crossing.unpack(com.google.rpc.RetryInfo.class).getRetryDelay().getSeconds()).isEqualTo(wait.getSeconds());
    assertThat(crossing.localizedMessage().getMessage()).startsWith(USER + " a atteint la limite de 1\u202F000 destinataires par jour")
        .contains("jusqu’au début du jour suivant (UTC), soit dans 13");
    var refused = failure(() -> mail.submitMessage(message(0, 1)));
    assertThat(refused.errorInfo().getReason()).isEqualTo("SENDING_RESTRICTED");
    assertThat(refused.unpack(com.google.rpc.RetryInfo.class).getRetryDelay().getSeconds()).isEqualTo(wait.getSeconds());
    var user = server.admin().getUser(GetUserRequest.newBuilder().setName("users/" + USER).build()).getUser();
    assertThat(user.getMailbox().getSendingRestriction().getExpireTime().getSeconds())
        .isEqualTo(java.time.Instant.parse("2026-11-24T00:00:00Z").getEpochSecond());

    server.clock.advance(Duration.ofHours(14));
    mail = sender();
    assertThat(mail.submitMessage(message(0, 1)).getMessageId()).isNotEmpty();
  }

  @Test
  void restrictionUntilNextDay_endsWithAFreshAllowance_evenForTheLastHoursMail() throws Exception {
    server.close();
    server = new TestServer(engine, dir.resolve("next-day"), false, new OutboundPolicy(500, 1000, 1000, OutboundPolicy.Action.RESTRICT_UNTIL_NEXT_DAY));
    server.createUser(USER);
    // 23:30 UTC: the hour's external limit is crossed just before midnight.
    server.clock.advance(Duration.between(server.clock.instant(), java.time.Instant.parse("2026-11-23T23:30:00Z")));
    mail = sender();
    mail.submitMessage(message(500, 0));
    assertThat(failure(() -> mail.submitMessage(message(1, 0))).errorInfo().getReason()).isEqualTo("OUTBOUND_LIMIT_EXCEEDED");

    server.clock.advance(Duration.ofMinutes(35));

    assertThat(mail.submitMessage(message(1, 0)).getMessageId()).isNotEmpty();
  }
}
