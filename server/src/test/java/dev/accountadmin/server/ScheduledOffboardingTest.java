package dev.accountadmin.server;

import static dev.accountadmin.server.TestServer.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.accountadmin.server.store.Dialect;
import dev.accountadmin.v1.AdminRole;
import dev.accountadmin.v1.AuditOutcome;
import dev.accountadmin.v1.CancelScheduledOffboardingRequest;
import dev.accountadmin.v1.ClientApp;
import dev.accountadmin.v1.DeletionOptions;
import dev.accountadmin.v1.GetScheduledOffboardingRequest;
import dev.accountadmin.v1.GetUserRequest;
import dev.accountadmin.v1.LastWorkingDay;
import dev.accountadmin.v1.ListAuditEventsRequest;
import dev.accountadmin.v1.ListScheduledOffboardingsRequest;
import dev.accountadmin.v1.OffboardingTime;
import dev.accountadmin.v1.RemoveAdminRolesRequest;
import dev.accountadmin.v1.ScheduleOffboardingRequest;
import dev.accountadmin.v1.ScheduleState;
import dev.accountadmin.v1.ScheduledOffboarding;
import dev.accountadmin.v1.SetUserTimeZoneRequest;
import dev.accountadmin.v1.SignInRequest;
import dev.accountadmin.v1.StepKind;
import dev.accountadmin.v1.StepOptions;
import dev.accountadmin.v1.StepOutcome;
import dev.accountadmin.v1.UpdateScheduledOffboardingRequest;
import dev.accountadmin.v1.ZonedTime;
import io.grpc.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Scheduled offboardings through the real server: they run when the test clock passes their time
 * and not before, once, as the admin who scheduled them; cancelled ones never run; failures are
 * reported. The server's timer is off: the test moves the clock and runs the due ones itself.
 */
@ParameterizedClass
@EnumSource(Dialect.class)
final class ScheduledOffboardingTest {
  @Parameter Dialect engine;
  static final String USER = "lee@contoso.com";
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

  /** TestServer.START is 2026-11-23T09:00Z: 18:00 in Paris that day is 17:00Z, eight hours on. */
  static OffboardingTime paris(String local) {
    return OffboardingTime.newBuilder().setAt(ZonedTime.newBuilder().setLocalDateTime(local).setTimeZone("Europe/Paris"))
        .build();
  }

  ScheduledOffboarding schedule(OffboardingTime when, StepOptions options) {
    var request = ScheduleOffboardingRequest.newBuilder().setName(NAME).setWhen(when).setRequestId(UUID.randomUUID().toString());
    if (options != null) {
      request.setOptions(options);
    }
    return server.admin().scheduleOffboarding(request.build()).getScheduledOffboarding();
  }

  ScheduledOffboarding get(ScheduledOffboarding s) {
    return server.admin().getScheduledOffboarding(GetScheduledOffboardingRequest.newBuilder().setName(s.getName()).build())
        .getScheduledOffboarding();
  }

  boolean signInBlocked() {
    return server.admin().getUser(GetUserRequest.newBuilder().setName(NAME).build()).getUser().getSignInBlocked();
  }

