package dev.accountadmin.server.store;

import dev.accountadmin.domain.UnitOfWork;
import dev.accountadmin.domain.UnitOfWork.SignInFailures.Counted;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/** Failed sign-ins per client address, and the addresses someone signed in from successfully. */
final class SignInFailureStore implements UnitOfWork.SignInFailures {
  private final Connection c;

  SignInFailureStore(Connection c) {
    this.c = c;
  }

  @Override
  public void insert(String address, boolean familiar, Instant time) {
    Sql.run(() -> {
      try (var statement = c.prepareStatement("INSERT INTO sign_in_failures (address, familiar, time) VALUES (?, ?, ?)")) {
        statement.setString(1, address);
        statement.setBoolean(2, familiar);
        statement.setLong(3, time.toEpochMilli());
        statement.executeUpdate();
      }
    });
  }

  /** Deletes failures at or before {@code before}: no window looks back that far. */
  @Override
  public void prune(Instant before) {
    Sql.run(() -> {
      try (var statement = c.prepareStatement("DELETE FROM sign_in_failures WHERE time <= ?")) {
        statement.setLong(1, before.toEpochMilli());
        statement.executeUpdate();
      }
    });
  }

  /** Failures from {@code address} after {@code from}. */
  @Override
  public Counted fromAddress(String address, Instant from) {
    return Sql.call(() -> {
      try (var statement = c.prepareStatement(
          "SELECT COUNT(*), MIN(time) FROM sign_in_failures WHERE address = ? AND time > ?")) {
        statement.setString(1, address);
        statement.setLong(2, from.toEpochMilli());
        return counted(statement);
      }
    });
  }

  /** Failures from every unfamiliar address together after {@code from}. */
  @Override
  public Counted unfamiliar(Instant from) {
    return Sql.call(() -> {
      try (var statement = c.prepareStatement(
          "SELECT COUNT(*), MIN(time) FROM sign_in_failures WHERE familiar = ? AND time > ?")) {
        statement.setBoolean(1, false);
        statement.setLong(2, from.toEpochMilli());
        return counted(statement);
      }
    });
  }

  @Override
  public boolean familiar(String address) {
    return Sql.call(() -> {
      try (var statement = c.prepareStatement("SELECT 1 FROM familiar_addresses WHERE address = ?")) {
        statement.setString(1, address);
        try (var rows = statement.executeQuery()) {
          return rows.next();
        }
      }
    });
  }

  /** Records a successful sign-in from {@code address} (both engines know ON CONFLICT). */
  @Override
  public void markFamiliar(String address, Instant time) {
    Sql.run(() -> {
      try (var statement = c.prepareStatement("INSERT INTO familiar_addresses (address, last_success_at) VALUES (?, ?)"
          + " ON CONFLICT (address) DO UPDATE SET last_success_at = excluded.last_success_at")) {
        statement.setString(1, address);
        statement.setLong(2, time.toEpochMilli());
        statement.executeUpdate();
      }
    });
  }

  private static Counted counted(java.sql.PreparedStatement statement) throws SQLException {
    try (var rows = statement.executeQuery()) {
      rows.next();
      long oldest = rows.getLong(2);
      return new Counted(rows.getInt(1), rows.wasNull() ? null : Instant.ofEpochMilli(oldest));
    }
  }
}
