package dev.accountadmin.server.store;

import dev.accountadmin.domain.UnitOfWork;
import dev.accountadmin.domain.User;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Grants of access to a user's files. */
final class FileAccessStore implements UnitOfWork.FileAccess {
  private final Connection c;

  FileAccessStore(Connection c) {
    this.c = c;
  }

  @Override
  public void grant(String userId, User grantee, boolean byOffboarding, Instant now) {
    Sql.run(() -> {
      // A grant the colleague already had by hand stays theirs: restore must not take it back.
      try (var s = c.prepareStatement("INSERT INTO file_access_grants (user_id, grantee_id, grantee_name, by_offboarding,"
          + " granted_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (user_id, grantee_id) DO NOTHING")) {
        s.setString(1, userId);
        s.setString(2, grantee.id());
        s.setString(3, grantee.name().value());
        s.setBoolean(4, byOffboarding);
        s.setLong(5, now.toEpochMilli());
        s.executeUpdate();
      }
    });
  }

  @Override
  public List<String> grantees(String userId) {
    return names("SELECT grantee_name FROM file_access_grants WHERE user_id = ? ORDER BY grantee_name", userId);
  }

  @Override
  public List<String> offboardingGrantees(String userId) {
    return names("SELECT grantee_name FROM file_access_grants WHERE user_id = ? AND by_offboarding ORDER BY grantee_name",
        userId);
  }

  @Override
  public void revokeOffboardingGrants(String userId) {
    Sql.run(() -> {
      try (var s = c.prepareStatement("DELETE FROM file_access_grants WHERE user_id = ? AND by_offboarding")) {
        s.setString(1, userId);
        s.executeUpdate();
      }
    });
  }

  private List<String> names(String sql, String userId) {
    return Sql.call(() -> {
      try (var s = c.prepareStatement(sql)) {
        s.setString(1, userId);
        var names = new ArrayList<String>();
        try (var r = s.executeQuery()) {
          while (r.next()) {
            names.add(r.getString(1));
          }
        }
        return names;
      }
    });
  }
}
