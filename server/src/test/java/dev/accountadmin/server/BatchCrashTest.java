package dev.accountadmin.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.accountadmin.v1.BatchOffboardUsersRequest;
import dev.accountadmin.v1.BatchOffboardUsersResponse;
import dev.accountadmin.v1.ListUsersRequest;
import dev.accountadmin.v1.StepKind;
import dev.accountadmin.v1.StepOutcome;
import dev.accountadmin.v1.StepResult;
import dev.accountadmin.v1.User;
import dev.accountadmin.v1.VerifyAuditLogRequest;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch of 2,000 offboardings whose server process is killed (SIGKILL) midway, then resumed by
 * its batch id on a new server process over the same data directory.
 */
final class BatchCrashTest {
  static final int USERS = 2_000;

  @TempDir Path dir;
  ServerProcess original;
  ServerProcess resumer;

  @AfterEach
  void stop() throws Exception {
    for (var server : new ServerProcess[] {original, resumer}) {
      if (server != null) {
        server.close();
      }
    }
  }

  @Test
  void batch_killedMidwayAndResumed_offboardsEveryUserExactlyOnce() throws Exception {
    original = ServerProcess.start(dir, USERS);
    var admin = original.admin;
    var names = admin.listUsers(ListUsersRequest.newBuilder().setPageSize(1000).setFilter("andersson").build()).getUsersList();
    var all = new ArrayList<String>();
    String token = "";
    do {
      var page = admin.listUsers(ListUsersRequest.newBuilder().setPageSize(1000).setPageToken(token).build());
      page.getUsersList().stream().filter(u -> u.getAdminRolesCount() == 0).map(User::getName).forEach(all::add);
      token = page.getNextPageToken();
    } while (!token.isEmpty());
    assertThat(names).isNotEmpty();
    List<String> batch = all.subList(0, USERS);

    var stream = admin.batchOffboardUsers(BatchOffboardUsersRequest.newBuilder().addAllNames(batch).build());
    var first = new ArrayList<BatchOffboardUsersResponse>();
    var killed = catchThrowable(() -> {
      while (stream.hasNext()) {
        first.add(stream.next());
        // Killed as soon as the first hundred (one commit) are reported: the rest of the batch is
        // still ahead of the server, which offboards a hundred users in a few tens of milliseconds.
        if (first.size() == 100) {
          original.kill();
        }
      }
    });
    assertThat(killed).as("the stream breaks when the server dies").isNotNull();
    assertThat(first.size()).isBetween(100, USERS - 1);
    original.awaitExit();
    var batchId = first.get(0).getBatchId();

    var resumed = new ArrayList<BatchOffboardUsersResponse>();
    resumer = ServerProcess.start(dir, USERS);
    resumer.admin.batchOffboardUsers(BatchOffboardUsersRequest.newBuilder().setBatchId(batchId).build()).forEachRemaining(resumed::add);

    assertThat(resumed).hasSize(USERS);
    assertThat(resumed).extracting(BatchOffboardUsersResponse::getIndex).containsExactlyElementsOf(
        java.util.stream.IntStream.rangeClosed(1, USERS).boxed().toList());
    assertThat(resumed.stream().filter(BatchOffboardUsersResponse::getResumed).count()).isBetween(100L, USERS - 1L);
    for (var response : resumed) {
      assertThat(response.hasResult()).as(response.getName() + " " + response.getError()).isTrue();
      // Done once: a second offboarding would find the credential already reset (ALREADY_DONE).
      // Demo staff have no session and no admin role, so those steps may have nothing to do.
      var outcomes = new java.util.EnumMap<StepKind, StepOutcome>(StepKind.class);
      response.getResult().getStepsList().forEach(step -> outcomes.put(step.getKind(), step.getOutcome()));
      assertThat(outcomes.get(StepKind.STEP_KIND_RESET_PASSWORD)).isEqualTo(StepOutcome.STEP_OUTCOME_DONE);
      assertThat(outcomes.get(StepKind.STEP_KIND_SET_MAIL_PROTOCOLS)).isEqualTo(StepOutcome.STEP_OUTCOME_DONE);
      // Methods, the mailbox, devices, files, groups, licences and the deletion run only when chosen, and this batch chose none of them.
      var optional = java.util.EnumSet.of(StepKind.STEP_KIND_REMOVE_AUTH_METHODS,
          StepKind.STEP_KIND_WIPE_DEVICES, StepKind.STEP_KIND_BLOCK_DEVICES,
          StepKind.STEP_KIND_REMOVE_GROUP_MEMBERSHIPS, StepKind.STEP_KIND_REMOVE_LICENCES, StepKind.STEP_KIND_DELETE_USER,
          StepKind.STEP_KIND_GRANT_FILES_ACCESS,
          StepKind.STEP_KIND_PLACE_LITIGATION_HOLD, StepKind.STEP_KIND_REMOVE_FLAGGED_INBOX_RULES,
          StepKind.STEP_KIND_CONVERT_TO_SHARED, StepKind.STEP_KIND_SET_FORWARDING, StepKind.STEP_KIND_SET_AUTO_REPLIES,
          StepKind.STEP_KIND_HIDE_FROM_ADDRESS_LIST);
      outcomes.forEach((kind, outcome) -> assertThat(outcome).as(kind.name()).isIn(optional.contains(kind)
          ? java.util.List.of(StepOutcome.STEP_OUTCOME_NOT_REQUESTED)
          : java.util.List.of(StepOutcome.STEP_OUTCOME_DONE, StepOutcome.STEP_OUTCOME_ALREADY_DONE)));
      assertThat(outcomes.keySet()).containsAll(optional);
    }
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("accountadmin.db"))) {
      var offboarded = c.createStatement().executeQuery("SELECT COUNT(*) FROM users WHERE offboarded_at IS NOT NULL");
      offboarded.next();
      assertThat(offboarded.getInt(1)).isEqualTo(USERS);
      var twice = c.createStatement().executeQuery("SELECT COUNT(*) FROM (SELECT target FROM audit_events"
          + " WHERE action = 'OFFBOARD_USER' AND outcome = 'SUCCESS' GROUP BY target HAVING COUNT(*) > 1) t");
      twice.next();
      assertThat(twice.getInt(1)).as("users offboarded twice").isZero();
      var once = c.createStatement().executeQuery("SELECT COUNT(DISTINCT target) FROM audit_events"
          + " WHERE action = 'OFFBOARD_USER' AND outcome = 'SUCCESS'");
      once.next();
      assertThat(once.getInt(1)).isEqualTo(USERS);
      // Every offboarded user got its own credential.
      var distinct = c.createStatement().executeQuery("SELECT COUNT(DISTINCT password_hash) FROM users WHERE offboarded_at IS NOT NULL");
      distinct.next();
      assertThat(distinct.getInt(1)).isEqualTo(USERS);
    }
    var verification = resumer.admin.verifyAuditLog(VerifyAuditLogRequest.getDefaultInstance());
    assertThat(verification.getValid()).isTrue();
    assertThat(new HashSet<>(resumed.stream().map(BatchOffboardUsersResponse::getName).toList())).hasSize(USERS);
  }
}
