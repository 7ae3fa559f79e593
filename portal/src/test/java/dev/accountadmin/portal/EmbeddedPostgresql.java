package dev.accountadmin.portal;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One real PostgreSQL per test JVM, from zonky's embedded binaries (nothing to install, no
 * Docker), started by the first portal test that runs on it, with a fresh database for each server.
 * The server's tests have their own; test classes are not shared between modules.
 */
final class EmbeddedPostgresql {
  // Held, so JUL keeps the level: zonky logs its start-up and PostgreSQL's output at INFO.
  private static final Logger ZONKY_LOG = Logger.getLogger("io.zonky");

  private EmbeddedPostgresql() {}

  private static final class Holder {
    static final EmbeddedPostgres INSTANCE = start();
  }

  /** A new, empty database; its JDBC URL carries the superuser's name. */
  static String createDatabase() {
    var postgres = Holder.INSTANCE;
    var name = "p_" + UUID.randomUUID().toString().replace("-", "");
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
          // Thrown away with the JVM: syncing to disk buys nothing.
          .setServerConfig("fsync", "off")
          .setServerConfig("full_page_writes", "off")
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
    }
  }
}
