package dev.accountadmin.server.store;

import dev.accountadmin.domain.UnitOfWork;
import java.sql.Connection;
import java.time.Instant;
import java.util.function.Supplier;

/** Server secrets shared through the database, created once by whichever replica starts first. */
final class SecretStore implements UnitOfWork.ServerSecrets {
  private final Connection c;

  SecretStore(Connection c) {
    this.c = c;
  }

  @Override
  public String getOrCreate(String name, Supplier<String> create, Instant now) {
    return Sql.call(() -> {
      try (var select = c.prepareStatement("SELECT value FROM server_secrets WHERE name = ?")) {
        select.setString(1, name);
        try (var rows = select.executeQuery()) {
          if (rows.next()) {
            return rows.getString(1);
          }
        }
      }
      var value = create.get();
      // Another replica may insert the same name at the same moment: keep whichever landed.
      try (var insert = c.prepareStatement("INSERT INTO server_secrets (name, value, created_at)"
          + " VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING")) {
        insert.setString(1, name);
        insert.setString(2, value);
        insert.setLong(3, now.toEpochMilli());
        insert.executeUpdate();
      }
      try (var select = c.prepareStatement("SELECT value FROM server_secrets WHERE name = ?")) {
        select.setString(1, name);
        try (var rows = select.executeQuery()) {
          rows.next();
          return rows.getString(1);
        }
      }
    });
  }
}
