package dev.accountadmin.server.store;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import dev.accountadmin.server.audit.AuditChain;
import dev.accountadmin.domain.Action;
import dev.accountadmin.domain.AuditQuery;
import dev.accountadmin.domain.AuditRecord;
import dev.accountadmin.domain.AuditVerification;
import dev.accountadmin.domain.UnitOfWork;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The audit trail's rows. Appends run in the caller's unit of work, so a change and its record
 * commit together. The chain's head lives in a one-row table that every appender updates: the
 * row lock (or SQLite's single writer) orders appends from any number of replicas into one chain.
 */
final class AuditStore implements UnitOfWork.AuditTrail {
  private static final Gson GSON = new Gson();
  private static final java.lang.reflect.Type DETAILS = new TypeToken<TreeMap<String, String>>() {}.getType();

  private final Connection c;
  private final Dialect dialect;
  private final Clock clock;

  AuditStore(Connection c, Dialect dialect, Clock clock) {
    this.c = c;
    this.dialect = dialect;
    this.clock = clock;
  }

  @Override
  public AuditRecord append(AuditRecord record) {
    return Sql.call(() -> {
      String previousHash;
      long sequence;
      try (var statement = c.prepareStatement("SELECT sequence, hash FROM audit_head WHERE id = 1" + dialect.forUpdate());
          var rows = statement.executeQuery()) {
        rows.next();
        sequence = rows.getLong(1) + 1;
        previousHash = rows.getString(2);
      }
      var time = clock.instant();
      var unhashed = new AuditRecord(sequence, time, record.actor(), record.clientAddress(),
          record.action(), record.target(), record.requestId(), record.outcome(), record.details(),
          previousHash, null);
      var hash = AuditChain.hash(unhashed);
      try (var statement = c.prepareStatement("INSERT INTO audit_events (sequence, time, actor,"
          + " client_address, action, target, request_id, outcome, details, previous_hash, hash)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        statement.setLong(1, sequence);
        statement.setLong(2, time.toEpochMilli());
        statement.setString(3, unhashed.actor());
        statement.setString(4, unhashed.clientAddress());
        statement.setString(5, unhashed.action().name());
        statement.setString(6, unhashed.target());
        statement.setString(7, unhashed.requestId());
        statement.setString(8, unhashed.outcome().name());
        statement.setString(9, AuditChain.details(unhashed));
        statement.setString(10, previousHash);
        statement.setString(11, hash);
        statement.executeUpdate();
      }
      try (var statement = c.prepareStatement("UPDATE audit_head SET sequence = ?, hash = ? WHERE id = 1")) {
        statement.setLong(1, sequence);
        statement.setString(2, hash);
        statement.executeUpdate();
      }
      return new AuditRecord(sequence, time, unhashed.actor(), unhashed.clientAddress(), unhashed.action(),
          unhashed.target(), unhashed.requestId(), unhashed.outcome(), unhashed.details(), previousHash, hash);
    });
  }

  @Override
  public List<AuditRecord> list(AuditQuery query, long beforeSequence, int limit) {
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
    return Sql.call(() -> {
      try (var statement = c.prepareStatement(sql.toString())) {
        Sql.bind(statement, parameters);
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

  @Override
  public AuditVerification verify() {
    return Sql.call(() -> {
      var verifier = new AuditChain.Verifier();
      try (var statement = c.prepareStatement("SELECT * FROM audit_events ORDER BY sequence")) {
        statement.setFetchSize(1000);
        try (var rows = statement.executeQuery()) {
          while (rows.next() && verifier.accept(read(rows))) {
            // every record is checked until one breaks the chain
          }
        }
      }
      try (var statement = c.prepareStatement("SELECT sequence, hash FROM audit_head WHERE id = 1");
          var rows = statement.executeQuery()) {
        rows.next();
        return verifier.verdict(rows.getLong(1), rows.getString(2));
      }
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
}
