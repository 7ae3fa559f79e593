package dev.accountadmin.server.store;

import dev.accountadmin.domain.UnitOfWork;
import java.sql.Connection;
import java.util.Optional;

/** Password hashes, a column of the users table that no other store reads. */
final class CredentialStore implements UnitOfWork.Credentials {
  private final Connection c;

  CredentialStore(Connection c) {
    this.c = c;
  }

  @Override
  public Optional<String> passwordHash(String userId) {
    return Sql.call(() -> {
      try (var statement = c.prepareStatement("SELECT password_hash FROM users WHERE id = ?")) {
        statement.setString(1, userId);
        try (var rows = statement.executeQuery()) {
          return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public void setPasswordHash(String userId, String hash) {
    Sql.run(() -> {
      try (var statement = c.prepareStatement("UPDATE users SET password_hash = ? WHERE id = ?")) {
        statement.setString(1, hash);
        statement.setString(2, userId);
        statement.executeUpdate();
      }
    });
  }
}
