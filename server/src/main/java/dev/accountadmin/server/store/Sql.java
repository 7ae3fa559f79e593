package dev.accountadmin.server.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;

/**
 * JDBC's checked failures turned into {@link StoreException} at the port's edge (the domain sees
 * no {@code java.sql}), and the column conversions every store shares.
 */
final class Sql {
  private Sql() {}

  @FunctionalInterface
  interface Call<T> {
    T run() throws SQLException;
  }

  @FunctionalInterface
  interface Statement {
    void run() throws SQLException;
  }

  static <T> T call(Call<T> call) {
    try {
      return call.run();
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  static void run(Statement statement) {
    try {
      statement.run();
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
    for (int i = 0; i < parameters.size(); i++) {
      statement.setObject(i + 1, parameters.get(i));
    }
  }

  static void setInstant(PreparedStatement s, int index, Instant value) throws SQLException {
    if (value == null) {
      s.setNull(index, Types.BIGINT);
    } else {
      s.setLong(index, value.toEpochMilli());
    }
  }

  static Instant instant(ResultSet r, String column) throws SQLException {
    long value = r.getLong(column);
    return r.wasNull() ? null : Instant.ofEpochMilli(value);
  }
}
