package dev.accountadmin.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A start on an up-to-date database skips Flyway; what "up to date" means must follow the files. */
final class SchemaVersionTest {
  private static final Pattern MIGRATION = Pattern.compile("V(\\d+)__.*\\.sql");

  @TempDir Path dir;

  @Test
  void schemaVersion_isTheNewestMigration() throws Exception {
    assertThat(Database.SCHEMA_VERSION).isEqualTo(newestMigration());
  }

  @Test
  void onlyADatabaseWithEveryMigrationApplied_isCurrent() throws Exception {
    var url = "jdbc:sqlite:" + dir.resolve("a.db");
    var source = new org.sqlite.SQLiteDataSource();
    source.setUrl(url);
    assertThat(Database.current(source)).as("new").isFalse();
    Database.open(url, null, null, Clock.systemUTC()).close();
    assertThat(Database.current(source)).as("migrated").isTrue();
    try (var c = DriverManager.getConnection(url); var s = c.createStatement()) {
      s.executeUpdate("UPDATE flyway_schema_history SET success = 0 WHERE version = '" + Database.SCHEMA_VERSION + "'");
    }
    assertThat(Database.current(source)).as("newest failed").isFalse();
    try (var c = DriverManager.getConnection(url); var s = c.createStatement()) {
      s.executeUpdate("DELETE FROM flyway_schema_history WHERE version = '" + Database.SCHEMA_VERSION + "'");
    }
    assertThat(Database.current(source)).as("newest not applied").isFalse();
  }

  private static int newestMigration() throws URISyntaxException, java.io.IOException {
    var folder = Path.of(SchemaVersionTest.class.getResource("/db/migration").toURI());
    try (var files = Files.list(folder)) {
      return files.map(f -> MIGRATION.matcher(f.getFileName().toString()))
          .filter(java.util.regex.Matcher::matches)
          .mapToInt(m -> Integer.parseInt(m.group(1)))
          .max().orElseThrow();
    }
  }
}
