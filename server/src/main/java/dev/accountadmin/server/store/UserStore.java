package dev.accountadmin.server.store;

import dev.accountadmin.server.failure.DirectoryException;
import dev.accountadmin.server.domain.MailProtocol;
import dev.accountadmin.server.failure.Reason;
import dev.accountadmin.server.domain.Role;
import dev.accountadmin.server.domain.SendingRestriction;
import dev.accountadmin.server.domain.User;
import dev.accountadmin.server.domain.UserName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads and writes users. Every write checks the version it read (optimistic locking). */
public final class UserStore {
  private static final String COLUMNS = "id, upn, display_name, preferred_language, roles,"
      + " sign_in_blocked, password_changed_at, password_change_required, failed_attempts,"
      + " recent_failures, lockout_count, locked_until, enabled_protocols, restriction_reason,"
      + " restricted_at, restriction_expires_at, restriction_lift_count, offboarded_at,"
      + " prior_state, deleted_at, created_at, updated_at, version";

  private final Database.Engine engine;

  public UserStore(Database.Engine engine) {
    this.engine = engine;
  }

  /** The tenant's domain, stored in lower case when the directory was bootstrapped. */
  public String tenantDomain(Connection c) throws SQLException {
    try (var statement = c.prepareStatement("SELECT domain FROM tenant WHERE id = 1"); var rows = statement.executeQuery()) {
      if (!rows.next()) {
        throw new IllegalStateException("the directory has no tenant: it was never bootstrapped");
      }
      return rows.getString(1);
    }
  }

  /** The user named {@code name}, locked for update on engines with row locks. */
  public Optional<User> find(Connection c, UserName name) throws SQLException {
    var sql = "SELECT " + COLUMNS + " FROM users WHERE upn_key = ?"
        + (engine == Database.Engine.POSTGRESQL ? " FOR UPDATE" : "");
    try (var statement = c.prepareStatement(sql)) {
      statement.setString(1, name.key());
      try (var rows = statement.executeQuery()) {
        return rows.next() ? Optional.of(read(rows)) : Optional.empty();
      }
    }
  }

  public Optional<User> findById(Connection c, String id) throws SQLException {
    return findById(c, id, "");
  }

  /** The user with this id, locked for update on engines with row locks (before changing it). */
  public Optional<User> findByIdForUpdate(Connection c, String id) throws SQLException {
    return findById(c, id, engine == Database.Engine.POSTGRESQL ? " FOR UPDATE" : "");
  }

  private Optional<User> findById(Connection c, String id, String lock) throws SQLException {
    try (var statement = c.prepareStatement("SELECT " + COLUMNS + " FROM users WHERE id = ?" + lock)) {
      statement.setString(1, id);
      try (var rows = statement.executeQuery()) {
        return rows.next() ? Optional.of(read(rows)) : Optional.empty();
      }
    }
  }

  /** Users whose key is after {@code afterKey}, in key order, at most {@code limit}. */
  public List<User> list(Connection c, UserQuery query, String afterKey, int limit) throws SQLException {
    var sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM users WHERE upn_key > ?");
    var parameters = new ArrayList<Object>();
    parameters.add(afterKey);
    query.appendWhere(sql, parameters);
    sql.append(" ORDER BY upn_key LIMIT ?");
    parameters.add(limit);
    try (var statement = c.prepareStatement(sql.toString())) {
      bind(statement, parameters);
      try (var rows = statement.executeQuery()) {
        var users = new ArrayList<User>();
        while (rows.next()) {
          users.add(read(rows));
        }
        return users;
      }
    }
  }