  @Test
  void runsWhenTheClockPassesItsTime_andNotBefore_once() throws Exception {
    var scheduled = schedule(paris("2026-11-23T18:00"), null);
    assertThat(scheduled.getRunTime().getSeconds()).isEqualTo(Instant.parse("2026-11-23T17:00:00Z").getEpochSecond());
    assertThat(scheduled.getState()).isEqualTo(ScheduleState.SCHEDULE_STATE_SCHEDULED);

    server.clock.advance(Duration.ofHours(8).minusSeconds(2));
    assertThat(server.runDueSchedules()).isZero();
    assertThat(signInBlocked()).isFalse();
    assertThat(get(scheduled).getState()).isEqualTo(ScheduleState.SCHEDULE_STATE_SCHEDULED);

    server.clock.advance(Duration.ofSeconds(1));
    assertThat(server.runDueSchedules()).isEqualTo(1);
    assertThat(server.runDueSchedules()).as("a second tick").isZero();

    var ran = get(scheduled);
    assertThat(ran.getState()).isEqualTo(ScheduleState.SCHEDULE_STATE_DONE);
    assertThat(ran.getResult().getStepsList()).filteredOn(s -> s.getKind() == StepKind.STEP_KIND_BLOCK_SIGN_IN)
        .singleElement().extracting(s -> s.getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_DONE);
    assertThat(signInBlocked()).isTrue();
    var refused = failure(() -> server.auth().signIn(SignInRequest.newBuilder().setUserPrincipalName(USER)
        .setPassword(TestServer.USER_PASSWORD).setClientApp(ClientApp.CLIENT_APP_ADMIN_API).build()));
    // The password was reset to one nobody knows, and sign-in is blocked.
    assertThat(refused.code()).isEqualTo(Status.Code.UNAUTHENTICATED);
    // Audited once, as the admin who scheduled it, from the scheduler.
    var audit = server.admin().listAuditEvents(ListAuditEventsRequest.newBuilder().setTarget(USER).build())
        .getEventsList().stream().filter(e -> e.getAction() == dev.accountadmin.v1.Action.ACTION_OFFBOARD_USER)
        // The plan shown when it was scheduled is recorded too, as PLANNED.
        .filter(e -> e.getOutcome() != AuditOutcome.AUDIT_OUTCOME_PLANNED).toList();
    assertThat(audit).singleElement().satisfies(e -> {
      assertThat(e.getActor()).isEqualTo(TestServer.ADMIN);
      assertThat(e.getClientAddress()).isEqualTo("scheduler");
      assertThat(e.getOutcome()).isEqualTo(AuditOutcome.AUDIT_OUTCOME_SUCCESS);
    });
  }

