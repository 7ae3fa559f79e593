package dev.accountadmin.server.store;

import dev.accountadmin.domain.UnitOfWork;
import dev.accountadmin.domain.UnitOfWork.MailSubmissions.Counted;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * Accepted messages, one row each, counted against the outbound limits over a rolling hour and
 * the UTC day. Rows a lift forgave no longer count; rows older than a day are pruned.
 */
final class MailSubmissionStore implements UnitOfWork.MailSubmissions {
  private final Connection c;

  MailSubmissionStore(Connection c) {
    this.c = c;
  }

  @Override
  public void insert(String id, String userId, Instant time, int internal, int external) {
    Sql.run(() -> {
      try (var statement = c.prepareStatement("INSERT INTO mail_submissions (id, user_id, time, internal_count,"
          + " external_count) VALUES (?, ?, ?, ?, ?)")) {
        statement.setString(1, id);
        statement.setString(2, userId);
        statement.setLong(3, time.toEpochMilli());
        statement.setInt(4, internal);
        statement.setInt(5, external);
        statement.executeUpdate();
      }
    });
  }

  /** Deletes the sender's rows older than a day: no limit looks back further. */
  @Override
  public void prune(String userId, Instant now) {
    Sql.run(() -> {
      try (var statement = c.prepareStatement("DELETE FROM mail_submissions WHERE user_id = ? AND time < ?")) {
        statement.setString(1, userId);
        statement.setLong(2, now.minus(Duration.ofDays(1)).toEpochMilli());
        statement.executeUpdate();
      }
    });
  }

  /** The recipients of the sender's unforgiven messages after {@code from}. */
  @Override
  public Counted since(String userId, Instant from) {
    return Sql.call(() -> {
      try (var statement = c.prepareStatement("SELECT COALESCE(SUM(internal_count), 0), COALESCE(SUM(external_count), 0)"
          + " FROM mail_submissions WHERE user_id = ? AND time > ? AND forgiven_at IS NULL")) {
        statement.setString(1, userId);
        statement.setLong(2, from.toEpochMilli());
        try (var rows = statement.executeQuery()) {
          rows.next();
          return new Counted(rows.getLong(1), rows.getLong(2));
        }
      }
    });
  }

  /** Stops counting everything the sender sent so far: the fresh allowance after a restriction ends. */
  @Override
  public void forgive(String userId, Instant now) {
    Sql.run(() -> {
      try (var statement = c.prepareStatement(
          "UPDATE mail_submissions SET forgiven_at = ? WHERE user_id = ? AND forgiven_at IS NULL")) {
        statement.setLong(1, now.toEpochMilli());
        statement.setString(2, userId);
        statement.executeUpdate();
      }
    });
  }
}
