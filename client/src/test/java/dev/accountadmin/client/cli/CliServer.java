package dev.accountadmin.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accountadmin.server.AccountAdminServer;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * A real server with the demo directory on a SQLite file, and acctadmin run against it through
 * picocli with a private config directory: the CLI tests' shared fixture.
 */
final class CliServer implements AutoCloseable {
  static final String PASSWORD = "Bootstrap-Admin-Pass-1";
  static final String DEMO_PASSWORD = "Demo-Passw0rd-2026";

  /** What a run printed and returned. */
  record Run(int code, String out, String err) {}

  final AccountAdminServer server;
  final Map<String, String> env = new HashMap<>();
  // Kept, so that a test can stop the server and still point the CLI at where it was.
  private final int port;

  CliServer(Path dir) throws Exception {
    server = AccountAdminServer.start(AccountAdminServer.Config.forDataDir(dir.resolve("data"))
        .bootstrapPassword(PASSWORD).demo(true)
        // Real Argon2id at a low cost: these tests are about the CLI, not the hash.
        .passwordHasher(new dev.accountadmin.server.auth.PasswordHasher(1024, 1, 1)).out(new PrintStream(OutputStream.nullOutputStream())));
    env.put("XDG_CONFIG_HOME", dir.resolve("config").toString());
    port = server.port();
  }

  /** Runs acctadmin with {@code stdin}; picocli reads ${env:} defaults from the process, so --server is passed. */
  Run runWithInput(String stdin, String... args) {
    return runAt(Clock.systemUTC(), stdin, args);
  }

  /** Runs acctadmin with its own idea of the time (the server keeps the real one). */
  Run runAt(Clock clock, String stdin, String... args) {
    var all = new String[args.length + 2];
    all[0] = "--server";
    all[1] = "127.0.0.1:" + port;
    System.arraycopy(args, 0, all, 2, args.length);
    return runExactly(clock, stdin, all);
  }

  /** Runs acctadmin with exactly {@code args}, no --server added: for a test of a wrong one. */
  Run runExactly(Clock clock, String stdin, String... args) {
    var out = new StringWriter();
    var err = new StringWriter();
    var commandLine = Acctadmin.commandLine(env, clock,
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), new PrintWriter(out, true), new PrintWriter(err, true));
    int code = commandLine.execute(args);
    ((Acctadmin) commandLine.getCommand()).close();
    return new Run(code, out.toString(), err.toString());
  }

  Run run(String... args) {
    return runWithInput("", args);
  }

  /** Signs in as the bootstrap global admin. */
  void login() {
    login("admin@contoso.com", PASSWORD);
  }

  void login(String user, String password) {
    var login = runWithInput(password + "\n", "login", "--user", user, "--password-stdin");
    assertThat(login.code()).as(login.err()).isZero();
  }

  @Override
  public void close() {
    server.close();
  }
}
