package dev.accountadmin.server.store;

import com.zaxxer.hikari.HikariConfig;
import dev.accountadmin.domain.DirectoryPort;
import dev.accountadmin.domain.StepKind;
import dev.accountadmin.domain.UnitOfWork;
import java.time.Clock;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The built-in directory: the one database a server uses, SQLite embedded (the default) or
 * PostgreSQL. Opens a pool, migrates the schema, and runs the domain's units of work in
 * transactions. This package owns every SQL statement of the server.
 *
 * <p>SQLite runs in WAL mode with {@code synchronous=FULL} (a commit survives a power cut). Its
 * writes go through {@link GroupCommit}: concurrent units of work share one transaction and one
 * fsync. Transactions begin IMMEDIATE, so another process's writer is waited for rather than
 * failing to upgrade a read lock half-way.
 */
public final class Database implements DirectoryPort, AutoCloseable {

  /** Work that runs inside one transaction. */
  @FunctionalInterface
  private interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final HikariDataSource pool;
  private final Dialect dialect;
  private final Clock clock;
  // The transaction this thread is in, if any: work started inside it joins it (see inTransaction).
  private final ThreadLocal<Connection> current = new ThreadLocal<>();

  // SQLite's one writer (null on PostgreSQL, where transactions write concurrently).
  private final GroupCommit writer;

  private Database(HikariDataSource pool, Dialect dialect, Clock clock, Connection writerConnection) {
    this.pool = pool;
    this.dialect = dialect;
    this.clock = clock;
    this.writer = writerConnection == null ? null
        : new GroupCommit(new StatementCache(writerConnection).around(writerConnection), current);
  }

  // The kept statements of SQLite's reader connections, by the driver's connection (see
  // StatementCache); a cache whose connection the pool has retired goes when the next one comes.
  private final java.util.concurrent.ConcurrentHashMap<Connection, StatementCache> readerStatements =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** A pooled connection whose statements are kept, on SQLite; PostgreSQL's driver keeps its own. */
  private Connection withKeptStatements(Connection pooled) throws SQLException {
    if (writer == null) {
      return pooled;
    }
    var physical = pooled.unwrap(org.sqlite.SQLiteConnection.class);
    var cache = readerStatements.get(physical);
    if (cache == null) {
      readerStatements.values().removeIf(StatementCache::connectionClosed);
      cache = new StatementCache(physical);
      readerStatements.put(physical, cache);
    }
    return cache.around(pooled);
  }

  /**
   * Opens the database at {@code url} and brings its schema up to date; {@code clock} times the
   * audit records.
   */
  public static Database open(String url, String user, String password, Clock clock) {
    var dialect = Dialect.of(url);
    var config = new HikariConfig();
    config.setPoolName("accountadmin");
    SQLiteDataSource sqliteSource = null;
    if (dialect == Dialect.SQLITE) {
      var sqlite = new SQLiteConfig();
      sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
      sqlite.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
      sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
      sqlite.setBusyTimeout(30_000);
      sqlite.enforceForeignKeys(true);
      var dataSource = new SQLiteDataSource(sqlite);
      dataSource.setUrl(url);
      config.setDataSource(dataSource);
      sqliteSource = dataSource;
      // Writes go through the one writer (GroupCommit); a few connections serve readers.
      config.setMaximumPoolSize(4);
    } else {
      config.setJdbcUrl(url);
      if (user != null) {
        config.setUsername(user);
      }
      if (password != null) {
        config.setPassword(password);
      }
      config.setMaximumPoolSize(10);
      config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    }
    config.setAutoCommit(true);
    var pool = new HikariDataSource(config);
    try {
      migrate(pool);
      return new Database(pool, dialect, clock, sqliteSource == null ? null : sqliteSource.getConnection());
    } catch (SQLException e) {
      pool.close();
      throw new StoreException(e);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  /**
   * The newest migration under db/migration (SchemaVersionTest holds it to the files). A database
   * already at it, with every migration a success, needs no Flyway: loading and running Flyway
   * only to learn that was a third of a start on an existing data directory.
   */
  static final int SCHEMA_VERSION = 17;

  private static void migrate(HikariDataSource pool) {
    if (current(pool)) {
      return;
    }
    Flyway.configure(Database.class.getClassLoader())
        .dataSource(pool)
        .locations("classpath:db/migration")
        .loggers("slf4j")
        .configuration(new Properties())
        .load()
        .migrate();
  }

  // True when Flyway's history says every migration up to SCHEMA_VERSION succeeded and none is
  // newer; anything else (a new database, a failed or a newer migration) is Flyway's to handle.
  static boolean current(javax.sql.DataSource pool) {
    try (var c = pool.getConnection(); var s = c.createStatement()) {
      try (var r = s.executeQuery("SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL")) {
        var applied = new java.util.HashSet<Integer>();
        while (r.next()) {
          if (!r.getBoolean("success")) {
            return false;
          }
          applied.add(Integer.parseInt(r.getString("version")));
        }
        // Versions are handed out to work in parallel, so a build may skip some: Flyway applies in
        // order and never out of it, so the newest applied one and the first say it all.
        return applied.contains(1) && applied.stream().mapToInt(Integer::intValue).max().orElse(0) == SCHEMA_VERSION;
      }
    } catch (SQLException | NumberFormatException e) {
      // No history table yet, or one this server cannot read: Flyway decides.
      return false;
    }
  }

  public Dialect dialect() {
    return dialect;
  }

  @Override
  public <T> T write(DirectoryPort.Work<T> work) {
    return inTransaction(c -> work.run(unit(c)));
  }

  @Override
  public <T> T read(DirectoryPort.Work<T> work) {
    return readOn(c -> work.run(unit(c)));
  }

  // Every step the domain has is one this directory can do: it keeps all of a user's state.
  @Override
  public boolean supports(StepKind kind) {
    return true;
  }

  @Override
  public int batchChunkSize() {
    return dialect.batchChunkSize();
  }

  private UnitOfWork unit(Connection c) {
    return new JdbcUnitOfWork(c, dialect, clock);
  }

  /**
   * Runs {@code work} in a transaction: committed when it returns, rolled back when it throws.
   * Called inside another transaction on the same thread, it runs in a savepoint of that one:
   * its changes are undone if it throws, and committed with the outer transaction otherwise. A
   * batch uses this to offboard many users in one commit while each stays all-or-nothing.
   */
  private <T> T inTransaction(Work<T> work) {
    var outer = current.get();
    if (outer != null) {
      return inSavepoint(outer, work);
    }
    if (writer != null) {
      return writer.run(work::run);
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
  private <T> T readOn(Work<T> work) {
    var outer = current.get();
    try {
      if (outer != null) {
        return work.run(outer);
      }
      try (var connection = pool.getConnection()) {
        return work.run(withKeptStatements(connection));
      }
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  /** SQLite's writer; for tests that line a group up. */
  GroupCommit writer() {
    return writer;
  }

  @Override
  public void close() {
    if (writer != null) {
      writer.close();
    }
    pool.close();
  }
}
