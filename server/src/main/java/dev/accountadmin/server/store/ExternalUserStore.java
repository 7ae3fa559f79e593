package dev.accountadmin.server.store;

import dev.accountadmin.domain.MailProtocol;
import dev.accountadmin.domain.PriorState;
import dev.accountadmin.domain.Role;
import dev.accountadmin.domain.UnitOfWork;
import java.sql.Connection;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Restore state of external directories' users, one row per (directory, user id); plain SQL both engines share. */
final class ExternalUserStore implements UnitOfWork.ExternalUsers {
  private final Connection c;

  ExternalUserStore(Connection c) {
    this.c = c;
  }

  @Override
  public State find(String directory, String userId) {
    return Sql.call(() -> {
      try (var statement = c.prepareStatement("SELECT offboarded_at, prior_sign_in_blocked, prior_roles, prior_protocols,"
          + " connector_state FROM external_users WHERE directory = ? AND user_id = ?")) {
        statement.setString(1, directory);
        statement.setString(2, userId);
        try (var rows = statement.executeQuery()) {
          if (!rows.next()) {
            return State.NONE;
          }
          var offboardedAt = Sql.instant(rows, "offboarded_at");
          var prior = offboardedAt == null ? null : new PriorState(rows.getBoolean("prior_sign_in_blocked"),
              names(rows.getString("prior_protocols"), MailProtocol::valueOf),
              names(rows.getString("prior_roles"), Role::valueOf));
          return new State(offboardedAt, prior, rows.getString("connector_state"));
        }
      }
    });
  }

  @Override
  public void save(String directory, String userId, State state, Instant now) {
    Sql.run(() -> {
      try (var delete = c.prepareStatement("DELETE FROM external_users WHERE directory = ? AND user_id = ?")) {
        delete.setString(1, directory);
        delete.setString(2, userId);
        delete.executeUpdate();
      }
      try (var insert = c.prepareStatement("INSERT INTO external_users (directory, user_id, offboarded_at,"
          + " prior_sign_in_blocked, prior_roles, prior_protocols, connector_state, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
        var prior = state.prior();
        insert.setString(1, directory);
        insert.setString(2, userId);
        Sql.setInstant(insert, 3, state.offboardedAt());
        if (prior == null) {
          insert.setNull(4, java.sql.Types.BOOLEAN);
          insert.setNull(5, java.sql.Types.VARCHAR);
          insert.setNull(6, java.sql.Types.VARCHAR);
        } else {
          insert.setBoolean(4, prior.signInBlocked());
          insert.setString(5, prior.roles().stream().map(Enum::name).sorted().collect(Collectors.joining(",")));
          insert.setString(6, prior.protocols().stream().map(Enum::name).sorted().collect(Collectors.joining(",")));
        }
        insert.setString(7, state.connectorState() == null ? "" : state.connectorState());
        Sql.setInstant(insert, 8, now);
        insert.executeUpdate();
      }
    });
  }

  private static <E> Set<E> names(String joined, Function<String, E> parse) {
    if (joined == null || joined.isEmpty()) {
      return Set.of();
    }
    return Arrays.stream(joined.split(",")).map(parse).collect(Collectors.toSet());
  }
}
