package dev.accountadmin.server;

import static dev.accountadmin.server.TestServer.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.accountadmin.v1.BatchOffboardUsersRequest;
import dev.accountadmin.v1.BatchOffboardUsersResponse;
import dev.accountadmin.v1.ListUsersRequest;
import dev.accountadmin.v1.StepOutcome;
import dev.accountadmin.v1.StepResult;
import dev.accountadmin.v1.User;
import io.grpc.Status;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batch offboarding named by the client: the batch id is known before the first result. */
final class BatchOffboardTest {
  @TempDir Path dir;
  TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = new TestServer(dir, true);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  List<String> staff(int count) {
    return server.admin().listUsers(ListUsersRequest.newBuilder().setPageSize(1000).build()).getUsersList().stream()
        .filter(u -> u.getAdminRolesCount() == 0).map(User::getName).limit(count).toList();
  }

  List<BatchOffboardUsersResponse> call(BatchOffboardUsersRequest request) {
    var results = new ArrayList<BatchOffboardUsersResponse>();
    server.admin().batchOffboardUsers(request).forEachRemaining(results::add);
    return results;
  }

  @Test
  void batch_namedByItsRequestId_isThatBatchAndARetryResumesIt() {
    var requestId = UUID.randomUUID().toString();
    var request = BatchOffboardUsersRequest.newBuilder().addAllNames(staff(3)).setRequestId(requestId).build();

    var first = call(request);
    // A client that lost the first call (before or after any result) retries it as it was.
    var retried = call(request);
    var resumed = call(BatchOffboardUsersRequest.newBuilder().setBatchId(requestId).build());

    assertThat(first).hasSize(3).allMatch(r -> r.getBatchId().equals(requestId)).noneMatch(BatchOffboardUsersResponse::getResumed);
    assertThat(first).allMatch(r -> r.getResult().getStepsList().stream().map(StepResult::getOutcome)
        .anyMatch(o -> o == StepOutcome.STEP_OUTCOME_DONE));
    assertThat(retried).hasSize(3).allMatch(BatchOffboardUsersResponse::getResumed)
        .allMatch(r -> r.getBatchId().equals(requestId));
    assertThat(retried.stream().map(r -> r.toBuilder().setResumed(false).build()).toList()).isEqualTo(first);
    assertThat(resumed).hasSize(3).allMatch(BatchOffboardUsersResponse::getResumed);
  }

  @Test
  void resumedBatch_runsTheStepsItsFirstCallChose_whateverTheResumingCallSays() throws Exception {
    // A batch whose first call chose group removal and stopped before its one user: as a crash
    // leaves it. The resuming call names only the batch, and chooses nothing.
    var batchId = UUID.randomUUID().toString();
    var options = java.util.Base64.getEncoder().encodeToString(dev.accountadmin.v1.StepOptions.newBuilder()
        .setMemberships(dev.accountadmin.v1.MembershipOptions.newBuilder().setRemoveGroups(true)).build().toByteArray());
    server.execute("INSERT INTO batches (id, actor, created_at, total, options) SELECT '" + batchId + "', id, 0, 1, '"
        + options + "' FROM users WHERE upn_key = '" + TestServer.ADMIN + "'");
    server.execute("INSERT INTO batch_items (batch_id, position, name, state) VALUES ('" + batchId
        + "', 1, 'users/diego.siciliani@contoso.com', 'PENDING')");

    var resumed = call(BatchOffboardUsersRequest.newBuilder().setBatchId(batchId).build());

    assertThat(resumed).hasSize(1);
    var steps = resumed.get(0).getResult().getStepsList();
    assertThat(steps).filteredOn(step -> step.getKind() == dev.accountadmin.v1.StepKind.STEP_KIND_REMOVE_GROUP_MEMBERSHIPS)
        .extracting(StepResult::getOutcome).containsExactly(StepOutcome.STEP_OUTCOME_DONE);
    assertThat(steps).filteredOn(step -> step.getKind() == dev.accountadmin.v1.StepKind.STEP_KIND_REMOVE_LICENCES)
        .extracting(StepResult::getOutcome).containsExactly(StepOutcome.STEP_OUTCOME_NOT_REQUESTED);
    assertThat(server.queryLong("SELECT COUNT(*) FROM group_members m JOIN users u ON u.id = m.user_id"
        + " WHERE u.upn_key = 'diego.siciliani@contoso.com'")).isZero();
  }

  @Test
  void batch_withAMalformedRequestId_isABadRequest() {
    var failure = failure(() -> call(BatchOffboardUsersRequest.newBuilder().addAllNames(staff(1)).setRequestId("batch-1").build()));
    assertThat(failure.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(failure.badRequest().getFieldViolations(0).getField()).isEqualTo("request_id");
  }
}
