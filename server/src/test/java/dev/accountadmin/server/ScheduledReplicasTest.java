package dev.accountadmin.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accountadmin.server.store.Dialect;
import dev.accountadmin.v1.GetScheduledOffboardingRequest;
import dev.accountadmin.v1.OffboardingTime;
import dev.accountadmin.v1.ScheduleOffboardingRequest;
import dev.accountadmin.v1.ScheduleState;
import dev.accountadmin.v1.ZonedTime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas on one PostgreSQL database tick at the same due instant: the offboarding runs
 * once, with one audit record, and both replicas show the same result.
 */
final class ScheduledReplicasTest {
  static final String USER = "kim@contoso.com";
  @TempDir Path dir;

  @RepeatedTest(3)
  void bothReplicasTickAtTheDueInstant_theOffboardingRunsOnce() throws Exception {
    try (var first = new TestServer(Dialect.POSTGRESQL, dir.resolve("a"));
         var second = TestServer.replicaOf(first, dir.resolve("b"), dev.accountadmin.server.mail.OutboundPolicy.DEFAULT)) {
      for (int i = 0; i < 5; i++) {
        first.createUser(i + USER);
        first.admin().scheduleOffboarding(ScheduleOffboardingRequest.newBuilder().setName("users/" + i + USER)
            .setWhen(OffboardingTime.newBuilder().setAt(ZonedTime.newBuilder()
                .setLocalDateTime("2026-11-23T12:00").setTimeZone("Europe/Stockholm"))).build());
      }
      first.clock.advance(Duration.ofHours(3));
      long auditBefore = first.queryLong("SELECT COUNT(*) FROM audit_events WHERE action = 'OFFBOARD_USER'");

      var barrier = new CyclicBarrier(2);
      var pool = Executors.newFixedThreadPool(2);
      try {
        var a = pool.submit(() -> {
          barrier.await();
          return first.runDueSchedules();
        });
        var b = pool.submit(() -> {
          barrier.await();
          return second.runDueSchedules();
        });
        assertThat(a.get(2, TimeUnit.MINUTES) + b.get(2, TimeUnit.MINUTES)).isEqualTo(5);
      } finally {
        pool.shutdownNow();
      }

      assertThat(first.runDueSchedules() + second.runDueSchedules()).isZero();
      assertThat(first.queryLong("SELECT COUNT(*) FROM audit_events WHERE action = 'OFFBOARD_USER'") - auditBefore)
          .isEqualTo(5);
      assertThat(first.queryLong("SELECT COUNT(*) FROM scheduled_offboardings WHERE state = 'DONE'")).isEqualTo(5);
      var listed = first.admin().listScheduledOffboardings(
          dev.accountadmin.v1.ListScheduledOffboardingsRequest.getDefaultInstance()).getScheduledOffboardingsList();
      for (var s : listed) {
        var fromSecond = second.admin().getScheduledOffboarding(GetScheduledOffboardingRequest.newBuilder()
            .setName(s.getName()).build()).getScheduledOffboarding();
        assertThat(fromSecond.getState()).isEqualTo(ScheduleState.SCHEDULE_STATE_DONE);
        assertThat(fromSecond.getResult()).isEqualTo(s.getResult());
        assertThat(fromSecond.getResult().getStepsCount()).isPositive();
      }
    }
  }
}
