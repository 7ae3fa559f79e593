package dev.accountadmin.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The one database a server uses: SQLite embedded (the default) or PostgreSQL. Opens a pool,
 * migrates the schema, and runs work in transactions.
 *
 * <p>SQLite runs in WAL mode with {@code synchronous=FULL} (a commit survives a power cut) and
 * every transaction begins IMMEDIATE, so writers queue on the database lock instead of failing
 * to upgrade a read lock half-way.
 */
public final class Database implements AutoCloseable {

  /** The engine behind a URL; schema and SQL differ only where these differ. */
  public enum Engine { SQLITE, POSTGRESQL }

  /** Work that runs inside one transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final HikariDataSource pool;
  private final Engine engine;
  // The transaction this thread is in, if any: work started inside it joins it (see inTransaction).
  private final ThreadLocal<Connection> current = new ThreadLocal<>();

  private Database(HikariDataSource pool, Engine engine) {
    this.pool = pool;
    this.engine = engine;
  }

  /** Opens the database at {@code url} and brings its schema up to date. */
  public static Database open(String url, String user, String password) {
    var config = new HikariConfig();
    config.setPoolName("accountadmin");
    Engine engine;
    if (url.startsWith("jdbc:sqlite:")) {
      engine = Engine.SQLITE;
      var sqlite = new SQLiteConfig();
      sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
      sqlite.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
      sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
      sqlite.setBusyTimeout(30_000);
      sqlite.enforceForeignKeys(true);
      var dataSource = new SQLiteDataSource(sqlite);
      dataSource.setUrl(url);
      config.setDataSource(dataSource);
      // SQLite has one writer at a time; a few connections serve concurrent readers.
      config.setMaximumPoolSize(4);
    } else if (url.startsWith("jdbc:postgresql:")) {
      engine = Engine.POSTGRESQL;
      config.setJdbcUrl(url);
      if (user != null) {
        config.setUsername(user);
      }
      if (password != null) {
        config.setPassword(password);
      }
      config.setMaximumPoolSize(10);
      config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    } else {
      throw new IllegalArgumentException("unsupported database URL (jdbc:sqlite: or jdbc:postgresql:)");
    }
    config.setAutoCommit(true);
    var pool = new HikariDataSource(config);
    try {
      migrate(pool);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    return new Database(pool, engine);
  }

  private static void migrate(HikariDataSource pool) {
    Flyway.configure(Database.class.getClassLoader())
        .dataSource(pool)
        .locations("classpath:db/migration")
        .loggers("slf4j")
        .configuration(new Properties())
        .load()
        .migrate();
  }

  /** True when {@code e} says a row broke a unique key (SQLite's constraint error, SQLSTATE 23505). */
  public static boolean isUniqueViolation(SQLException e) {
    return "23505".equals(e.getSQLState())
        || (e instanceof org.sqlite.SQLiteException sqlite
            && (sqlite.getResultCode() == org.sqlite.SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
                || (sqlite.getResultCode() == org.sqlite.SQLiteErrorCode.SQLITE_CONSTRAINT
                    && String.valueOf(e.getMessage()).contains("UNIQUE"))));
  }

  public Engine engine() {
    return engine;
  }

  /**
   * Runs {@code work} in a transaction: committed when it returns, rolled back when it throws.
   * Called inside another transaction on the same thread, it runs in a savepoint of that one:
   * its changes are undone if it throws, and committed with the outer transaction otherwise. A
   * batch uses this to offboard many users in one commit while each stays all-or-nothing.
   */
  public <T> T inTransaction(Work<T> work) {
    var outer = current.get();
    if (outer != null) {
      return inSavepoint(outer, work);
    }
    try (var connection = pool.getConnection()) {
      connection.setAutoCommit(false);
      current.set(connection);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        current.remove();
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  private static <T> T inSavepoint(Connection connection, Work<T> work) {
    try {
      var savepoint = connection.setSavepoint();
      try {
        T result = work.run(connection);
        connection.releaseSavepoint(savepoint);
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback(savepoint);
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  /** Runs read-only {@code work}: in this thread's transaction if there is one, else on its own. */
  public <T> T read(Work<T> work) {
    var outer = current.get();
    try {
      if (outer != null) {
        return work.run(outer);
      }
      try (var connection = pool.getConnection()) {
        return work.run(connection);
      }
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  @Override
  public void close() {
    pool.close();
  }
}
