package dev.accountadmin.server.store;

import dev.accountadmin.domain.UnitOfWork;
import java.sql.Connection;
import java.time.Instant;
import java.util.Optional;

/** Responses kept for idempotent retries, as the caller encrypted them. */
final class KeptResponseStore implements UnitOfWork.KeptResponses {
  private final Connection c;

  KeptResponseStore(Connection c) {
    this.c = c;
  }

  @Override
  public Optional<Kept> find(String actorId, String requestId) {
    return Sql.call(() -> {
      try (var statement = c.prepareStatement("SELECT method, request_hash, response, created_at FROM idempotency"
          + " WHERE actor = ? AND request_id = ?")) {
        statement.setString(1, actorId);
        statement.setString(2, requestId);
        try (var rows = statement.executeQuery()) {
          return rows.next()
              ? Optional.of(new Kept(rows.getString(1), rows.getString(2), rows.getString(3), Instant.ofEpochMilli(rows.getLong(4))))
              : Optional.empty();
        }
      }
    });
  }

  @Override
  public void keep(String actorId, String requestId, Kept kept, Instant expiredBefore) {
    Sql.run(() -> {
      try (var prune = c.prepareStatement("DELETE FROM idempotency WHERE created_at < ?")) {
        prune.setLong(1, expiredBefore.toEpochMilli());
        prune.executeUpdate();
      }
      // A concurrent twin may have stored its response first; the first one stays.
      try (var statement = c.prepareStatement("INSERT INTO idempotency (request_id, actor, method, request_hash,"
          + " response, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (actor, request_id) DO NOTHING")) {
        statement.setString(1, requestId);
        statement.setString(2, actorId);
        statement.setString(3, kept.method());
        statement.setString(4, kept.requestHash());
        statement.setString(5, kept.response());
        statement.setLong(6, kept.createdAt().toEpochMilli());
        statement.executeUpdate();
      }
    });
  }
}
