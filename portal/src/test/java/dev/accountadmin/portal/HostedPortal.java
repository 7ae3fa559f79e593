package dev.accountadmin.portal;

import dev.accountadmin.client.AccountAdminClient;
import dev.accountadmin.server.AccountAdminServer;
import dev.accountadmin.server.auth.PasswordHasher;
import dev.accountadmin.server.store.Dialect;
import dev.accountadmin.v1.ClientApp;
import dev.accountadmin.v1.SignInRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * A real AccountAdmin server with a demo directory on SQLite (or PostgreSQL), hosting the real portal on a free
 * loopback port through its in-process channel, as {@code bin/accountadmin-server --demo} does;
 * and an API client signed in as the global admin, for checking what the pages did.
 */
final class HostedPortal implements AutoCloseable {
  static final String ADMIN = "admin@contoso.com";
  static final String ADMIN_PASSWORD = "Portal-Test-Admin-Pass-1";
  private static final Pattern PORTAL_LINE = Pattern.compile("AccountAdmin portal ready on (\\S+)");

  final AccountAdminServer server;
  final String url;
  final String output;
  final AccountAdminClient api;

  HostedPortal(Path dataDir, int demoUsers) throws Exception {
    this(dataDir, demoUsers, Dialect.SQLITE, null, config -> config);
  }

  /** As above, with {@code configure} completing the server's configuration (an SMTP relay). */
  HostedPortal(Path dataDir, int demoUsers, java.util.function.UnaryOperator<AccountAdminServer.Config> configure)
      throws Exception {
    this(dataDir, demoUsers, Dialect.SQLITE, null, configure);
  }

  /**
   * On {@code engine} (a new database on the embedded PostgreSQL for {@link Dialect#POSTGRESQL}),
   * with the server on {@code clock} when one is given (authenticator codes a test computes).
   */
  HostedPortal(Path dataDir, int demoUsers, Dialect engine, java.time.Clock clock) throws Exception {
    this(dataDir, demoUsers, engine, clock, config -> config);
  }

  private HostedPortal(Path dataDir, int demoUsers, Dialect engine, java.time.Clock clock,
      java.util.function.UnaryOperator<AccountAdminServer.Config> configure) throws Exception {
    var out = new ByteArrayOutputStream();
    var config = AccountAdminServer.Config.forDataDir(dataDir);
    if (engine == Dialect.POSTGRESQL) {
      config.databaseUrl(EmbeddedPostgresql.createDatabase(), null, null);
    }
    if (clock != null) {
      config.clock(clock);
    }
    config
        .bootstrapPassword(ADMIN_PASSWORD)
        // Real Argon2id at a low cost: these tests are about pages, not the hash.
        .passwordHasher(new PasswordHasher(1024, 1, 1))
        .demo(true)
        .demoUsers(demoUsers)
        .portalOnAnyPort()
        .out(new PrintStream(out, true, StandardCharsets.UTF_8));
    server = AccountAdminServer.start(configure.apply(config));
    output = out.toString(StandardCharsets.UTF_8);
    var matcher = PORTAL_LINE.matcher(output);
    if (!matcher.find()) {
      server.close();
      throw new IllegalStateException("the server printed no portal line: " + output);
    }
    url = matcher.group(1);
    var client = AccountAdminClient.connect("127.0.0.1:" + server.port(), null);
    var token = client.auth(s -> s.signIn(SignInRequest.newBuilder().setUserPrincipalName(ADMIN)
        .setPassword(ADMIN_PASSWORD).setClientApp(ClientApp.CLIENT_APP_ADMIN_API).build())).getAccessToken();
    api = client.withToken(token);
    this.client = client;
  }

  private final AccountAdminClient client;

  /** Creates a user with these roles and {@code password}, as a new user who changed the temporary one. */
  void createUser(String upn, String password, dev.accountadmin.v1.AdminRole... roles) {
    var created = api.call(s -> s.createUser(dev.accountadmin.v1.CreateUserRequest.newBuilder()
        .setUser(dev.accountadmin.v1.User.newBuilder().setUserPrincipalName(upn).addAllAdminRoles(java.util.List.of(roles)))
        .build()));
    client.auth(s -> s.changePassword(dev.accountadmin.v1.ChangePasswordRequest.newBuilder().setUserPrincipalName(upn)
        .setCurrentPassword(created.getTemporaryPassword()).setNewPassword(password).build()));
  }

  /** The API as {@code upn}, signed in through {@code app} with {@code password} and no code. */
  AccountAdminClient signedIn(String upn, String password, ClientApp app) {
    var token = client.auth(s -> s.signIn(SignInRequest.newBuilder().setUserPrincipalName(upn)
        .setPassword(password).setClientApp(app).build())).getAccessToken();
    return client.withToken(token);
  }

  /** The API with no token: sign-ins. */
  AccountAdminClient anonymous() {
    return client;
  }

  @Override
  public void close() {
    client.close();
    server.close();
  }
}
