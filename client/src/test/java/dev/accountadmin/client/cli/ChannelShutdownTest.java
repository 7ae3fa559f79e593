package dev.accountadmin.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accountadmin.client.AccountAdminClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every acctadmin run shuts its gRPC channel down: gRPC reports a channel collected while still open. */
final class ChannelShutdownTest {
  // Held here: java.util.logging keeps loggers only weakly, and the handler must outlive the runs.
  private static final Logger ORPHANS = Logger.getLogger("io.grpc.internal.ManagedChannelOrphanWrapper");

  @TempDir Path dir;
  CliServer cli;
  final List<String> orphaned = new ArrayList<>();
  final Handler handler = new Handler() {
    @Override
    public void publish(LogRecord record) {
      synchronized (orphaned) {
        orphaned.add(String.valueOf(record.getMessage()) + " " + java.util.Arrays.toString(record.getParameters()));
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
    ORPHANS.addHandler(handler);
  }

  @AfterEach
  void stop() {
    ORPHANS.removeHandler(handler);
    cli.close();
  }

  @Test
  void everyRun_shutsItsChannelDown() throws Exception {
    cli.login();
    cli.run("--locale", "fr", "users", "list");
    cli.run("--locale", "en", "users", "show", "ghost@contoso.com");
    cli.run("--output", "json", "whoami");
    cli.run("logout");
    cli.run("users", "list");

    // gRPC finds an orphan when the collector has cleared it and the next channel is built.
    for (int i = 0; i < 5; i++) {
      System.gc();
      AccountAdminClient.connect("127.0.0.1:1", null).close();
    }

    String target = "127.0.0.1:" + cli.server.port();
    synchronized (orphaned) {
      assertThat(orphaned).noneMatch(message -> message.contains(target));
    }
  }
}
