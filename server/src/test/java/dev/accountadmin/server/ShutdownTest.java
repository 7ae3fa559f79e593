package dev.accountadmin.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accountadmin.v1.BatchOffboardUsersRequest;
import dev.accountadmin.v1.BatchOffboardUsersResponse;
import dev.accountadmin.v1.ListUsersRequest;
import dev.accountadmin.v1.User;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping the server (what SIGTERM does) lets calls in flight finish. */
final class ShutdownTest {
  @TempDir Path dir;

  @Test
  void close_letsAStreamingBatchInFlightFinish() throws Exception {
    var server = new TestServer(dir, true);
    try {
      var admin = server.admin();
      var names = admin.listUsers(ListUsersRequest.newBuilder().setPageSize(1000).build()).getUsersList().stream()
          .filter(u -> u.getAdminRolesCount() == 0).map(User::getName).toList();
      var received = new ArrayList<BatchOffboardUsersResponse>();
      var firstResult = new CountDownLatch(1);
      var done = new CompletableFuture<Void>();
      var async = dev.accountadmin.v1.AccountAdminGrpc.newStub(server.channel())
          .withInterceptors(io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(bearer(server)));
      async.batchOffboardUsers(BatchOffboardUsersRequest.newBuilder().addAllNames(names).build(), new StreamObserver<>() {
        @Override
        public void onNext(BatchOffboardUsersResponse value) {
          synchronized (received) {
            received.add(value);
          }
          firstResult.countDown();
        }

        @Override
        public void onError(Throwable t) {
          done.completeExceptionally(t);
        }

        @Override
        public void onCompleted() {
          done.complete(null);
        }
      });
      assertThat(firstResult.await(30, TimeUnit.SECONDS)).isTrue();

      int atClose;
      synchronized (received) {
        atClose = received.size();
      }
      var closing = CompletableFuture.runAsync(server::closeServerOnly);
      done.get(60, TimeUnit.SECONDS);
      closing.get(60, TimeUnit.SECONDS);

      assertThat(atClose).as("the batch was still running when the server began to stop").isLessThan(names.size());
      assertThat(received).hasSize(names.size());
    } finally {
      server.close();
    }
  }

  private static io.grpc.Metadata bearer(TestServer server) {
    var headers = new io.grpc.Metadata();
    headers.put(CallContext.AUTHORIZATION, "Bearer " + server.signIn(TestServer.ADMIN, TestServer.ADMIN_PASSWORD));
    return headers;
  }
}
