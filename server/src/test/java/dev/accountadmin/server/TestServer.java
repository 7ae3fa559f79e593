package dev.accountadmin.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import com.google.rpc.LocalizedMessage;
import dev.accountadmin.server.store.Dialect;
import dev.accountadmin.v1.AccountAdminGrpc;
import dev.accountadmin.v1.AdminRole;
import dev.accountadmin.v1.AuthGrpc;
import dev.accountadmin.v1.ChangePasswordRequest;
import dev.accountadmin.v1.ClientApp;
import dev.accountadmin.v1.CreateUserRequest;
import dev.accountadmin.v1.SignInRequest;
import dev.accountadmin.v1.User;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.MetadataUtils;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real AccountAdmin server on loopback with a real database — a SQLite file in a temp dir, or a
 * fresh database on the build's embedded PostgreSQL — a movable clock, and stubs signed in as any
 * user. Shared by the server's gRPC tests, which run once per {@link Dialect}.
 */
public final class TestServer implements AutoCloseable {
  public static final String ADMIN = "admin@contoso.com";
  public static final String ADMIN_PASSWORD = "Bootstrap-Admin-Pass-1";
  public static final String USER_PASSWORD = "Correct-Horse-Battery-9";

  public final TestClock clock;
  public final Path dataDir;
  /** The JDBC URL of the server's database, for tests that look at or tamper with it directly. */
  public final String databaseUrl;
  public final ByteArrayOutputStream output = new ByteArrayOutputStream();
  private final AccountAdminServer server;
  private final ManagedChannel channel;
  private final List<ManagedChannel> extra = new ArrayList<>();

  public TestServer(Path dataDir) throws Exception {
    this(Dialect.SQLITE, dataDir);
  }

  public TestServer(Path dataDir, boolean demo) throws Exception {
    this(Dialect.SQLITE, dataDir, demo);
  }

  public TestServer(Dialect engine, Path dataDir) throws Exception {
    this(engine, dataDir, false);
  }

  public TestServer(Dialect engine, Path dataDir, boolean demo) throws Exception {
    this(engine, dataDir, demo, dev.accountadmin.server.mail.OutboundPolicy.DEFAULT);
  }

  public TestServer(Dialect engine, Path dataDir, boolean demo,
      dev.accountadmin.server.mail.OutboundPolicy outbound) throws Exception {
    this(newDatabase(engine, dataDir), dataDir, demo, outbound, new TestClock(START));
  }

  /** A server on an existing database: a second replica, sharing the first one's clock. */
  public static TestServer replicaOf(TestServer first, Path dataDir,
      dev.accountadmin.server.mail.OutboundPolicy outbound) throws Exception {
    return new TestServer(first.databaseUrl, dataDir, false, outbound, first.clock);
  }

  /** A server on {@code databaseUrl}, which may be new or already used by another server. */
  public TestServer(String databaseUrl, Path dataDir, boolean demo,
      dev.accountadmin.server.mail.OutboundPolicy outbound, TestClock clock) throws Exception {
    this(databaseUrl, dataDir, demo, outbound, clock, dev.accountadmin.server.auth.SignInThrottle.Policy.DEFAULT);
  }

  /** A server with its own sign-in throttle limits. */
  public TestServer(Dialect engine, Path dataDir, dev.accountadmin.server.auth.SignInThrottle.Policy throttle)
      throws Exception {
    this(newDatabase(engine, dataDir), dataDir, false, dev.accountadmin.server.mail.OutboundPolicy.DEFAULT,
        new TestClock(START), throttle);
  }

  private TestServer(String databaseUrl, Path dataDir, boolean demo,
      dev.accountadmin.server.mail.OutboundPolicy outbound, TestClock clock,
      dev.accountadmin.server.auth.SignInThrottle.Policy throttle) throws Exception {
    this(databaseUrl, dataDir, demo, outbound, clock, throttle, java.util.function.UnaryOperator.identity());
  }

  /** A server whose configuration {@code configure} completes (external directories). */
  public TestServer(Dialect engine, Path dataDir, TestClock clock,
      java.util.function.UnaryOperator<AccountAdminServer.Config> configure) throws Exception {
    this(newDatabase(engine, dataDir), dataDir, false, dev.accountadmin.server.mail.OutboundPolicy.DEFAULT, clock,
        dev.accountadmin.server.auth.SignInThrottle.Policy.DEFAULT, configure);
  }

