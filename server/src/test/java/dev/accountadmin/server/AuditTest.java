package dev.accountadmin.server;

import static dev.accountadmin.server.TestServer.failure;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import dev.accountadmin.server.store.Dialect;
import dev.accountadmin.v1.Action;
import dev.accountadmin.v1.AdminRole;
import dev.accountadmin.v1.AuditEvent;
import dev.accountadmin.v1.AuditOutcome;
import dev.accountadmin.v1.BlockSignInRequest;
import dev.accountadmin.v1.CheckPermissionRequest;
import dev.accountadmin.v1.ListAuditEventsRequest;
import dev.accountadmin.v1.TargetTier;
import dev.accountadmin.v1.VerifyAuditLogRequest;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The hash-chained audit log and the permission check, through the API. */
@ParameterizedClass
@EnumSource(Dialect.class)
final class AuditTest {
  @Parameter Dialect engine;
  @TempDir Path dir;
  TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = new TestServer(engine, dir);
    server.createUser("pat@contoso.com");
    server.createUser("sam@contoso.com");
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void verify_intactChain_isValid() {
    var admin = server.admin();
    admin.blockSignIn(BlockSignInRequest.newBuilder().setName("users/pat@contoso.com").build());
    var result = admin.verifyAuditLog(VerifyAuditLogRequest.getDefaultInstance());
    assertThat(result.getValid()).isTrue();
    assertThat(result.getCheckedCount()).isGreaterThanOrEqualTo(5);
    assertThat(result.getFirstBrokenSequence()).isZero();
  }

  @Test
  void verify_oneEditedRow_failsAtThatRow() throws Exception {
    var admin = server.admin();
    admin.blockSignIn(BlockSignInRequest.newBuilder().setName("users/pat@contoso.com").build());
    admin.blockSignIn(BlockSignInRequest.newBuilder().setName("users/sam@contoso.com").build());
    long target = server.queryLong("SELECT sequence FROM audit_events WHERE target = 'pat@contoso.com' AND action = 'BLOCK_SIGN_IN'");

    assertThat(server.execute("UPDATE audit_events SET actor = 'someone-else@contoso.com' WHERE sequence = " + target)).isEqualTo(1);

    var result = admin.verifyAuditLog(VerifyAuditLogRequest.getDefaultInstance());
    assertThat(result.getValid()).isFalse();
    assertThat(result.getFirstBrokenSequence()).isEqualTo(target);
  }

  @Test
  void verify_deletedLastRow_isDetected() throws Exception {
    var admin = server.admin();
    admin.blockSignIn(BlockSignInRequest.newBuilder().setName("users/pat@contoso.com").build());
    long last = server.queryLong("SELECT MAX(sequence) FROM audit_events");
    server.execute("DELETE FROM audit_events WHERE sequence = " + last);
    assertThat(admin.verifyAuditLog(VerifyAuditLogRequest.getDefaultInstance()).getValid()).isFalse();
  }

  @Test
  void listAuditEvents_filtersByActorTargetActionAndTime_newestFirst() {
    var admin = server.admin();
    var start = server.clock.instant();
    admin.blockSignIn(BlockSignInRequest.newBuilder().setName("users/pat@contoso.com").build());
    server.clock.advance(Duration.ofMinutes(1));
    admin.blockSignIn(BlockSignInRequest.newBuilder().setName("users/sam@contoso.com").build());

    var byTarget = admin.listAuditEvents(ListAuditEventsRequest.newBuilder().setTarget("pat@contoso.com")
        .setAction(Action.ACTION_BLOCK_SIGN_IN).build()).getEventsList();
    var inWindow = admin.listAuditEvents(ListAuditEventsRequest.newBuilder().setActor(TestServer.ADMIN)
        .setAction(Action.ACTION_BLOCK_SIGN_IN)
        .setStartTime(ts(start.plusSeconds(30))).setEndTime(ts(start.plusSeconds(120))).build()).getEventsList();

    assertThat(byTarget).hasSize(1);
    assertThat(byTarget.get(0).getOutcome()).isEqualTo(AuditOutcome.AUDIT_OUTCOME_SUCCESS);
    assertThat(byTarget.get(0).getActor()).isEqualTo(TestServer.ADMIN);
    assertThat(byTarget.get(0).getClientAddress()).isEqualTo("127.0.0.1");
    assertThat(inWindow).extracting(AuditEvent::getTarget).containsExactly("sam@contoso.com");
  }

