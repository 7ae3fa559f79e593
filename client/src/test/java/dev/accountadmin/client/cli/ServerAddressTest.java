package dev.accountadmin.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A --server with nothing behind it is "server unreachable" (exit 6), said once, in the reader's language. */
final class ServerAddressTest {
  // Held here: java.util.logging keeps loggers only weakly.
  private static final Logger GRPC = Logger.getLogger("io.grpc");

  @TempDir Path dir;
  CliServer cli;
  final List<LogRecord> warnings = new ArrayList<>();
  final Handler handler = new Handler() {
    @Override
    public void publish(LogRecord record) {
      if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
        synchronized (warnings) {
          warnings.add(record);
        }
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  @BeforeEach
  void start() throws Exception {
    cli = new CliServer(dir);
    GRPC.addHandler(handler);
  }

  @AfterEach
  void stop() {
    GRPC.removeHandler(handler);
    cli.close();
  }

  static int freePort() throws Exception {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void wrongPort_whileSignedInElsewhere_exitsUnreachableNotNotSignedIn() throws Exception {
    cli.login();
    var server = "127.0.0.1:" + freePort();

    var run = cli.runExactly(Clock.systemUTC(), "", "--server", server, "--locale", "en", "users", "list");

    assertThat(run.code()).isEqualTo(ExitCode.SERVER_UNREACHABLE);
    assertThat(run.err()).contains("Could not reach the AccountAdmin server at " + server).doesNotContain("acctadmin login");
  }

  @Test
  void unresolvableHost_exitsUnreachableWithoutGrpcWarnings() {
    var run = cli.runExactly(Clock.systemUTC(), "", "--server", "no-such-host.invalid:50051", "--locale", "fr", "users", "list");

    assertThat(run.code()).isEqualTo(ExitCode.SERVER_UNREACHABLE);
    assertThat(run.err()).contains("no-such-host.invalid:50051").doesNotContain("Exception");
    synchronized (warnings) {
      assertThat(warnings).isEmpty();
    }
  }

  @Test
  void unresolvableHost_atLogin_exitsUnreachable() {
    var run = cli.runExactly(Clock.systemUTC(), CliServer.PASSWORD + "\n", "--server", "no-such-host.invalid:50051",
        "login", "--user", "admin@contoso.com", "--password-stdin");

    assertThat(run.code()).isEqualTo(ExitCode.SERVER_UNREACHABLE);
    synchronized (warnings) {
      assertThat(warnings).isEmpty();
    }
  }

  @Test
  void reachableServer_notSignedIn_stillSaysSo() {
    var run = cli.run("--locale", "en", "users", "list");

    assertThat(run.code()).isEqualTo(ExitCode.NOT_AUTHENTICATED);
    assertThat(run.err()).contains("acctadmin login");
  }
}
