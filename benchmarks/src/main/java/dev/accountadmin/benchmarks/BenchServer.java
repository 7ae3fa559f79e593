package dev.accountadmin.benchmarks;

import dev.accountadmin.server.AccountAdminServer;
import dev.accountadmin.v1.AccountAdminGrpc;
import dev.accountadmin.v1.AuthGrpc;
import dev.accountadmin.v1.ClientApp;
import dev.accountadmin.v1.ListUsersRequest;
import dev.accountadmin.v1.SignInRequest;
import dev.accountadmin.v1.User;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/** A real server on a fresh SQLite file with a demo directory, and an admin signed in to it. */
final class BenchServer implements AutoCloseable {
  static final String PASSWORD = "Bench-Admin-Passw0rd";

  final AccountAdminServer server;
  final ManagedChannel channel;
  final AccountAdminGrpc.AccountAdminBlockingStub admin;

  BenchServer(int demoUsers) throws Exception {
    var dir = Files.createTempDirectory("accountadmin-bench");
    server = AccountAdminServer.start(AccountAdminServer.Config.forDataDir(dir).bootstrapPassword(PASSWORD)
        .demo(true).demoUsers(demoUsers).out(new PrintStream(OutputStream.nullOutputStream())));
    channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
    var token = AuthGrpc.newBlockingStub(channel).signIn(SignInRequest.newBuilder().setUserPrincipalName("admin@contoso.com")
        .setPassword(PASSWORD).setClientApp(ClientApp.CLIENT_APP_ADMIN_API).build()).getAccessToken();
    var headers = new Metadata();
    headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    admin = AccountAdminGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  /** Resource names of the demo staff (users without an admin role). */
  List<String> staff() {
    var names = new ArrayList<String>();
    String token = "";
    do {
      var page = admin.listUsers(ListUsersRequest.newBuilder().setPageSize(1000).setPageToken(token).build());
      page.getUsersList().stream().filter(u -> u.getAdminRolesCount() == 0).map(User::getName).forEach(names::add);
      token = page.getNextPageToken();
    } while (!token.isEmpty());
    return names;
  }

  @Override
  public void close() {
    channel.shutdownNow();
    server.close();
  }
}