  private TestServer(String databaseUrl, Path dataDir, boolean demo,
      dev.accountadmin.server.mail.OutboundPolicy outbound, TestClock clock,
      dev.accountadmin.server.auth.SignInThrottle.Policy throttle,
      java.util.function.UnaryOperator<AccountAdminServer.Config> configure) throws Exception {
    LogCapture.install();
    LogCapture.secret(ADMIN_PASSWORD);
    LogCapture.secret(USER_PASSWORD);
    this.dataDir = dataDir;
    this.databaseUrl = databaseUrl;
    this.clock = clock;
    var config = AccountAdminServer.Config.forDataDir(dataDir)
        .databaseUrl(databaseUrl, null, null)
        .bootstrapPassword(ADMIN_PASSWORD)
        .passwordHasher(CHEAP_HASHER)
        .demo(demo)
        .clock(clock)
        .outboundPolicy(outbound)
        .throttlePolicy(throttle)
        // No timer: a test moves the clock, then runs the due offboardings itself (runDueSchedules).
        .schedulerInterval(java.time.Duration.ZERO)
        .out(new PrintStream(output, true, StandardCharsets.UTF_8));
    server = AccountAdminServer.start(configure.apply(config));
    channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
  }

  static final Instant START = Instant.parse("2026-11-23T09:00:00Z");

  /**
   * Real Argon2id, at a cost far below OWASP's: these tests are about what the server does with a
   * password, not about the hash's cost, which was four fifths of their CPU time at production
   * parameters. PasswordHasherTest and StartupTest run the production ones.
   */
  static final dev.accountadmin.server.auth.PasswordHasher CHEAP_HASHER = new dev.accountadmin.server.auth.PasswordHasher(1024, 1, 1);

  /** A database nobody has used: SQLite in {@code dataDir}, or a new one on the embedded PostgreSQL. */
  public static String newDatabase(Dialect engine, Path dataDir) throws java.io.IOException {
    return switch (engine) {
      case SQLITE -> {
        java.nio.file.Files.createDirectories(dataDir);
        yield "jdbc:sqlite:" + dataDir.resolve("accountadmin.db").toAbsolutePath();
      }
      case POSTGRESQL -> EmbeddedPostgresql.createDatabase();
    };
  }

  public int port() {
    return server.port();
  }

  /** Runs the scheduled offboardings due by the test clock now, as the scheduler's tick does. */
  public int runDueSchedules() {
    return server.runDueSchedules();
  }

  public ManagedChannel channel() {
    return channel;
  }

