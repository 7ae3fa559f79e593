package dev.accountadmin.server.store;

import dev.accountadmin.domain.Device;
import dev.accountadmin.domain.UnitOfWork;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Mobile devices, one row per (user, device id); plain SQL that SQLite and PostgreSQL share. */
final class DeviceStore implements UnitOfWork.Devices {
  private static final String COLUMNS = "user_id, device_id, model, first_sync_at, last_sync_at, blocked_at,"
      + " blocked_by, wipe_requested_at, wipe_requested_by, wipe_confirmed_at";

  private final Connection c;

  DeviceStore(Connection c) {
    this.c = c;
  }

  @Override
  public List<Device> list(String userId) {
    return Sql.call(() -> {
      try (var statement = c.prepareStatement(
          "SELECT " + COLUMNS + " FROM devices WHERE user_id = ? ORDER BY device_id")) {
        statement.setString(1, userId);
        try (var rows = statement.executeQuery()) {
          var devices = new ArrayList<Device>();
          while (rows.next()) {
            devices.add(device(rows));
          }
          return devices;
        }
      }
    });
  }

  @Override
  public Optional<Device> find(String userId, String deviceId) {
    return Sql.call(() -> {
      // No FOR UPDATE: SQLite has none, and PostgreSQL's updates below lock the row they change;
      // a device's writes are idempotent marks (set a time once), so a lost race changes nothing.
      try (var statement = c.prepareStatement(
          "SELECT " + COLUMNS + " FROM devices WHERE user_id = ? AND device_id = ?")) {
        statement.setString(1, userId);
        statement.setString(2, deviceId);
        try (var rows = statement.executeQuery()) {
          return rows.next() ? Optional.of(device(rows)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public void recordSync(String userId, String deviceId, String model, Instant now) {
    Sql.run(() -> {
      try (var update = c.prepareStatement(
          "UPDATE devices SET last_sync_at = ?, model = ? WHERE user_id = ? AND device_id = ?")) {
        update.setLong(1, now.toEpochMilli());
        update.setString(2, model);
        update.setString(3, userId);
        update.setString(4, deviceId);
        if (update.executeUpdate() > 0) {
          return;
        }
      }
      try (var insert = c.prepareStatement("INSERT INTO devices (user_id, device_id, model, first_sync_at,"
          + " last_sync_at) VALUES (?, ?, ?, ?, ?)")) {
        insert.setString(1, userId);
        insert.setString(2, deviceId);
        insert.setString(3, model);
        insert.setLong(4, now.toEpochMilli());
        insert.setLong(5, now.toEpochMilli());
        insert.executeUpdate();
      }
    });
  }

  @Override
  public void block(String userId, String deviceId, String by, Instant now) {
    update("UPDATE devices SET blocked_at = ?, blocked_by = ? WHERE user_id = ? AND device_id = ?"
        + " AND blocked_at IS NULL", now.toEpochMilli(), by, userId, deviceId);
  }

  @Override
  public void unblock(String userId, String deviceId) {
    update("UPDATE devices SET blocked_at = NULL, blocked_by = NULL WHERE user_id = ? AND device_id = ?",
        userId, deviceId);
  }

  @Override
  public void requestWipe(String userId, String deviceId, String by, Instant now) {
    update("UPDATE devices SET wipe_requested_at = ?, wipe_requested_by = ? WHERE user_id = ? AND device_id = ?"
        + " AND wipe_requested_at IS NULL", now.toEpochMilli(), by, userId, deviceId);
  }

  @Override
  public boolean cancelWipe(String userId, String deviceId) {
    return update("UPDATE devices SET wipe_requested_at = NULL, wipe_requested_by = NULL WHERE user_id = ?"
        + " AND device_id = ? AND wipe_confirmed_at IS NULL", userId, deviceId) > 0;
  }

  @Override
  public void confirmWipe(String userId, String deviceId, Instant now) {
    update("UPDATE devices SET wipe_confirmed_at = ? WHERE user_id = ? AND device_id = ?"
        + " AND wipe_requested_at IS NOT NULL AND wipe_confirmed_at IS NULL", now.toEpochMilli(), userId, deviceId);
  }

  private int update(String sql, Object... parameters) {
    return Sql.call(() -> {
      try (var statement = c.prepareStatement(sql)) {
        Sql.bind(statement, java.util.Arrays.asList(parameters));
        return statement.executeUpdate();
      }
    });
  }

  private static Device device(ResultSet r) throws SQLException {
    return new Device(r.getString("user_id"), r.getString("device_id"), r.getString("model"),
        Sql.instant(r, "first_sync_at"), Sql.instant(r, "last_sync_at"), Sql.instant(r, "blocked_at"),
        r.getString("blocked_by"), Sql.instant(r, "wipe_requested_at"), r.getString("wipe_requested_by"),
        Sql.instant(r, "wipe_confirmed_at"));
  }
}
