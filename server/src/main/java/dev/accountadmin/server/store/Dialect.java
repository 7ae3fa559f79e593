package dev.accountadmin.server.store;

import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * What differs between the engines, in one place, chosen once from the database URL at start. A
 * new engine is a new constant, and does not compile until it says how it locks a row, how it
 * reports a duplicate key and how many users a batch commits at once; an unknown URL fails at
 * start with a message that names the ones there are.
 */
public enum Dialect {
  /** Embedded: one writer at a time, so the database lock already orders every write. */
  SQLITE("jdbc:sqlite:") {
    @Override
    String forUpdate() {
      return "";
    }

    @Override
    boolean isUniqueViolation(SQLException e) {
      return e instanceof SQLiteException sqlite
          && (sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
              || sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY
              || (sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT
                  && String.valueOf(e.getMessage()).contains("UNIQUE")));
    }

    // A commit waits for the disk and a user takes a few hundred microseconds: share the commit.
    @Override
    int batchChunkSize() {
      return 100;
    }
  },

  /** Several replicas share it: row locks order writes to one user. */
  POSTGRESQL("jdbc:postgresql:") {
    @Override
    String forUpdate() {
      return " FOR UPDATE";
    }

    @Override
    boolean isUniqueViolation(SQLException e) {
      return "23505".equals(e.getSQLState());
    }

    // Each user commits alone: a chunk would hold the audit head's lock while it waits for the
    // next user's row, which another replica's call may hold while it waits for the audit head.
    @Override
    int batchChunkSize() {
      return 1;
    }
  };

  private final String urlPrefix;

  Dialect(String urlPrefix) {
    this.urlPrefix = urlPrefix;
  }

  /** The clause that locks the rows a SELECT reads until the transaction ends. */
  abstract String forUpdate();

  /** True when {@code e} says a row broke a unique or primary key. */
  abstract boolean isUniqueViolation(SQLException e);

  abstract int batchChunkSize();

  /** The dialect of a JDBC URL. Insert-or-ignore is {@code ON CONFLICT … DO NOTHING} in both. */
  public static Dialect of(String url) {
    for (var dialect : values()) {
      if (url.startsWith(dialect.urlPrefix)) {
        return dialect;
      }
    }
    throw new IllegalArgumentException("unsupported database URL: it must start with "
        + java.util.Arrays.stream(values()).map(d -> d.urlPrefix).collect(java.util.stream.Collectors.joining(" or ")));
  }
}
