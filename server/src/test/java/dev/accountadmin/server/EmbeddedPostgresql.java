package dev.accountadmin.server;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One real PostgreSQL per test JVM, started on first use from zonky's embedded binaries (nothing
 * to install, no Docker), and a fresh database on it for each test server that asks. As root, zonky
 * runs PostgreSQL in a user namespace of its own ({@code unshare -U}), since PostgreSQL refuses root.
 */
final class EmbeddedPostgresql {
  // Zonky logs its start-up and PostgreSQL's own output at INFO into the server's test log, which
  // the log scan reads for secrets: only its warnings belong there. Held, so JUL keeps the level.
  private static final Logger ZONKY_LOG = Logger.getLogger("io.zonky");

  private EmbeddedPostgresql() {}

  // Started by the first test that needs it; zonky stops it when the JVM exits.
  private static final class Holder {
    static final EmbeddedPostgres INSTANCE = start();
  }

  /** A new, empty database on the shared server; its JDBC URL carries the superuser's name. */
  static String createDatabase() {
    var postgres = Holder.INSTANCE;
    var name = "t_" + UUID.randomUUID().toString().replace("-", "");
    try (var c = postgres.getPostgresDatabase().getConnection(); var statement = c.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create a test database", e);
    }
    return postgres.getJdbcUrl("postgres", name);
  }

  private static EmbeddedPostgres start() {
    ZONKY_LOG.setLevel(Level.WARNING);
    try {
      return EmbeddedPostgres.builder()
          // A test database is thrown away with the JVM: syncing it to disk buys nothing.
          .setServerConfig("fsync", "off")
          .setServerConfig("full_page_writes", "off")
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
    }
  }
}
