package dev.accountadmin.server.audit;

import dev.accountadmin.server.domain.AuditRecord;
import dev.accountadmin.server.domain.AuditQuery;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import dev.accountadmin.server.domain.Action;
import dev.accountadmin.server.store.Database;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;

/**
 * The append-only, hash-chained audit log. Each record's hash covers its fields and the previous
 * record's hash, so editing or deleting any record breaks the chain from there on.
 *
 * <p>Appends run inside the caller's transaction, so a change and its record commit together.
 * The chain's head lives in a one-row table that every appender updates: the row lock (or
 * SQLite's single writer) orders appends from any number of replicas into one chain.
 */
public final class AuditLog {
  private static final Gson GSON = new Gson();
  private static final java.lang.reflect.Type DETAILS = new TypeToken<TreeMap<String, String>>() {}.getType();

  private final Database database;
  private final Clock clock;

  public AuditLog(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  /** Appends {@code record} in the caller's transaction and returns it as stored. */
  public AuditRecord append(Connection c, AuditRecord record) throws SQLException {
    String previousHash;
    long sequence;
    var lock = database.engine() == Database.Engine.POSTGRESQL ? " FOR UPDATE" : "";
    try (var statement = c.prepareStatement("SELECT sequence, hash FROM audit_head WHERE id = 1" + lock);
        var rows = statement.executeQuery()) {
      rows.next();
      sequence = rows.getLong(1) + 1;
      previousHash = rows.getString(2);
    }
    var time = clock.instant();
    var stored = new AuditRecord(sequence, time, record.actor(), record.clientAddress(),
        record.action(), record.target(), record.requestId(), record.outcome(), record.details(),
        previousHash, null);
    var hash = hash(stored);
    try (var statement = c.prepareStatement("INSERT INTO audit_events (sequence, time, actor,"
        + " client_address, action, target, request_id, outcome, details, previous_hash, hash)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      statement.setLong(1, sequence);
      statement.setLong(2, time.toEpochMilli());
      statement.setString(3, stored.actor());
      statement.setString(4, stored.clientAddress());
      statement.setString(5, stored.action().name());
      statement.setString(6, stored.target());
      statement.setString(7, stored.requestId());
      statement.setString(8, stored.outcome().name());
      statement.setString(9, GSON.toJson(stored.details()));
      statement.setString(10, previousHash);
      statement.setString(11, hash);
      statement.executeUpdate();
    }
    try (var statement = c.prepareStatement("UPDATE audit_head SET sequence = ?, hash = ? WHERE id = 1")) {
      statement.setLong(1, sequence);
      statement.setString(2, hash);
      statement.executeUpdate();
    }
    return new AuditRecord(sequence, time, stored.actor(), stored.clientAddress(), stored.action(),
        stored.target(), stored.requestId(), stored.outcome(), stored.details(), previousHash, hash);
  }

  /** Appends {@code record} in a transaction of its own (denials, failed sign-ins). */
  public AuditRecord append(AuditRecord record) {
    return database.inTransaction(c -> append(c, record));
  }

  /** Records newest first matching {@code query}, at most {@code limit}, before {@code beforeSequence}. */
  public List<AuditRecord> list(AuditQuery query, long beforeSequence, int limit) {
    return database.read(c -> {
      var sql = new StringBuilder("SELECT * FROM audit_events WHERE sequence < ?");
      var parameters = new ArrayList<Object>();
      parameters.add(beforeSequence);
      if (query.actor() != null) {
        sql.append(" AND actor = ?");
        parameters.add(query.actor());
      }
      if (query.target() != null) {
        sql.append(" AND target = ?");
        parameters.add(query.target());
      }
      if (query.action() != null) {
        sql.append(" AND action = ?");
        parameters.add(query.action().name());
      }
      if (query.start() != null) {
        sql.append(" AND time >= ?");
        parameters.add(query.start().toEpochMilli());
      }
      if (query.end() != null) {
        sql.append(" AND time < ?");
        parameters.add(query.end().toEpochMilli());
      }
      sql.append(" ORDER BY sequence DESC LIMIT ?");
      parameters.add(limit);
      try (var statement = c.prepareStatement(sql.toString())) {
        for (int i = 0; i < parameters.size(); i++) {
          statement.setObject(i + 1, parameters.get(i));
        }
        try (var rows = statement.executeQuery()) {
          var records = new ArrayList<AuditRecord>();
          while (rows.next()) {
            records.add(read(rows));
          }
          return records;
        }
      }
    });
  }

  /** The result of recomputing the chain. {@code firstBroken} is 0 when the chain is intact. */
  public record Verification(boolean valid, long checked, long firstBroken) {}

  /** Recomputes every hash and link, in order, and names the first record that does not match. */
  public Verification verify() {
    return database.read(c -> {
      long checked = 0;
      String expectedPrevious = null;
      long expectedSequence = 1;
      try (var statement = c.prepareStatement("SELECT * FROM audit_events ORDER BY sequence")) {
        statement.setFetchSize(1000);
        try (var rows = statement.executeQuery()) {
          while (rows.next()) {
            var record = read(rows);
            checked++;
            boolean linked = expectedPrevious == null
                ? record.previousHash().chars().allMatch(ch -> ch == '0')
                : record.previousHash().equals(expectedPrevious);
            if (record.sequence() != expectedSequence || !linked || !hash(record).equals(record.hash())) {
              return new Verification(false, checked, record.sequence());
            }
            expectedPrevious = record.hash();
            expectedSequence++;
          }
        }
      }
      // A truncated tail shows as a head that points past the last record.
      try (var statement = c.prepareStatement("SELECT sequence, hash FROM audit_head WHERE id = 1");
          var rows = statement.executeQuery()) {
        rows.next();
        if (rows.getLong(1) != expectedSequence - 1
            || (expectedPrevious != null && !rows.getString(2).equals(expectedPrevious))) {
          return new Verification(false, checked, expectedSequence);
        }
      }
      return new Verification(true, checked, 0);
    });
  }

  private static AuditRecord read(ResultSet r) throws SQLException {
    TreeMap<String, String> details = GSON.fromJson(r.getString("details"), DETAILS);
    return new AuditRecord(r.getLong("sequence"), Instant.ofEpochMilli(r.getLong("time")),
        r.getString("actor"), r.getString("client_address"), Action.valueOf(r.getString("action")),
        r.getString("target"), r.getString("request_id"),
        AuditRecord.Outcome.valueOf(r.getString("outcome")), details,
        r.getString("previous_hash"), r.getString("hash"));
  }

  /** SHA-256 over every field but the hash itself, each length-prefixed so no two records collide. */
  static String hash(AuditRecord r) {
    var canonical = new StringBuilder();
    for (var field : List.of(Long.toString(r.sequence()), Long.toString(r.time().toEpochMilli()),
        r.actor(), r.clientAddress(), r.action().name(), r.target(), r.requestId(),
        r.outcome().name(), GSON.toJson(r.details()), r.previousHash())) {
      canonical.append(field.length()).append(':').append(field).append(';');
    }
    try {
      var digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
