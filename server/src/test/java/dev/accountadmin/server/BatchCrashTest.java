package dev.accountadmin.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.accountadmin.v1.AccountAdminGrpc;
import dev.accountadmin.v1.AuthGrpc;
import dev.accountadmin.v1.BatchOffboardUsersRequest;
import dev.accountadmin.v1.BatchOffboardUsersResponse;
import dev.accountadmin.v1.ClientApp;
import dev.accountadmin.v1.ListUsersRequest;
import dev.accountadmin.v1.SignInRequest;
import dev.accountadmin.v1.StepOutcome;
import dev.accountadmin.v1.StepResult;
import dev.accountadmin.v1.User;
import dev.accountadmin.v1.VerifyAuditLogRequest;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch of 2,000 offboardings whose server process is killed (SIGKILL) midway, then resumed by
 * its batch id on a new server process over the same data directory.
 */
final class BatchCrashTest {
  static final int USERS = 2_000;
  static final Pattern READY = Pattern.compile("ready on 127\\.0\\.0\\.1:(\\d+)");

  @TempDir Path dir;
  Process process;
  ManagedChannel channel;

  @AfterEach
  void stop() throws Exception {
    if (channel != null) {
      channel.shutdownNow();
    }
    if (process != null) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Starts the real server in its own JVM and connects to it. */
  AccountAdminGrpc.AccountAdminBlockingStub startServer() throws Exception {
    var builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), AccountAdminServer.class.getName(),
        "--port", "0", "--data-dir", dir.toString(), "--demo", "--demo-users", Integer.toString(USERS));
    builder.environment().put("ACCOUNTADMIN_BOOTSTRAP_PASSWORD", TestServer.ADMIN_PASSWORD);
    builder.redirectErrorStream(true);
    process = builder.start();
    var port = new CompletableFuture<Integer>();
    var output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    var reader = new Thread(() -> {
      try {
        String line;
        while ((line = output.readLine()) != null) {
          var ready = READY.matcher(line);
          if (ready.find()) {
            port.complete(Integer.parseInt(ready.group(1)));
          }
        }
      } catch (java.io.IOException e) {
        // the process died; the test notices through its calls
      }
      port.completeExceptionally(new IllegalStateException("server exited before it was ready"));
    });
    reader.setDaemon(true);
    reader.start();
    if (channel != null) {
      channel.shutdownNow();
    }
    channel = NettyChannelBuilder.forAddress("127.0.0.1", port.get(60, TimeUnit.SECONDS)).usePlaintext().build();
    var token = AuthGrpc.newBlockingStub(channel).signIn(SignInRequest.newBuilder().setUserPrincipalName(TestServer.ADMIN)
        .setPassword(TestServer.ADMIN_PASSWORD).setClientApp(ClientApp.CLIENT_APP_ADMIN_API).build()).getAccessToken();
    var headers = new Metadata();
    headers.put(CallContext.AUTHORIZATION, "Bearer " + token);
    return AccountAdminGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  @Test
  void batch_killedMidwayAndResumed_offboardsEveryUserExactlyOnce() throws Exception {
    var admin = startServer();
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
          process.destroyForcibly();
        }
      }
    });
    assertThat(killed).as("the stream breaks when the server dies").isNotNull();
    assertThat(first.size()).isBetween(100, USERS - 1);
    process.waitFor(10, TimeUnit.SECONDS);
    var batchId = first.get(0).getBatchId();

    var resumed = new ArrayList<BatchOffboardUsersResponse>();
    startServer().batchOffboardUsers(BatchOffboardUsersRequest.newBuilder().setBatchId(batchId).build()).forEachRemaining(resumed::add);

    assertThat(resumed).hasSize(USERS);
    assertThat(resumed).extracting(BatchOffboardUsersResponse::getIndex).containsExactlyElementsOf(
        java.util.stream.IntStream.rangeClosed(1, USERS).boxed().toList());
    assertThat(resumed.stream().filter(BatchOffboardUsersResponse::getResumed).count()).isBetween(100L, USERS - 1L);
    for (var response : resumed) {
      assertThat(response.hasResult()).as(response.getName() + " " + response.getError()).isTrue();
      // Done once: a second offboarding would find the credential already reset (ALREADY_DONE).
      // Demo staff have no session and no admin role, so those steps may have nothing to do.
      assertThat(response.getResult().getSteps(0).getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_DONE);
      assertThat(response.getResult().getSteps(3).getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_DONE);
      assertThat(response.getResult().getStepsList()).extracting(StepResult::getOutcome)
          .containsOnly(StepOutcome.STEP_OUTCOME_DONE, StepOutcome.STEP_OUTCOME_ALREADY_DONE);
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
    var verification = AccountAdminGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(adminHeaders()))
        .verifyAuditLog(VerifyAuditLogRequest.getDefaultInstance());
    assertThat(verification.getValid()).isTrue();
    assertThat(new HashSet<>(resumed.stream().map(BatchOffboardUsersResponse::getName).toList())).hasSize(USERS);
  }

  private Metadata adminHeaders() {
    var token = AuthGrpc.newBlockingStub(channel).signIn(SignInRequest.newBuilder().setUserPrincipalName(TestServer.ADMIN)
        .setPassword(TestServer.ADMIN_PASSWORD).setClientApp(ClientApp.CLIENT_APP_ADMIN_API).build()).getAccessToken();
    var headers = new Metadata();
    headers.put(CallContext.AUTHORIZATION, "Bearer " + token);
    return headers;
  }
}
