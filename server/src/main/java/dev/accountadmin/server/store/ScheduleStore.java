package dev.accountadmin.server.store;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import dev.accountadmin.domain.OffboardingTime;
import dev.accountadmin.domain.ScheduledOffboarding;
import dev.accountadmin.domain.StepResult;
import dev.accountadmin.domain.UnitOfWork;
import dev.accountadmin.domain.UserName;
import dev.accountadmin.failure.Reason;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Scheduled offboardings and users' time zones; options and results are kept as Base64 text. */
final class ScheduleStore implements UnitOfWork.ScheduledOffboardings {
  private static final Gson GSON = new Gson();
  private static final java.lang.reflect.Type METADATA = new TypeToken<TreeMap<String, String>>() {}.getType();
  private static final String COLUMNS = "id, user_id, user_name, when_kind, when_value, time_zone, run_at, options, state,"
      + " result, error_reason, error_metadata, creator_id, creator_name, request_id, template_version, created_at,"
      + " updated_at, version";

  private final Connection c;
  private final Dialect dialect;

  ScheduleStore(Connection c, Dialect dialect) {
    this.c = c;
    this.dialect = dialect;
  }

  @Override
  public void insert(ScheduledOffboarding s) {
    Sql.run(() -> {
      try (var insert = c.prepareStatement("INSERT INTO scheduled_offboardings (" + COLUMNS + ")"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        int i = 1;
        insert.setString(i++, s.id());
        insert.setString(i++, s.userId());
        insert.setString(i++, s.user().value());
        insert.setString(i++, kind(s.when()));
        insert.setString(i++, value(s.when()));
        insert.setString(i++, s.zone().getId());
        insert.setLong(i++, s.runAt().toEpochMilli());
        insert.setString(i++, Base64.getEncoder().encodeToString(s.options()));
        insert.setString(i++, s.state().name());
        insert.setString(i++, s.result() == null ? null : Base64.getEncoder().encodeToString(s.result()));
        insert.setString(i++, s.error() == null ? null : s.error().reason().name());
        insert.setString(i++, s.error() == null ? null : GSON.toJson(new TreeMap<>(s.error().metadata())));
        insert.setString(i++, s.creatorId());
        insert.setString(i++, s.creator().value());
        insert.setString(i++, s.requestId());
        insert.setLong(i++, s.templateVersion());
        insert.setLong(i++, s.createdAt().toEpochMilli());
        insert.setLong(i++, s.updatedAt().toEpochMilli());
        insert.setLong(i, s.version());
        insert.executeUpdate();
      }
    });
  }

  // Locked for update where the engine has row locks: a change takes the schedule before the
  // user, in the same order as a run (claim, then the offboarding), so the two never deadlock.
  @Override
  public Optional<ScheduledOffboarding> find(String id) {
    return Sql.call(() -> {
      try (var s = c.prepareStatement("SELECT " + COLUMNS + " FROM scheduled_offboardings WHERE id = ?" + dialect.forUpdate())) {
        s.setString(1, id);
        try (var r = s.executeQuery()) {
          return r.next() ? Optional.of(read(r)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public List<ScheduledOffboarding> list(ScheduledOffboarding.State state, String userId) {
    return Sql.call(() -> {
      var sql = new StringBuilder("SELECT " + COLUMNS + " FROM scheduled_offboardings WHERE 1 = 1");
      var parameters = new ArrayList<Object>();
      if (state != null) {
        sql.append(" AND state = ?");
        parameters.add(state.name());
      }
      if (userId != null) {
        sql.append(" AND user_id = ?");
        parameters.add(userId);
      }
      sql.append(" ORDER BY run_at, id");
      try (var s = c.prepareStatement(sql.toString())) {
        Sql.bind(s, parameters);
        var found = new ArrayList<ScheduledOffboarding>();
        try (var r = s.executeQuery()) {
          while (r.next()) {
            found.add(read(r));
          }
        }
        return found;
      }
    });
  }

  @Override
  public List<String> due(Instant now, int limit) {
    return Sql.call(() -> {
      try (var s = c.prepareStatement(
          "SELECT id FROM scheduled_offboardings WHERE state = 'SCHEDULED' AND run_at <= ? ORDER BY run_at, id LIMIT ?")) {
        s.setLong(1, now.toEpochMilli());
        s.setInt(2, limit);
        var ids = new ArrayList<String>();
        try (var r = s.executeQuery()) {
          while (r.next()) {
            ids.add(r.getString(1));
          }
        }
        return ids;
      }
    });
  }

  @Override
  public boolean claim(String id, Instant now) {
    return Sql.call(() -> {
      // On PostgreSQL a second replica's UPDATE waits for the row lock this one takes, then
      // re-checks the WHERE against the committed row (READ COMMITTED), which is no longer
      // SCHEDULED: it updates nothing. SQLite has one writer at a time.
      try (var s = c.prepareStatement("UPDATE scheduled_offboardings SET state = 'RUNNING', updated_at = ?,"
          + " version = version + 1 WHERE id = ? AND state = 'SCHEDULED' AND run_at <= ?")) {
        s.setLong(1, now.toEpochMilli());
        s.setString(2, id);
        s.setLong(3, now.toEpochMilli());
        return s.executeUpdate() == 1;
      }
    });
  }

  @Override
  public boolean update(ScheduledOffboarding changed, long expectedVersion) {
    return Sql.call(() -> {
      try (var s = c.prepareStatement("UPDATE scheduled_offboardings SET when_kind = ?, when_value = ?, time_zone = ?,"
          + " run_at = ?, options = ?, state = ?, updated_at = ?, version = ? WHERE id = ? AND state = 'SCHEDULED' AND version = ?")) {
        int i = 1;
        s.setString(i++, kind(changed.when()));
        s.setString(i++, value(changed.when()));
        s.setString(i++, changed.zone().getId());
        s.setLong(i++, changed.runAt().toEpochMilli());
        s.setString(i++, Base64.getEncoder().encodeToString(changed.options()));
        s.setString(i++, changed.state().name());
        s.setLong(i++, changed.updatedAt().toEpochMilli());
        s.setLong(i++, changed.version());
        s.setString(i++, changed.id());
        s.setLong(i, expectedVersion);
        return s.executeUpdate() == 1;
      }
    });
  }

  @Override
  public void finish(String id, ScheduledOffboarding.State state, byte[] result, StepResult.Failure error, Instant now) {
    Sql.run(() -> {
      try (var s = c.prepareStatement("UPDATE scheduled_offboardings SET state = ?, result = ?, error_reason = ?,"
          + " error_metadata = ?, updated_at = ?, version = version + 1 WHERE id = ? AND state = 'RUNNING'")) {
        s.setString(1, state.name());
        s.setString(2, result == null ? null : Base64.getEncoder().encodeToString(result));
        s.setString(3, error == null ? null : error.reason().name());
        s.setString(4, error == null ? null : GSON.toJson(new TreeMap<>(error.metadata())));
        s.setLong(5, now.toEpochMilli());
        s.setString(6, id);
        if (s.executeUpdate() != 1) {
          throw new IllegalStateException("finishing a scheduled offboarding this unit did not claim");
        }
      }
    });
  }

  @Override
  public Optional<String> userTimeZone(String userId) {
    return Sql.call(() -> {
      try (var s = c.prepareStatement("SELECT time_zone FROM user_time_zones WHERE user_id = ?")) {
        s.setString(1, userId);
        try (var r = s.executeQuery()) {
          return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public void setUserTimeZone(String userId, String zone, Instant now) {
    Sql.run(() -> {
      try (var delete = c.prepareStatement("DELETE FROM user_time_zones WHERE user_id = ?")) {
        delete.setString(1, userId);
        delete.executeUpdate();
      }
      if (zone != null) {
        try (var insert = c.prepareStatement("INSERT INTO user_time_zones (user_id, time_zone, updated_at) VALUES (?, ?, ?)")) {
          insert.setString(1, userId);
          insert.setString(2, zone);
          insert.setLong(3, now.toEpochMilli());
          insert.executeUpdate();
        }
      }
    });
  }

  private static String kind(OffboardingTime when) {
    return when instanceof OffboardingTime.At ? "AT" : "END_OF_LAST_WORKING_DAY";
  }

  private static String value(OffboardingTime when) {
    return when instanceof OffboardingTime.At at ? at.local().toString()
        : ((OffboardingTime.EndOfLastWorkingDay) when).date().toString();
  }

  private static ScheduledOffboarding read(ResultSet r) throws SQLException {
    var zone = ZoneId.of(r.getString("time_zone"));
    var value = r.getString("when_value");
    OffboardingTime when = "AT".equals(r.getString("when_kind"))
        ? new OffboardingTime.At(LocalDateTime.parse(value), zone)
        : new OffboardingTime.EndOfLastWorkingDay(LocalDate.parse(value));
    var result = r.getString("result");
    var reason = r.getString("error_reason");
    StepResult.Failure error = null;
    if (reason != null) {
      Map<String, String> metadata = GSON.fromJson(r.getString("error_metadata"), METADATA);
      error = new StepResult.Failure(Reason.valueOf(reason), metadata == null ? Map.of() : Map.copyOf(metadata));
    }
    return new ScheduledOffboarding(r.getString("id"), r.getString("user_id"), UserName.parse("user", r.getString("user_name")),
        when, Instant.ofEpochMilli(r.getLong("run_at")), zone, Base64.getDecoder().decode(r.getString("options")),
        ScheduledOffboarding.State.valueOf(r.getString("state")),
        result == null ? null : Base64.getDecoder().decode(result), error, r.getString("creator_id"),
        UserName.parse("creator", r.getString("creator_name")), r.getString("request_id"),
        Instant.ofEpochMilli(r.getLong("created_at")), Instant.ofEpochMilli(r.getLong("updated_at")),
        r.getLong("version"), r.getLong("template_version"));
  }
}
