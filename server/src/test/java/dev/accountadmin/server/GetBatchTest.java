package dev.accountadmin.server;

import static dev.accountadmin.server.TestServer.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.accountadmin.v1.AdminRole;
import dev.accountadmin.v1.BatchItem;
import dev.accountadmin.v1.BatchItemState;
import dev.accountadmin.v1.BatchOffboardUsersRequest;
import dev.accountadmin.v1.GetBatchRequest;
import dev.accountadmin.v1.ListUsersRequest;
import dev.accountadmin.v1.OffboardUserRequest;
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

/** GetBatch: a batch's users and their states, what a bulk restore undoes. */
final class GetBatchTest {
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

  @Test
  void getBatch_listsEachUserWithItsState_inTheBatchOrder() {
    var staff = server.admin().listUsers(ListUsersRequest.newBuilder().setPageSize(1000).build()).getUsersList().stream()
        .filter(u -> u.getAdminRolesCount() == 0).map(User::getName).limit(2).toList();
    var names = new ArrayList<>(staff);
    names.add("users/nobody@contoso.com");
    var batchId = UUID.randomUUID().toString();
    server.admin().batchOffboardUsers(BatchOffboardUsersRequest.newBuilder().addAllNames(names).setRequestId(batchId).build())
        .forEachRemaining(r -> {});

    var batch = server.admin().getBatch(GetBatchRequest.newBuilder().setBatchId(batchId).build());

    assertThat(batch.getBatchId()).isEqualTo(batchId);
    assertThat(batch.getItemsList()).extracting(BatchItem::getName).isEqualTo(names);
    assertThat(batch.getItemsList()).extracting(BatchItem::getIndex).containsExactly(1, 2, 3);
    assertThat(batch.getItemsList()).extracting(BatchItem::getState).isEqualTo(List.of(
        BatchItemState.BATCH_ITEM_STATE_DONE, BatchItemState.BATCH_ITEM_STATE_DONE, BatchItemState.BATCH_ITEM_STATE_FAILED));
  }

  @Test
  void getBatch_ofAnUnknownId_isBatchNotFound() {
    var failure = failure(() -> server.admin().getBatch(GetBatchRequest.newBuilder().setBatchId("no-such-batch").build()));
    assertThat(failure.code()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(failure.errorInfo().getReason()).isEqualTo("BATCH_NOT_FOUND");
    assertThat(failure.errorInfo().getMetadataMap()).containsEntry("batchId", "no-such-batch");
  }

  @Test
  void getBatch_withoutAnId_isABadRequest() {
    var failure = failure(() -> server.admin().getBatch(GetBatchRequest.getDefaultInstance()));
    assertThat(failure.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(failure.badRequest().getFieldViolations(0).getField()).isEqualTo("batch_id");
  }

  @Test
  void getBatch_byAnotherAdmin_isNotFound_andWithoutARole_isAReadDenial() {
    var batchId = UUID.randomUUID().toString();
    server.admin().batchOffboardUsers(BatchOffboardUsersRequest.newBuilder().addNames("users/nobody@contoso.com")
        .setRequestId(batchId).build()).forEachRemaining(r -> {});
    var request = GetBatchRequest.newBuilder().setBatchId(batchId).build();

    // Only its admin sees a batch, as only its admin may resume it; to others it does not exist.
    var other = failure(() -> server.as("other.admin@contoso.com", AdminRole.ADMIN_ROLE_GLOBAL_ADMIN).getBatch(request));
    var noRole = failure(() -> server.as("staff@contoso.com").getBatch(request));

    assertThat(other.code()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(other.errorInfo().getReason()).isEqualTo("BATCH_NOT_FOUND");
    assertThat(noRole.code()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(noRole.errorInfo().getReason()).isEqualTo("READ_DENIED");
  }

  @Test
  void getBatch_marksAUserOffboardedBeforeTheBatch_whichTheBatchDidNotChange() {
    var staff = server.admin().listUsers(ListUsersRequest.newBuilder().setPageSize(1000).build()).getUsersList().stream()
        .filter(u -> u.getAdminRolesCount() == 0).map(User::getName).limit(2).toList();
    server.admin().offboardUser(OffboardUserRequest.newBuilder().setName(staff.get(0)).build());
    var batchId = UUID.randomUUID().toString();
    server.admin().batchOffboardUsers(BatchOffboardUsersRequest.newBuilder().addAllNames(staff).setRequestId(batchId).build())
        .forEachRemaining(r -> {});

    var batch = server.admin().getBatch(GetBatchRequest.newBuilder().setBatchId(batchId).build());

    assertThat(batch.getItemsList()).extracting(BatchItem::getState)
        .containsOnly(BatchItemState.BATCH_ITEM_STATE_DONE);
    assertThat(batch.getItemsList()).extracting(BatchItem::getAlreadyOffboarded).containsExactly(true, false);
  }
}
