package dev.accountadmin.server;

import dev.accountadmin.v1.AccountAdminGrpc;
import dev.accountadmin.v1.AuthGrpc;
import dev.accountadmin.v1.ClientApp;
import dev.accountadmin.v1.SignInRequest;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The real server in a JVM of its own, on SQLite in {@code dataDir} with a demo directory, for
 * tests that kill it (SIGKILL) and start it again over the same data.
 */
final class ServerProcess implements AutoCloseable {
  private static final Pattern READY = Pattern.compile("ready on 127\\.0\\.0\\.1:(\\d+)");

  private final Process process;
  private final ManagedChannel channel;
  /** Signed in as the bootstrap admin. */
  final AccountAdminGrpc.AccountAdminBlockingStub admin;

  private ServerProcess(Process process, ManagedChannel channel, AccountAdminGrpc.AccountAdminBlockingStub admin) {
    this.process = process;
    this.channel = channel;
    this.admin = admin;
  }

  static ServerProcess start(Path dataDir, int demoUsers) throws Exception {
    var builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), AccountAdminServer.class.getName(),
        "--port", "0", "--data-dir", dataDir.toString(), "--demo", "--demo-users", Integer.toString(demoUsers));
    builder.environment().put("ACCOUNTADMIN_BOOTSTRAP_PASSWORD", TestServer.ADMIN_PASSWORD);
    builder.redirectErrorStream(true);
    var process = builder.start();
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
    var channel = NettyChannelBuilder.forAddress("127.0.0.1", port.get(60, TimeUnit.SECONDS)).usePlaintext().build();
    var token = AuthGrpc.newBlockingStub(channel).signIn(SignInRequest.newBuilder().setUserPrincipalName(TestServer.ADMIN)
        .setPassword(TestServer.ADMIN_PASSWORD).setClientApp(ClientApp.CLIENT_APP_ADMIN_API).build()).getAccessToken();
    var headers = new Metadata();
    headers.put(CallContext.AUTHORIZATION, "Bearer " + token);
    return new ServerProcess(process, channel,
        AccountAdminGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers)));
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed. */
  void kill() {
    process.destroyForcibly();
  }

  void awaitExit() throws InterruptedException {
    process.waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
  }
}
