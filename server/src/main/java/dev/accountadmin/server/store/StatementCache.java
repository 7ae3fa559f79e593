package dev.accountadmin.server.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The prepared statements of one SQLite connection, kept for the next call with the same SQL.
 * The SQLite driver compiles a statement anew on every {@code prepareStatement} and has no cache
 * of its own: in a profile of concurrent offboardings, compiling was one in fourteen of the busy
 * samples, for the same dozen statements each time. (PostgreSQL's driver keeps its own.)
 *
 * <p>The stores keep using try-with-resources: closing a kept statement closes its result set,
 * which resets the statement (a statement left stepping would hold its read snapshot), clears its
 * parameters and batch, and hands it back. A statement still open when the same SQL is prepared
 * again (a query inside a loop over its own results) gets a statement of its own, closed as usual.
 * Kept statements are bounded (least recently used go), since some SQL is built per call.
 *
 * <p>A connection is used by one thread at a time (the pool's rule, and the writer's), so the
 * cache needs no lock; it lives as long as its connection, which finalizes every statement it has
 * when it closes.
 */
final class StatementCache {
  static final int MAX_KEPT = 128;

  private final Connection physical;
  private final Map<String, Kept> kept = new LinkedHashMap<>(MAX_KEPT * 2, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Kept> eldest) {
      if (size() <= MAX_KEPT) {
        return false;
      }
      eldest.getValue().evicted = true;
      if (!eldest.getValue().inUse) {
        eldest.getValue().closeQuietly();
      }
      return true;
    }
  };

  /** @param physical the driver's own connection (not a pool's proxy), whose statements are kept */
  StatementCache(Connection physical) {
    this.physical = physical;
  }

  boolean connectionClosed() {
    try {
      return physical.isClosed();
    } catch (SQLException e) {
      return true;
    }
  }

  /**
   * {@code delegate} (the physical connection, or a pool's proxy of it) with its one-argument
   * {@code prepareStatement} served from this cache; everything else goes to {@code delegate}.
   */
  Connection around(Connection delegate) {
    InvocationHandler handler = (proxy, method, args) -> {
      if (method.getName().equals("prepareStatement") && args != null && args.length == 1) {
        return prepare((String) args[0], (Connection) proxy);
      }
      return invoke(delegate, method, args);
    };
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
        new Class<?>[] {Connection.class}, handler);
  }

  private PreparedStatement prepare(String sql, Connection owner) throws SQLException {
    var found = kept.get(sql);
    if (found != null && found.inUse) {
      return physical.prepareStatement(sql);
    }
    if (found == null) {
      found = new Kept(sql, physical.prepareStatement(sql));
      kept.put(sql, found);
    }
    found.inUse = true;
    return found.lend(owner);
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** One kept statement and whether a caller has it now. */
  private final class Kept {
    final String sql;
    final PreparedStatement statement;
    boolean inUse;
    boolean evicted;
    ResultSet results;

    Kept(String sql, PreparedStatement statement) {
      this.sql = sql;
      this.statement = statement;
    }

    PreparedStatement lend(Connection owner) {
      // Closed as seen by this borrower until it closes it; the kept statement stays open.
      boolean[] returned = {false};
      InvocationHandler handler = (proxy, method, args) -> {
        switch (method.getName()) {
          case "close" -> {
            if (!returned[0]) {
              returned[0] = true;
              giveBack();
            }
            return null;
          }
          case "isClosed" -> {
            return returned[0] || statement.isClosed();
          }
          case "getConnection" -> {
            return owner;
          }
          default -> {
            if (returned[0]) {
              throw new SQLException("statement is closed");
            }
            var result = invoke(statement, method, args);
            if (result instanceof ResultSet r) {
              results = r;
            }
            return result;
          }
        }
      };
      return (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
          new Class<?>[] {PreparedStatement.class}, handler);
    }

    void giveBack() throws SQLException {
      inUse = false;
      if (evicted) {
        statement.close();
        return;
      }
      try {
        if (results != null) {
          results.close();
          results = null;
        }
        statement.clearBatch();
        statement.clearParameters();
      } catch (SQLException | RuntimeException e) {
        // A statement that cannot be reset is not kept.
        evicted = true;
        kept.remove(sql, this);
        statement.close();
        throw e;
      }
    }

    void closeQuietly() {
      try {
        statement.close();
      } catch (SQLException e) {
        // Going anyway; its connection finalizes it when it closes.
      }
    }
  }
}
