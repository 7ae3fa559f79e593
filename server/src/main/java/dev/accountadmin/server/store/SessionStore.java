package dev.accountadmin.server.store;

import dev.accountadmin.domain.ClientApp;
import dev.accountadmin.domain.Session;
import dev.accountadmin.domain.UnitOfWork;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Sessions and their refresh tokens, stored only as SHA-256 digests; spent ones a row each. */
final class SessionStore implements UnitOfWork.Sessions {
  private static final String COLUMNS = "id, user_id, client_app, created_at, refresh_hash, access_expires_at,"
      + " refresh_expires_at, revoked_at";

  private final Connection c;

  SessionStore(Connection c) {
    this.c = c;
  }

  @Override
  public void insert(Session s) {
    Sql.run(() -> {
      try (var statement = c.prepareStatement("INSERT INTO sessions (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, NULL)")) {
        statement.setString(1, s.id());
        statement.setString(2, s.userId());
        statement.setString(3, s.clientApp().name());
        statement.setLong(4, s.createdAt().toEpochMilli());
        statement.setString(5, s.refreshHash());
        statement.setLong(6, s.accessExpiresAt().toEpochMilli());
        statement.setLong(7, s.refreshExpiresAt().toEpochMilli());
        statement.executeUpdate();
      }
    });
  }

  @Override
  public Optional<Session> find(String id) {
    return one("SELECT " + COLUMNS + " FROM sessions WHERE id = ?", id);
  }

  @Override
  public Optional<Session> findByRefreshHash(String hash) {
    return one("SELECT " + COLUMNS + " FROM sessions WHERE refresh_hash = ?", hash);
  }

  @Override
  public Optional<Session> findBySpentRefreshHash(String hash) {
    return one("SELECT " + COLUMNS.replaceAll("(\\w+)", "s.$1") + " FROM spent_refresh_tokens t"
        + " JOIN sessions s ON s.id = t.session_id WHERE t.hash = ?", hash);
  }

  private Optional<Session> one(String sql, String parameter) {
    return Sql.call(() -> {
      try (var statement = c.prepareStatement(sql)) {
        statement.setString(1, parameter);
        try (var rows = statement.executeQuery()) {
          return rows.next() ? Optional.of(read(rows)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public boolean rotate(Session s, String newRefreshHash, Instant accessExpiresAt) {
    return Sql.call(() -> {
      try (var statement = c.prepareStatement("UPDATE sessions SET refresh_hash = ?, access_expires_at = ?"
          + " WHERE id = ? AND refresh_hash = ? AND revoked_at IS NULL")) {
        statement.setString(1, newRefreshHash);
        statement.setLong(2, accessExpiresAt.toEpochMilli());
        statement.setString(3, s.id());
        statement.setString(4, s.refreshHash());
        if (statement.executeUpdate() != 1) {
          return false;
        }
      }
      try (var statement = c.prepareStatement("INSERT INTO spent_refresh_tokens (hash, session_id) VALUES (?, ?)")) {
        statement.setString(1, s.refreshHash());
        statement.setString(2, s.id());
        statement.executeUpdate();
      }
      return true;
    });
  }

  @Override
  public void revoke(String sessionId, Instant now) {
    Sql.run(() -> {
      try (var statement = c.prepareStatement("UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
        statement.setLong(1, now.toEpochMilli());
        statement.setString(2, sessionId);
        statement.executeUpdate();
      }
    });
  }

  @Override
  public List<Session> active(String userId, Instant now) {
    return Sql.call(() -> {
      try (var statement = c.prepareStatement("SELECT " + COLUMNS + " FROM sessions WHERE user_id = ?"
          + " AND revoked_at IS NULL AND refresh_expires_at > ?")) {
        statement.setString(1, userId);
        statement.setLong(2, now.toEpochMilli());
        try (var rows = statement.executeQuery()) {
          var sessions = new ArrayList<Session>();
          while (rows.next()) {
            sessions.add(read(rows));
          }
          return sessions;
        }
      }
    });
  }

  @Override
  public Map<String, Integer> activeCounts(Collection<String> userIds, Instant now) {
    var counts = new HashMap<String, Integer>();
    if (userIds.isEmpty()) {
      return counts;
    }
    var marks = String.join(",", Collections.nCopies(userIds.size(), "?"));
    Sql.run(() -> {
      try (var statement = c.prepareStatement("SELECT user_id, COUNT(*) FROM sessions WHERE user_id IN ("
          + marks + ") AND revoked_at IS NULL AND refresh_expires_at > ? GROUP BY user_id")) {
        int i = 1;
        for (var id : userIds) {
          statement.setString(i++, id);
        }
        statement.setLong(i, now.toEpochMilli());
        try (var rows = statement.executeQuery()) {
          while (rows.next()) {
            counts.put(rows.getString(1), rows.getInt(2));
          }
        }
      }
    });
    return counts;
  }

  @Override
  public int revokeAll(String userId, Instant now) {
    return Sql.call(() -> {
      try (var statement = c.prepareStatement("UPDATE sessions SET revoked_at = ?"
          + " WHERE user_id = ? AND revoked_at IS NULL AND refresh_expires_at > ?")) {
        statement.setLong(1, now.toEpochMilli());
        statement.setString(2, userId);
        statement.setLong(3, now.toEpochMilli());
        return statement.executeUpdate();
      }
    });
  }

  private static Session read(ResultSet r) throws SQLException {
    return new Session(r.getString("id"), r.getString("user_id"),
        ClientApp.valueOf(r.getString("client_app")), Instant.ofEpochMilli(r.getLong("created_at")),
        r.getString("refresh_hash"), Instant.ofEpochMilli(r.getLong("access_expires_at")),
        Instant.ofEpochMilli(r.getLong("refresh_expires_at")), Sql.instant(r, "revoked_at"));
  }
}
