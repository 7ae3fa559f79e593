package dev.accountadmin.server.store;

import dev.accountadmin.domain.MethodKind;
import dev.accountadmin.domain.UnitOfWork;
import dev.accountadmin.domain.UnitOfWork.Recoveries.Recovery;
import dev.accountadmin.domain.UnitOfWork.SignInFailures.Counted;
import java.sql.Connection;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;

/** Self-service recoveries and the attempts their rate limits count. */
final class RecoveryStore implements UnitOfWork.Recoveries {
  private static final String COLUMNS = "id_hash, asked_name, user_id, refusal, method, code_hash, created_at,"
      + " expires_at, attempts_left, completed_at";
  private final Connection c;
  private final Dialect dialect;

  RecoveryStore(Connection c, Dialect dialect) {
    this.c = c;
    this.dialect = dialect;
  }

  @Override
  public void insert(Recovery r) {
    Sql.run(() -> {
      try (var s = c.prepareStatement("INSERT INTO self_service_recoveries (" + COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        s.setString(1, r.idHash());
        s.setString(2, r.askedName());
        nullable(s, 3, r.userId());
        nullable(s, 4, r.refusal());
        s.setString(5, r.method().name());
        nullable(s, 6, r.codeHash());
        s.setLong(7, r.createdAt().toEpochMilli());
        s.setLong(8, r.expiresAt().toEpochMilli());
        s.setInt(9, r.attemptsLeft());
        if (r.completedAt() == null) {
          s.setNull(10, Types.BIGINT);
        } else {
          s.setLong(10, r.completedAt().toEpochMilli());
        }
        s.executeUpdate();
      }
    });
  }

  @Override
  public Optional<Recovery> find(String idHash) {
    return Sql.call(() -> {
      try (var s = c.prepareStatement("SELECT " + COLUMNS + " FROM self_service_recoveries WHERE id_hash = ?"
          + dialect.forUpdate())) {
        s.setString(1, idHash);
        try (var r = s.executeQuery()) {
          if (!r.next()) {
            return Optional.empty();
          }
          return Optional.of(new Recovery(r.getString("id_hash"), r.getString("asked_name"), r.getString("user_id"),
              r.getString("refusal"), MethodKind.valueOf(r.getString("method")), r.getString("code_hash"),
              Sql.instant(r, "created_at"), Sql.instant(r, "expires_at"), r.getInt("attempts_left"),
              Sql.instant(r, "completed_at")));
        }
      }
    });
  }

  @Override
  public boolean useAttempt(String idHash) {
    // One statement: of two replicas counting the same recovery's attempts, neither can skip a count.
    return update("UPDATE self_service_recoveries SET attempts_left = attempts_left - 1"
        + " WHERE id_hash = ? AND attempts_left > 0 AND completed_at IS NULL", idHash) > 0;
  }

  @Override
  public boolean complete(String idHash, Instant now) {
    return Sql.call(() -> {
      try (var s = c.prepareStatement("UPDATE self_service_recoveries SET completed_at = ?"
          + " WHERE id_hash = ? AND completed_at IS NULL")) {
        s.setLong(1, now.toEpochMilli());
        s.setString(2, idHash);
        return s.executeUpdate() > 0;
      }
    });
  }

  @Override
  public void prune(Instant before) {
    Sql.run(() -> {
      try (var s = c.prepareStatement("DELETE FROM self_service_recoveries WHERE expires_at < ?")) {
        s.setLong(1, before.toEpochMilli());
        s.executeUpdate();
      }
    });
  }

  @Override
  public void countAttempt(String scope, String subject, Instant time) {
    Sql.run(() -> {
      try (var s = c.prepareStatement("INSERT INTO self_service_attempts (scope, subject, time) VALUES (?, ?, ?)")) {
        s.setString(1, scope);
        s.setString(2, subject);
        s.setLong(3, time.toEpochMilli());
        s.executeUpdate();
      }
    });
  }

  @Override
  public Counted attempts(String scope, String subject, Instant from) {
    return Sql.call(() -> {
      try (var s = c.prepareStatement("SELECT COUNT(*), MIN(time) FROM self_service_attempts"
          + " WHERE scope = ? AND subject = ? AND time > ?")) {
        s.setString(1, scope);
        s.setString(2, subject);
        s.setLong(3, from.toEpochMilli());
        try (var rows = s.executeQuery()) {
          rows.next();
          long oldest = rows.getLong(2);
          return new Counted(rows.getInt(1), rows.wasNull() ? null : Instant.ofEpochMilli(oldest));
        }
      }
    });
  }

  @Override
  public void pruneAttempts(Instant before) {
    Sql.run(() -> {
      try (var s = c.prepareStatement("DELETE FROM self_service_attempts WHERE time <= ?")) {
        s.setLong(1, before.toEpochMilli());
        s.executeUpdate();
      }
    });
  }

  private int update(String sql, String id) {
    return Sql.call(() -> {
      try (var s = c.prepareStatement(sql)) {
        s.setString(1, id);
        return s.executeUpdate();
      }
    });
  }

  private static void nullable(java.sql.PreparedStatement s, int index, String value) throws java.sql.SQLException {
    if (value == null) {
      s.setNull(index, Types.VARCHAR);
    } else {
      s.setString(index, value);
    }
  }
}
