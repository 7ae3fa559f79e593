package dev.accountadmin.server.store;

import dev.accountadmin.domain.AuthMethod;
import dev.accountadmin.domain.MethodKind;
import dev.accountadmin.domain.UnitOfWork;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Authentication methods, re-registration requirements and what offboarding removed; plain SQL for both engines. */
final class MethodStore implements UnitOfWork.Methods {
  private static final String COLUMNS = "id, user_id, kind, display_name, created_at, registered_at, last_used_at";

  private final Connection c;

  MethodStore(Connection c) {
    this.c = c;
  }

  @Override
  public List<AuthMethod> list(String userId) {
    return query("SELECT " + COLUMNS + " FROM authentication_methods WHERE user_id = ? ORDER BY created_at, id", userId);
  }

  @Override
  public void insert(AuthMethod m, String secret) {
    update("INSERT INTO authentication_methods (id, user_id, kind, display_name, secret, created_at, registered_at,"
        + " last_used_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", m.id(), m.userId(), m.kind().name(), m.displayName(),
        secret, m.createdAt().toEpochMilli(), millis(m.registeredAt()), millis(m.lastUsedAt()));
  }

  @Override
  public Optional<String> secret(String userId, String methodId) {
    return Sql.call(() -> {
      try (var s = c.prepareStatement("SELECT secret FROM authentication_methods WHERE user_id = ? AND id = ?")) {
        s.setString(1, userId);
        s.setString(2, methodId);
        try (var rows = s.executeQuery()) {
          return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public void confirm(String userId, String methodId, long timeStep, Instant now) {
    update("UPDATE authentication_methods SET registered_at = ?, last_time_step = ? WHERE user_id = ? AND id = ?",
        now.toEpochMilli(), timeStep, userId, methodId);
  }

  @Override
  public boolean spendTimeStep(String methodId, long timeStep, Instant now) {
    // One statement: of two replicas accepting the same code at once, only one row update lands.
    return update("UPDATE authentication_methods SET last_time_step = ?, last_used_at = ? WHERE id = ?"
        + " AND (last_time_step IS NULL OR last_time_step < ?)", timeStep, now.toEpochMilli(), methodId, timeStep) > 0;
  }

  @Override
  public void used(String methodId, Instant now) {
    update("UPDATE authentication_methods SET last_used_at = ? WHERE id = ?", now.toEpochMilli(), methodId);
  }

  @Override
  public boolean remove(String userId, String methodId) {
    return update("DELETE FROM authentication_methods WHERE user_id = ? AND id = ?", userId, methodId) > 0;
  }

  @Override
  public Optional<Instant> reregistrationRequiredSince(String userId) {
    return Sql.call(() -> {
      try (var s = c.prepareStatement("SELECT required_at FROM method_reregistrations WHERE user_id = ?")) {
        s.setString(1, userId);
        try (var rows = s.executeQuery()) {
          return rows.next() ? Optional.of(Instant.ofEpochMilli(rows.getLong(1))) : Optional.empty();
        }
      }
    });
  }

  @Override
  public void requireReregistration(String userId, String by, Instant now) {
    update("INSERT INTO method_reregistrations (user_id, required_at, required_by) VALUES (?, ?, ?)"
        + " ON CONFLICT (user_id) DO NOTHING", userId, now.toEpochMilli(), by);
  }

  @Override
  public boolean liftReregistration(String userId) {
    return update("DELETE FROM method_reregistrations WHERE user_id = ?", userId) > 0;
  }

  @Override
  public void recordRemoved(String userId, List<AuthMethod> removed, Instant now) {
    for (var m : removed) {
      update("INSERT INTO removed_authentication_methods (user_id, method_id, kind, display_name, registered_at,"
          + " removed_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (user_id, method_id) DO NOTHING", userId, m.id(),
          m.kind().name(), m.displayName(), m.registeredAt().toEpochMilli(), now.toEpochMilli());
    }
  }

  @Override
  public List<AuthMethod> removed(String userId) {
    return query("SELECT method_id AS id, user_id, kind, display_name, removed_at AS created_at, registered_at,"
        + " NULL AS last_used_at FROM removed_authentication_methods WHERE user_id = ? ORDER BY registered_at, method_id",
        userId);
  }

  @Override
  public void forgetRemoved(String userId) {
    update("DELETE FROM removed_authentication_methods WHERE user_id = ?", userId);
  }

  private List<AuthMethod> query(String sql, String userId) {
    return Sql.call(() -> {
      try (var s = c.prepareStatement(sql)) {
        s.setString(1, userId);
        try (var rows = s.executeQuery()) {
          var methods = new ArrayList<AuthMethod>();
          while (rows.next()) {
            methods.add(method(rows));
          }
          return methods;
        }
      }
    });
  }

  private int update(String sql, Object... parameters) {
    return Sql.call(() -> {
      try (var statement = c.prepareStatement(sql)) {
        Sql.bind(statement, Arrays.asList(parameters));
        return statement.executeUpdate();
      }
    });
  }

  private static Long millis(Instant instant) {
    return instant == null ? null : instant.toEpochMilli();
  }

  private static AuthMethod method(ResultSet r) throws SQLException {
    return new AuthMethod(r.getString("id"), r.getString("user_id"), MethodKind.valueOf(r.getString("kind")),
        r.getString("display_name"), Sql.instant(r, "created_at"), Sql.instant(r, "registered_at"),
        Sql.instant(r, "last_used_at"));
  }
}