  /** An Auth stub; every password sent and token received through it is remembered as a secret. */
  public AuthGrpc.AuthBlockingStub auth() {
    return AuthGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS).withInterceptors(SECRETS);
  }

  /**
   * An Auth stub whose connection comes from another loopback address ({@code 127.0.0.2}, …), so
   * that the server sees a different client address.
   */
  public AuthGrpc.AuthBlockingStub authFrom(String localAddress) {
    var from = new java.net.InetSocketAddress(localAddress, 0);
    var other = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext()
        .localSocketPicker(new NettyChannelBuilder.LocalSocketPicker() {
          @Override
          public java.net.SocketAddress createSocketAddress(java.net.SocketAddress remote, io.grpc.Attributes attributes) {
            return from;
          }
        }).build();
    synchronized (extra) {
      extra.add(other);
    }
    return AuthGrpc.newBlockingStub(other).withDeadlineAfter(30, TimeUnit.SECONDS).withInterceptors(SECRETS);
  }

  // Remembers the secrets of every Auth call, so the log scan knows what must never be logged.
  private static final io.grpc.ClientInterceptor SECRETS = new io.grpc.ClientInterceptor() {
    @Override
    public <Q, R> io.grpc.ClientCall<Q, R> interceptCall(io.grpc.MethodDescriptor<Q, R> method,
        io.grpc.CallOptions options, io.grpc.Channel next) {
      return new io.grpc.ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
        @Override
        public void sendMessage(Q message) {
          remember(message);
          super.sendMessage(message);
        }

        @Override
        public void start(Listener<R> listener, Metadata headers) {
          super.start(new io.grpc.ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
            @Override
            public void onMessage(R message) {
              remember(message);
              super.onMessage(message);
            }
          }, headers);
        }
      };
    }
  };

  private static void remember(Object message) {
    if (message instanceof dev.accountadmin.v1.SignInRequest r) {
      LogCapture.secret(r.getPassword());
    } else if (message instanceof dev.accountadmin.v1.SignInResponse r) {
      LogCapture.secret(r.getAccessToken());
      LogCapture.secret(r.getRefreshToken());
    } else if (message instanceof dev.accountadmin.v1.RefreshTokenResponse r) {
      LogCapture.secret(r.getAccessToken());
      LogCapture.secret(r.getRefreshToken());
    } else if (message instanceof dev.accountadmin.v1.BeginTotpRegistrationResponse r) {
      LogCapture.secret(r.getSecret());
    } else if (message instanceof dev.accountadmin.v1.CreateAppPasswordResponse r) {
      LogCapture.secret(r.getAppPassword());
    } else if (message instanceof dev.accountadmin.v1.ChangePasswordRequest r) {
      LogCapture.secret(r.getCurrentPassword());
      LogCapture.secret(r.getNewPassword());
    }
  }

  /** A stub with no token at all. */
  public AccountAdminGrpc.AccountAdminBlockingStub anonymous() {
    return AccountAdminGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  /** A stub carrying {@code token} and, if given, an accept-language. */
  public AccountAdminGrpc.AccountAdminBlockingStub withToken(String token, String language) {
    var headers = new Metadata();
    headers.put(CallContext.AUTHORIZATION, "Bearer " + token);
    if (language != null) {
      headers.put(CallContext.ACCEPT_LANGUAGE, language);
    }
    return anonymous().withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  public String signIn(String upn, String password) {
    return auth().signIn(SignInRequest.newBuilder().setUserPrincipalName(upn).setPassword(password)
        .setClientApp(ClientApp.CLIENT_APP_ADMIN_API).build()).getAccessToken();
  }

  /** The bootstrap global admin, signed in. */
  public AccountAdminGrpc.AccountAdminBlockingStub admin() {
    return withToken(signIn(ADMIN, ADMIN_PASSWORD), null);
  }

  /** Creates a user with these roles and gives it {@link #USER_PASSWORD}. */
  public User createUser(String upn, AdminRole... roles) {
    var created = admin().createUser(CreateUserRequest.newBuilder()
        .setUser(User.newBuilder().setUserPrincipalName(upn).addAllAdminRoles(List.of(roles))).build());
    LogCapture.secret(created.getTemporaryPassword());
    auth().changePassword(ChangePasswordRequest.newBuilder().setUserPrincipalName(upn)
        .setCurrentPassword(created.getTemporaryPassword()).setNewPassword(USER_PASSWORD).build());
    // A password changed at this instant would make tokens issued at the same instant look older.
    clock.advance(java.time.Duration.ofSeconds(1));
    return created.getUser();
  }

  /** Creates a user with these roles and returns a stub signed in as it. */
  public AccountAdminGrpc.AccountAdminBlockingStub as(String upn, AdminRole... roles) {
    createUser(upn, roles);
    return withToken(signIn(upn, USER_PASSWORD), null);
  }

  /** A connection to the server's database, past the server. */
  public java.sql.Connection connect() throws SQLException {
    return DriverManager.getConnection(databaseUrl);
  }

  /** Runs SQL against the server's database, past the server (to inspect or tamper with it). */
  public int execute(String sql) throws SQLException {
    try (var c = DriverManager.getConnection(databaseUrl);
        var statement = c.createStatement()) {
      return statement.executeUpdate(sql);
    }
  }

  public long queryLong(String sql) throws SQLException {
    try (var c = DriverManager.getConnection(databaseUrl);
        var statement = c.createStatement(); var rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  @Override
  public void close() {
    try {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (var c : extra) {
      c.shutdownNow();
    }
    closeServerOnly();
  }

  /** Stops the server as SIGTERM does (calls in flight finish), leaving the client channel open. */
  public synchronized void closeServerOnly() {
    if (!serverClosed) {
      serverClosed = true;
      server.close();
    }
  }

  private boolean serverClosed;

  /** The error of a call that must fail: its status, ErrorInfo and the rest of its details. */
  public record Failure(StatusRuntimeException exception, com.google.rpc.Status status) {
    public io.grpc.Status.Code code() {
      return exception.getStatus().getCode();
    }

    public ErrorInfo errorInfo() {
      return unpack(ErrorInfo.class);
    }

    public BadRequest badRequest() {
      return unpack(BadRequest.class);
    }

    public LocalizedMessage localizedMessage() {
      return unpack(LocalizedMessage.class);
    }

    public <T extends com.google.protobuf.Message> T unpack(Class<T> type) {
      try {
        for (var any : status.getDetailsList()) {
          if (any.is(type)) {
            return any.unpack(type);
          }
        }
      } catch (InvalidProtocolBufferException e) {
        throw new AssertionError(e);
      }
      throw new AssertionError("no " + type.getSimpleName() + " in " + status);
    }
  }

  /** Runs a call that must fail and returns how. */
  public static Failure failure(Runnable call) {
    var e = catchThrowableOfType(StatusRuntimeException.class, call::run);
    assertThat(e).as("the call must fail").isNotNull();
    var status = StatusProto.fromThrowable(e);
    assertThat(status).as("google.rpc.Status details on " + e.getStatus()).isNotNull();
    return new Failure(e, status);
  }
}