  @Test
  void listAuditEvents_timeOutsideTheTimestampRange_isFieldViolation() {
    var admin = server.admin();
    var year10000 = Timestamp.newBuilder().setSeconds(253_402_300_800L).build();
    var cases = java.util.List.of(
        ListAuditEventsRequest.newBuilder().setStartTime(Timestamp.newBuilder().setSeconds(Long.MAX_VALUE)),
        ListAuditEventsRequest.newBuilder().setEndTime(Timestamp.newBuilder().setSeconds(Long.MIN_VALUE)),
        ListAuditEventsRequest.newBuilder().setStartTime(year10000),
        ListAuditEventsRequest.newBuilder().setEndTime(Timestamp.newBuilder().setSeconds(0).setNanos(-1)));
    var fields = java.util.List.of("start_time.seconds", "end_time.seconds", "start_time.seconds", "end_time.nanos");

    for (int i = 0; i < cases.size(); i++) {
      var request = cases.get(i).build();
      var failure = failure(() -> admin.listAuditEvents(request));
      assertThat(failure.code()).isEqualTo(io.grpc.Status.Code.INVALID_ARGUMENT);
      assertThat(failure.errorInfo().getReason()).isEqualTo("INVALID_ARGUMENT");
      var violation = failure.badRequest().getFieldViolations(0);
      assertThat(violation.getField()).isEqualTo(fields.get(i));
      assertThat(violation.getReason()).isEqualTo("OUT_OF_RANGE");
    }
  }

  @Test
  void listAuditEvents_actorOrTargetWithNul_isFieldViolationOnEveryEngine() {
    var admin = server.admin();
    var byActor = failure(() -> admin.listAuditEvents(ListAuditEventsRequest.newBuilder().setActor("a\u0000b").build()));
    var byTarget = failure(() -> admin.listAuditEvents(ListAuditEventsRequest.newBuilder().setTarget("a\u0000b").build()));

    assertThat(byActor.code()).isEqualTo(io.grpc.Status.Code.INVALID_ARGUMENT);
    assertThat(byActor.badRequest().getFieldViolations(0).getField()).isEqualTo("actor");
    assertThat(byTarget.badRequest().getFieldViolations(0).getField()).isEqualTo("target");
    assertThat(byTarget.badRequest().getFieldViolations(0).getReason()).isEqualTo("CONTROL_CHARACTERS");
  }

  @Test
  void listAuditEvents_pagesBackwards() {
    var admin = server.admin();
    var seen = new java.util.ArrayList<Long>();
    String token = "";
    do {
      var page = admin.listAuditEvents(ListAuditEventsRequest.newBuilder().setPageSize(2).setPageToken(token).build());
      page.getEventsList().forEach(e -> seen.add(e.getSequence()));
      token = page.getNextPageToken();
    } while (!token.isEmpty());
    assertThat(seen).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    assertThat(seen.get(seen.size() - 1)).isEqualTo(1L);
  }

  @Test
  void signInFailures_areAuditedWithoutThePassword() throws Exception {
    failure(() -> server.signIn("pat@contoso.com", "Secret-Guess-123"));
    var events = server.admin().listAuditEvents(ListAuditEventsRequest.newBuilder().setTarget("pat@contoso.com")
        .setAction(Action.ACTION_SIGN_IN).build()).getEventsList();
    assertThat(events).isNotEmpty();
    assertThat(events.get(0).getOutcome()).isEqualTo(AuditOutcome.AUDIT_OUTCOME_FAILURE);
    assertThat(events.get(0).getDetailsMap()).containsEntry("reason", "INVALID_CREDENTIALS");
    assertThat(server.queryLong("SELECT COUNT(*) FROM audit_events WHERE details LIKE '%Secret-Guess%'")).isZero();
  }

  @Test
  void checkPermission_explainsADenial() {
    var helpdesk = server.as("hd@contoso.com", AdminRole.ADMIN_ROLE_HELPDESK_ADMIN);
    var allowed = helpdesk.checkPermission(CheckPermissionRequest.newBuilder()
        .setAction(Action.ACTION_RESET_PASSWORD).setName("users/pat@contoso.com").build());
    var denied = helpdesk.checkPermission(CheckPermissionRequest.newBuilder()
        .setAction(Action.ACTION_RESET_PASSWORD).setName("users/admin@contoso.com").build());

    assertThat(allowed.getAllowed()).isTrue();
    assertThat(allowed.getTargetTier()).isEqualTo(TargetTier.TARGET_TIER_NON_ADMIN);
    assertThat(denied.getAllowed()).isFalse();
    assertThat(denied.getTargetTier()).isEqualTo(TargetTier.TARGET_TIER_PRIVILEGED_ADMIN);
    assertThat(denied.getRequiredRolesList()).containsExactly(AdminRole.ADMIN_ROLE_GLOBAL_ADMIN);
    assertThat(denied.getCallerRolesList()).containsExactly(AdminRole.ADMIN_ROLE_HELPDESK_ADMIN);
  }

  private static Timestamp ts(java.time.Instant instant) {
    return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).build();
  }
}
