package dev.accountadmin.server.store;

import dev.accountadmin.server.domain.ClientApp;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Sessions and their refresh tokens, stored only as SHA-256 digests. */
public final class SessionStore {

  /** A session as stored. */
  public record Session(String id, String userId, ClientApp clientApp, Instant createdAt,
      String refreshHash, List<String> spentRefreshHashes, Instant accessExpiresAt,
      Instant refreshExpiresAt, Instant revokedAt) {

    public boolean revoked() {
      return revokedAt != null;
    }
  }

  public void insert(Connection c, Session s) throws SQLException {
    try (var statement = c.prepareStatement("INSERT INTO sessions (id, user_id, client_app,"
        + " created_at, refresh_hash, spent_refresh_hashes, access_expires_at,"
        + " refresh_expires_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)")) {
      statement.setString(1, s.id());
      statement.setString(2, s.userId());
      statement.setString(3, s.clientApp().name());
      statement.setLong(4, s.createdAt().toEpochMilli());
      statement.setString(5, s.refreshHash());
      statement.setString(6, String.join(",", s.spentRefreshHashes()));
      statement.setLong(7, s.accessExpiresAt().toEpochMilli());
      statement.setLong(8, s.refreshExpiresAt().toEpochMilli());
      statement.executeUpdate();
    }
  }

  public Optional<Session> find(Connection c, String id) throws SQLException {
    try (var statement = c.prepareStatement("SELECT * FROM sessions WHERE id = ?")) {
      statement.setString(1, id);
      try (var rows = statement.executeQuery()) {
        return rows.next() ? Optional.of(read(rows)) : Optional.empty();
      }
    }
  }

  /** The session whose current or spent refresh token has this digest. */
  public Optional<Session> findByRefreshHash(Connection c, String hash) throws SQLException {
    try (var statement = c.prepareStatement("SELECT * FROM sessions WHERE refresh_hash = ?")) {
      statement.setString(1, hash);
      try (var rows = statement.executeQuery()) {
        if (rows.next()) {
          return Optional.of(read(rows));
        }
      }
    }
    // Spent tokens are only looked for when the current one does not match: a reuse is rare.
    try (var statement = c.prepareStatement(
        "SELECT * FROM sessions WHERE spent_refresh_hashes LIKE ?")) {
      statement.setString(1, "%" + hash + "%");
      try (var rows = statement.executeQuery()) {
        return rows.next() ? Optional.of(read(rows)) : Optional.empty();
      }
    }
  }

  /** Rotates the refresh token; false when another call rotated it first. */
  public boolean rotate(Connection c, Session s, String newRefreshHash, Instant accessExpiresAt)
      throws SQLException {
    var spent = new ArrayList<>(s.spentRefreshHashes());
    spent.add(s.refreshHash());
    try (var statement = c.prepareStatement("UPDATE sessions SET refresh_hash = ?,"
        + " spent_refresh_hashes = ?, access_expires_at = ? WHERE id = ? AND refresh_hash = ?"
        + " AND revoked_at IS NULL")) {
      statement.setString(1, newRefreshHash);
      statement.setString(2, String.join(",", spent));
      statement.setLong(3, accessExpiresAt.toEpochMilli());
      statement.setString(4, s.id());
      statement.setString(5, s.refreshHash());
      return statement.executeUpdate() == 1;
    }
  }

  public void revoke(Connection c, String sessionId, Instant now) throws SQLException {
    try (var statement = c.prepareStatement(
        "UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
      statement.setLong(1, now.toEpochMilli());
      statement.setString(2, sessionId);
      statement.executeUpdate();
    }
  }

  /** A user's sessions that are neither revoked nor past their refresh expiry. */
  public List<Session> active(Connection c, String userId, Instant now) throws SQLException {
    try (var statement = c.prepareStatement("SELECT * FROM sessions WHERE user_id = ?"
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
  }

  /** How many active sessions each of {@code userIds} has (absent: none). */
  public java.util.Map<String, Integer> activeCounts(Connection c, java.util.Collection<String> userIds,
      Instant now) throws SQLException {
    var counts = new java.util.HashMap<String, Integer>();
    if (userIds.isEmpty()) {
      return counts;
    }
    var marks = String.join(",", java.util.Collections.nCopies(userIds.size(), "?"));
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
    return counts;
  }

  /** Revokes every session of a user; returns how many were active. */
  public int revokeAll(Connection c, String userId, Instant now) throws SQLException {
    try (var statement = c.prepareStatement("UPDATE sessions SET revoked_at = ?"
        + " WHERE user_id = ? AND revoked_at IS NULL AND refresh_expires_at > ?")) {
      statement.setLong(1, now.toEpochMilli());
      statement.setString(2, userId);
      statement.setLong(3, now.toEpochMilli());
      return statement.executeUpdate();
    }
  }

  private static Session read(ResultSet r) throws SQLException {
    var spent = r.getString("spent_refresh_hashes");
    long revoked = r.getLong("revoked_at");
    var revokedAt = r.wasNull() ? null : Instant.ofEpochMilli(revoked);
    return new Session(r.getString("id"), r.getString("user_id"),
        ClientApp.valueOf(r.getString("client_app")), Instant.ofEpochMilli(r.getLong("created_at")),
        r.getString("refresh_hash"), spent.isEmpty() ? List.of() : List.of(spent.split(",")),
        Instant.ofEpochMilli(r.getLong("access_expires_at")),
        Instant.ofEpochMilli(r.getLong("refresh_expires_at")), revokedAt);
  }
}
