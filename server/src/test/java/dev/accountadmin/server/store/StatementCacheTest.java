package dev.accountadmin.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConnection;

/** Kept statements on a real SQLite file in WAL mode, with a second connection writing beside them. */
final class StatementCacheTest {
  @TempDir Path dir;
  Connection physical;
  Connection other;
  Connection kept;

  @BeforeEach
  void open() throws SQLException {
    var url = "jdbc:sqlite:" + dir.resolve("kept.db");
    physical = DriverManager.getConnection(url);
    other = DriverManager.getConnection(url);
    try (var s = physical.createStatement()) {
      s.execute("PRAGMA journal_mode=WAL");
      s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
      s.execute("INSERT INTO t (id, v) VALUES (1, 'a'), (2, 'b'), (3, 'c')");
    }
    kept = new StatementCache(physical.unwrap(SQLiteConnection.class)).around(physical);
  }

  @AfterEach
  void close() throws SQLException {
    other.close();
    physical.close();
  }

  @Test
  void theSameSql_getsTheSameStatement_resetAndWithoutItsParameters() throws SQLException {
    PreparedStatement first;
    try (var s = kept.prepareStatement("SELECT v FROM t WHERE id = ?")) {
      first = s.unwrap(PreparedStatement.class);
      s.setInt(1, 2);
      try (var r = s.executeQuery()) {
        assertThat(r.next()).isTrue();
        assertThat(r.getString(1)).isEqualTo("b");
      }
    }
    try (var s = kept.prepareStatement("SELECT v FROM t WHERE id = ?")) {
      assertThat(s.unwrap(PreparedStatement.class)).isSameAs(first);
      s.setInt(1, 3);
      try (var r = s.executeQuery()) {
        assertThat(r.next()).isTrue();
        assertThat(r.getString(1)).isEqualTo("c");
      }
    }
  }

  @Test
  void aQueryLeftHalfRead_releasesItsSnapshot_whenClosed() throws SQLException {
    try (var s = kept.prepareStatement("SELECT v FROM t ORDER BY id")) {
      var r = s.executeQuery();
      assertThat(r.next()).isTrue();
      // The statement closed, its result set not, two rows unread: the kept statement must be
      // reset, or this connection keeps reading the database as it was (JDBC closes a
      // statement's result set with it).
    }
    try (var s = other.createStatement()) {
      s.executeUpdate("UPDATE t SET v = 'z' WHERE id = 1");
    }
    // Another statement of the same connection: it would share the kept one's snapshot.
    try (var s = kept.prepareStatement("SELECT v FROM t WHERE id = 1"); var r = s.executeQuery()) {
      assertThat(r.next()).isTrue();
      assertThat(r.getString(1)).isEqualTo("z");
    }
  }

  @Test
  void theSameSqlInsideItsOwnLoop_getsAStatementOfItsOwn() throws SQLException {
    var pairs = new ArrayList<String>();
    try (var outer = kept.prepareStatement("SELECT id, v FROM t WHERE id >= ? ORDER BY id")) {
      outer.setInt(1, 1);
      try (var rows = outer.executeQuery()) {
        while (rows.next()) {
          try (var inner = kept.prepareStatement("SELECT id, v FROM t WHERE id >= ? ORDER BY id")) {
            assertThat(inner.unwrap(PreparedStatement.class)).isNotSameAs(outer.unwrap(PreparedStatement.class));
            inner.setInt(1, 3);
            try (var r = inner.executeQuery()) {
              r.next();
              pairs.add(rows.getString(2) + r.getString(2));
            }
          }
        }
      }
    }
    assertThat(pairs).containsExactly("ac", "bc", "cc");
  }

  @Test
  void aClosedStatement_isClosedToItsBorrower() throws SQLException {
    var s = kept.prepareStatement("SELECT v FROM t WHERE id = ?");
    s.close();
    assertThat(s.isClosed()).isTrue();
    assertThatThrownBy(() -> s.setInt(1, 1)).isInstanceOf(SQLException.class);
  }

  @Test
  void beyondTheBound_theLeastRecentlyUsedStatementIsClosed() throws SQLException {
    PreparedStatement eldest;
    try (var s = kept.prepareStatement("SELECT 0")) {
      eldest = s.unwrap(PreparedStatement.class);
    }
    for (int i = 1; i <= StatementCache.MAX_KEPT; i++) {
      try (var s = kept.prepareStatement("SELECT " + i)) {
        s.executeQuery().close();
      }
    }
    assertThat(eldest.isClosed()).isTrue();
  }
}