  @Test
  void aCancelledOne_neverRuns_andCannotBeChangedAfter() throws Exception {
    var scheduled = schedule(paris("2026-11-23T18:00"), null);

    var cancelled = server.admin().cancelScheduledOffboarding(CancelScheduledOffboardingRequest.newBuilder()
        .setName(scheduled.getName()).setExpectedVersion(scheduled.getVersion()).build()).getScheduledOffboarding();
    assertThat(cancelled.getState()).isEqualTo(ScheduleState.SCHEDULE_STATE_CANCELLED);

    server.clock.advance(Duration.ofDays(2));
    assertThat(server.runDueSchedules()).isZero();
    assertThat(signInBlocked()).isFalse();
    assertThat(get(scheduled).getState()).isEqualTo(ScheduleState.SCHEDULE_STATE_CANCELLED);
    var again = failure(() -> server.admin().updateScheduledOffboarding(UpdateScheduledOffboardingRequest.newBuilder()
        .setName(scheduled.getName()).setWhen(paris("2026-12-01T18:00")).build()));
    assertThat(again.code()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(again.errorInfo().getReason()).isEqualTo("SCHEDULE_NOT_PENDING");
  }

  @Test
  void changingTheTime_movesTheRun_andAStaleVersionIsAborted() throws Exception {
    var scheduled = schedule(paris("2026-11-23T18:00"), null);
    var changed = server.admin().updateScheduledOffboarding(UpdateScheduledOffboardingRequest.newBuilder()
        .setName(scheduled.getName()).setWhen(paris("2026-11-24T18:00")).setExpectedVersion(scheduled.getVersion())
        .setOptions(StepOptions.newBuilder().setDeletion(DeletionOptions.newBuilder().setDeleteUser(true))).build())
        .getScheduledOffboarding();
    assertThat(changed.getRunTime().getSeconds()).isEqualTo(Instant.parse("2026-11-24T17:00:00Z").getEpochSecond());
    var stale = failure(() -> server.admin().updateScheduledOffboarding(UpdateScheduledOffboardingRequest.newBuilder()
        .setName(scheduled.getName()).setWhen(paris("2026-11-25T18:00")).setExpectedVersion(scheduled.getVersion()).build()));
    assertThat(stale.code()).isEqualTo(Status.Code.ABORTED);
    assertThat(stale.errorInfo().getReason()).isEqualTo("SCHEDULE_VERSION_MISMATCH");

    server.clock.advance(Duration.ofHours(9));
    assertThat(server.runDueSchedules()).as("at the old time").isZero();
    server.clock.advance(Duration.ofDays(1));
    assertThat(server.runDueSchedules()).isEqualTo(1);
    var ran = get(scheduled);
    assertThat(ran.getState()).isEqualTo(ScheduleState.SCHEDULE_STATE_DONE);
    assertThat(ran.getResult().getStepsList()).filteredOn(s -> s.getKind() == StepKind.STEP_KIND_DELETE_USER)
        .singleElement().extracting(s -> s.getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_DONE);
  }

  @Test
  void endOfTheLastWorkingDay_isSixInTheEveningInTheUsersTimeZone() {
    server.admin().setUserTimeZone(SetUserTimeZoneRequest.newBuilder().setName(NAME).setTimeZone("America/New_York").build());

    var scheduled = schedule(OffboardingTime.newBuilder()
        .setEndOfLastWorkingDay(LastWorkingDay.newBuilder().setDate("2026-11-27")).build(), null);

    // 18:00 EST is 23:00 UTC.
    assertThat(scheduled.getRunTime().getSeconds()).isEqualTo(Instant.parse("2026-11-27T23:00:00Z").getEpochSecond());
    assertThat(scheduled.getTimeZone()).isEqualTo("America/New_York");
  }

  @Test
  void badTimes_areFieldViolations() {
    var past = failure(() -> schedule(paris("2026-11-01T18:00"), null));
    assertThat(past.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(past.badRequest().getFieldViolations(0).getReason()).isEqualTo("TIME_IN_PAST");
    var zone = failure(() -> schedule(OffboardingTime.newBuilder().setAt(ZonedTime.newBuilder()
        .setLocalDateTime("2026-12-31T18:00").setTimeZone("Mars/Olympus")).build(), null));
    assertThat(zone.badRequest().getFieldViolations(0).getField()).isEqualTo("when.at.time_zone");
    var garbled = failure(() -> schedule(paris("31/12/2026 18h"), null));
    assertThat(garbled.badRequest().getFieldViolations(0).getReason()).isEqualTo("MALFORMED_DATE_TIME");
    assertThat(server.admin().listScheduledOffboardings(ListScheduledOffboardingsRequest.getDefaultInstance())
        .getScheduledOffboardingsList()).isEmpty();
  }

  @Test
  void aRunTheSchedulersRolesNoLongerAllow_isReportedFailed_andChangesNothing() throws Exception {
    var helpdesk = server.as("max@contoso.com", AdminRole.ADMIN_ROLE_USER_ADMIN);
    var scheduled = helpdesk.scheduleOffboarding(ScheduleOffboardingRequest.newBuilder().setName(NAME)
        .setWhen(paris("2026-11-23T18:00")).build()).getScheduledOffboarding();
    server.admin().removeAdminRoles(RemoveAdminRolesRequest.newBuilder().setName("users/max@contoso.com")
        .addAdminRoles(AdminRole.ADMIN_ROLE_USER_ADMIN).build());

    server.clock.advance(Duration.ofHours(9));
    assertThat(server.runDueSchedules()).isEqualTo(1);

    var failed = get(scheduled);
    assertThat(failed.getState()).isEqualTo(ScheduleState.SCHEDULE_STATE_FAILED);
    assertThat(failed.getError().getReason()).isEqualTo("STEPS_DENIED");
    assertThat(signInBlocked()).isFalse();
    assertThat(server.runDueSchedules()).as("not retried").isZero();
    var audit = server.admin().listAuditEvents(ListAuditEventsRequest.newBuilder().setTarget(USER).build())
        .getEventsList();
    assertThat(audit).anySatisfy(e -> {
      assertThat(e.getAction()).isEqualTo(dev.accountadmin.v1.Action.ACTION_OFFBOARD_USER);
      assertThat(e.getOutcome()).isEqualTo(AuditOutcome.AUDIT_OUTCOME_FAILURE);
    });
  }

  @Test
  void aHelpdeskAdmin_mayNotSchedule() {
    var helpdesk = server.as("hal@contoso.com", AdminRole.ADMIN_ROLE_HELPDESK_ADMIN);
    var denied = failure(() -> helpdesk.scheduleOffboarding(ScheduleOffboardingRequest.newBuilder().setName(NAME)
        .setWhen(paris("2026-11-23T18:00")).build()));
    assertThat(denied.code()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(denied.errorInfo().getReason()).isEqualTo("SCHEDULE_DENIED");
  }
}
