package dev.accountadmin.server;

import static dev.accountadmin.server.TestServer.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.accountadmin.v1.BlockSignInRequest;
import dev.accountadmin.v1.DeleteUserRequest;
import dev.accountadmin.v1.GetUserRequest;
import dev.accountadmin.v1.ListUsersRequest;
import dev.accountadmin.v1.OffboardUserRequest;
import dev.accountadmin.v1.ResetPasswordRequest;
import dev.accountadmin.v1.RestrictSendingRequest;
import dev.accountadmin.v1.UndeleteUserRequest;
import dev.accountadmin.v1.UnlockUserRequest;
import io.grpc.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import dev.accountadmin.server.store.Dialect;

/** Idempotent retries, soft delete with its 30-day window, and concurrent procedures on one user. */
@ParameterizedClass
@EnumSource(Dialect.class)
final class RetriesTest {
  @Parameter Dialect engine;
  static final String NAME = "users/pat@contoso.com";
  @TempDir Path dir;
  TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = new TestServer(engine, dir);
    server.createUser("pat@contoso.com");
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void retry_withSameRequestId_returnsTheFirstResponse() throws Exception {
    var admin = server.admin();
    var id = UUID.randomUUID().toString();
    var request = ResetPasswordRequest.newBuilder().setName(NAME).setRequestId(id).build();

    var first = admin.resetPassword(request);
    var retry = admin.resetPassword(request);

    assertThat(retry).isEqualTo(first);
    assertThat(first.getStep().getDetails().getPasswordReset().getTemporaryPassword()).isNotEmpty();
    assertThat(server.queryLong("SELECT COUNT(*) FROM audit_events WHERE action = 'RESET_PASSWORD'")).isEqualTo(1);
  }

  @Test
  void retry_ofAProcedure_doesNotRunItAgain() throws Exception {
    var admin = server.admin();
    var request = OffboardUserRequest.newBuilder().setName(NAME).setRequestId(UUID.randomUUID().toString()).build();
    var first = admin.offboardUser(request);
    assertThat(admin.offboardUser(request)).isEqualTo(first);
    assertThat(server.queryLong("SELECT COUNT(*) FROM audit_events WHERE action = 'OFFBOARD_USER'")).isEqualTo(1);
  }

  @Test
  void sameRequestId_differentRequest_isInvalidArgument() {
    var admin = server.admin();
    var id = UUID.randomUUID().toString();
    admin.blockSignIn(BlockSignInRequest.newBuilder().setName(NAME).setRequestId(id).build());
    var failure = failure(() -> admin.unlockUser(UnlockUserRequest.newBuilder().setName(NAME).setRequestId(id).build()));
    assertThat(failure.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(failure.errorInfo().getReason()).isEqualTo("REQUEST_ID_REUSED");
    assertThat(failure.errorInfo().getMetadataMap()).containsEntry("requestId", id);
  }

  @Test
  void malformedRequestId_isFieldViolation() {
    var failure = failure(() -> server.admin().blockSignIn(BlockSignInRequest.newBuilder().setName(NAME).setRequestId("not-a-uuid").build()));
    assertThat(failure.badRequest().getFieldViolations(0).getField()).isEqualTo("request_id");
  }

  @Test
  void delete_stopsSignIn_undeleteWithin30DaysBringsTheUserBack() {
    var admin = server.admin();
    var deleted = admin.deleteUser(DeleteUserRequest.newBuilder().setName(NAME).build()).getUser();
    assertThat(deleted.hasDeleteTime()).isTrue();
    assertThat(deleted.getPurgeTime().getSeconds()).isEqualTo(server.clock.instant().plus(Duration.ofDays(30)).getEpochSecond());
    assertThat(failure(() -> server.signIn("pat@contoso.com", TestServer.USER_PASSWORD)).code()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(failure(() -> admin.blockSignIn(BlockSignInRequest.newBuilder().setName(NAME).build())).errorInfo().getReason())
        .isEqualTo("USER_DELETED");
    assertThat(admin.listUsers(ListUsersRequest.newBuilder().setFilter("deleted").build()).getUsersCount()).isEqualTo(1);

    server.clock.advance(Duration.ofDays(29));
    server.signIn(TestServer.ADMIN, TestServer.ADMIN_PASSWORD);
    var back = server.admin().undeleteUser(UndeleteUserRequest.newBuilder().setName(NAME).build()).getUser();

    assertThat(back.hasDeleteTime()).isFalse();
    assertThat(server.signIn("pat@contoso.com", TestServer.USER_PASSWORD)).isNotEmpty();
  }

  @Test
  void deletedUser_after30Days_isPurgedAndNotFound() {
    server.admin().deleteUser(DeleteUserRequest.newBuilder().setName(NAME).build());
    server.clock.advance(Duration.ofDays(30));
    var admin = server.admin();
    assertThat(admin.listUsers(ListUsersRequest.newBuilder().setFilter("deleted").build()).getUsersCount()).isZero();
    var failure = failure(() -> admin.undeleteUser(UndeleteUserRequest.newBuilder().setName(NAME).build()));
    assertThat(failure.code()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(failure(() -> admin.getUser(GetUserRequest.newBuilder().setName(NAME).build())).code()).isEqualTo(Status.Code.NOT_FOUND);
  }

  @Test
  void concurrentProcedures_onOneUser_neitherLosesTheOthersChange() throws Exception {
    var admin = server.admin();
    var pool = Executors.newFixedThreadPool(4);
    try {
      for (int round = 0; round < 5; round++) {
        var user = "u" + round + "@contoso.com";
        server.createUser(user);
        var futures = new ArrayList<Future<?>>();
        futures.add(pool.submit(() -> admin.offboardUser(OffboardUserRequest.newBuilder().setName("users/" + user).build())));
        futures.add(pool.submit(() -> admin.restrictSending(RestrictSendingRequest.newBuilder().setName("users/" + user).build())));
        for (var f : futures) {
          f.get();
        }
        var after = admin.getUser(GetUserRequest.newBuilder().setName("users/" + user).build()).getUser();
        assertThat(after.hasOffboardTime()).isTrue();
        assertThat(after.getSignInBlocked()).isTrue();
        assertThat(after.getMailbox().getEnabledProtocolsList()).isEmpty();
        assertThat(after.getMailbox().hasSendingRestriction()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