  public void insert(Connection c, User user, String passwordHash) throws SQLException {
    var sql = "INSERT INTO users (" + COLUMNS + ", upn_key, password_hash)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    try (var statement = c.prepareStatement(sql)) {
      int i = bindUser(statement, user);
      statement.setLong(i++, user.version());
      statement.setString(i++, user.name().key());
      statement.setString(i, passwordHash);
      statement.executeUpdate();
    }
  }

  /**
   * Writes {@code changed} over the stored row if nobody changed it since it was read, and
   * returns it with its new version and update time.
   */
  public User update(Connection c, User changed, Instant now) throws SQLException {
    var stamped = new User(changed.id(), changed.name(), changed.displayName(),
        changed.preferredLanguage(), changed.roles(), changed.signInBlocked(),
        changed.passwordChangedAt(), changed.passwordChangeRequired(), changed.failedAttempts(),
        changed.recentFailures(), changed.lockoutCount(), changed.lockedUntil(),
        changed.enabledProtocols(), changed.restriction(), changed.restrictionLiftCount(),
        changed.offboardedAt(), changed.priorState(), changed.deletedAt(), changed.createdAt(),
        now, changed.version() + 1);
    var sql = "UPDATE users SET id = ?, upn = ?, display_name = ?, preferred_language = ?,"
        + " roles = ?, sign_in_blocked = ?, password_changed_at = ?, password_change_required = ?,"
        + " failed_attempts = ?, recent_failures = ?, lockout_count = ?, locked_until = ?,"
        + " enabled_protocols = ?, restriction_reason = ?, restricted_at = ?,"
        + " restriction_expires_at = ?, restriction_lift_count = ?, offboarded_at = ?,"
        + " prior_state = ?, deleted_at = ?, created_at = ?, updated_at = ?, version = ?"
        + " WHERE id = ? AND version = ?";
    try (var statement = c.prepareStatement(sql)) {
      int i = bindUser(statement, stamped);
      statement.setLong(i++, stamped.version());
      statement.setString(i++, stamped.id());
      statement.setLong(i, changed.version());
      if (statement.executeUpdate() != 1) {
        throw DirectoryException.of(Reason.CONCURRENT_MODIFICATION, "user", changed.name().value());
      }
    }
    return stamped;
  }

  /** Sets the password hash; null leaves a credential that no password matches. */
  public void setPasswordHash(Connection c, String userId, String hash) throws SQLException {
    try (var statement = c.prepareStatement("UPDATE users SET password_hash = ? WHERE id = ?")) {
      statement.setString(1, hash);
      statement.setString(2, userId);
      statement.executeUpdate();
    }
  }

  /** The stored password hash, or empty when no password can sign in. Only sign-in calls this. */
  public Optional<String> passwordHash(Connection c, String userId) throws SQLException {
    try (var statement = c.prepareStatement("SELECT password_hash FROM users WHERE id = ?")) {
      statement.setString(1, userId);
      try (var rows = statement.executeQuery()) {
        return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
      }
    }
  }

  public void delete(Connection c, String userId) throws SQLException {
    try (var statement = c.prepareStatement("DELETE FROM users WHERE id = ?")) {
      statement.setString(1, userId);
      statement.executeUpdate();
    }
  }

  public long count(Connection c) throws SQLException {
    try (var statement = c.prepareStatement("SELECT COUNT(*) FROM users");
        var rows = statement.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static int bindUser(PreparedStatement s, User u) throws SQLException {
    int i = 1;
    s.setString(i++, u.id());
    s.setString(i++, u.name().value());
    s.setString(i++, u.displayName());
    s.setString(i++, u.preferredLanguage());
    s.setString(i++, join(u.roles()));
    s.setBoolean(i++, u.signInBlocked());
    s.setLong(i++, u.passwordChangedAt().toEpochMilli());
    s.setBoolean(i++, u.passwordChangeRequired());
    s.setInt(i++, u.failedAttempts());
    s.setString(i++, String.join(",", u.recentFailures()));
    s.setInt(i++, u.lockoutCount());
    setInstant(s, i++, u.lockedUntil());
    s.setString(i++, join(u.enabledProtocols()));
    var restriction = u.restriction();
    s.setString(i++, restriction == null ? null : restriction.reason().name());
    setInstant(s, i++, restriction == null ? null : restriction.restrictedAt());
    setInstant(s, i++, restriction == null ? null : restriction.expiresAt());
    s.setInt(i++, u.restrictionLiftCount());
    setInstant(s, i++, u.offboardedAt());
    s.setString(i++, u.priorState());
    setInstant(s, i++, u.deletedAt());
    s.setLong(i++, u.createdAt().toEpochMilli());
    s.setLong(i++, u.updatedAt().toEpochMilli());
    return i;
  }

  private static User read(ResultSet r) throws SQLException {
    var restrictionReason = r.getString("restriction_reason");
    var restriction = restrictionReason == null ? null : new SendingRestriction(
        SendingRestriction.Reason.valueOf(restrictionReason),
        instant(r, "restricted_at"), instant(r, "restriction_expires_at"));
    var recent = r.getString("recent_failures");
    return new User(
        r.getString("id"),
        new UserName(r.getString("upn")),
        r.getString("display_name"),
        r.getString("preferred_language"),
        split(r.getString("roles"), Role::valueOf, Role.class),
        r.getBoolean("sign_in_blocked"),
        Instant.ofEpochMilli(r.getLong("password_changed_at")),
        r.getBoolean("password_change_required"),
        r.getInt("failed_attempts"),
        recent.isEmpty() ? List.of() : List.of(recent.split(",")),
        r.getInt("lockout_count"),
        instant(r, "locked_until"),
        split(r.getString("enabled_protocols"), MailProtocol::valueOf, MailProtocol.class),
        restriction,
        r.getInt("restriction_lift_count"),
        instant(r, "offboarded_at"),
        r.getString("prior_state"),
        instant(r, "deleted_at"),
        Instant.ofEpochMilli(r.getLong("created_at")),
        Instant.ofEpochMilli(r.getLong("updated_at")),
        r.getLong("version"));
  }

  static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
    for (int i = 0; i < parameters.size(); i++) {
      statement.setObject(i + 1, parameters.get(i));
    }
  }

  private static <E extends Enum<E>> String join(Set<E> values) {
    return values.stream().sorted().map(Enum::name).collect(Collectors.joining(","));
  }

  private static <E extends Enum<E>> Set<E> split(String value, Function<String, E> parse, Class<E> type) {
    var set = EnumSet.noneOf(type);
    if (!value.isEmpty()) {
      Arrays.stream(value.split(",")).map(parse).forEach(set::add);
    }
    return Collections.unmodifiableSet(set);
  }

  private static void setInstant(PreparedStatement s, int index, Instant value) throws SQLException {
    if (value == null) {
      s.setNull(index, Types.BIGINT);
    } else {
      s.setLong(index, value.toEpochMilli());
    }
  }

  private static Instant instant(ResultSet r, String column) throws SQLException {
    long value = r.getLong(column);
    return r.wasNull() ? null : Instant.ofEpochMilli(value);
  }
}
