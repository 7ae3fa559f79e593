package dev.accountadmin.server.store;

import com.google.gson.Gson;
import dev.accountadmin.domain.MailProtocol;
import dev.accountadmin.domain.PriorState;
import dev.accountadmin.domain.Role;
import dev.accountadmin.domain.SendingRestriction;
import dev.accountadmin.domain.UnitOfWork;
import dev.accountadmin.domain.User;
import dev.accountadmin.domain.UserLifecycle;
import dev.accountadmin.domain.UserName;
import dev.accountadmin.domain.UserQuery;
import dev.accountadmin.failure.DirectoryException;
import dev.accountadmin.failure.Reason;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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

/** Users and the tenant, in one unit of work. Every write checks the version it read (optimistic locking). */
final class UserStore implements UnitOfWork.Users {
  private static final Gson GSON = new Gson();
  private static final String COLUMNS = "id, upn, display_name, preferred_language, roles,"
      + " sign_in_blocked, password_changed_at, password_change_required, failed_attempts,"
      + " recent_failures, lockout_count, locked_until, enabled_protocols, restriction_reason,"
      + " restricted_at, restriction_expires_at, restriction_lift_count, offboarded_at,"
      + " prior_state, deleted_at, created_at, updated_at, version";

  /** How prior_state is stored (JSON, enum names), as rows written before this class have it. */
  private record StoredPriorState(boolean signInBlocked, List<String> protocols, List<String> roles) {}

  private final Connection c;
  private final Dialect dialect;

  UserStore(Connection c, Dialect dialect) {
    this.c = c;
    this.dialect = dialect;
  }

  @Override
  public Optional<String> tenantDomain() {
    return Sql.call(() -> {
      try (var statement = c.prepareStatement("SELECT domain FROM tenant WHERE id = 1"); var rows = statement.executeQuery()) {
        return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
      }
    });
  }

  @Override
  public boolean createTenant(String domain, Instant now) {
    // Another replica may be bootstrapping the same database: the tenant row decides.
    return Sql.call(() -> {
      try (var statement = c.prepareStatement("INSERT INTO tenant (id, domain, created_at) VALUES (1, ?, ?)"
          + " ON CONFLICT (id) DO NOTHING")) {
        statement.setString(1, domain);
        statement.setLong(2, now.toEpochMilli());
        return statement.executeUpdate() == 1;
      }
    });
  }

  @Override
  public Optional<User> find(UserName name) {
    return Sql.call(() -> {
      try (var statement = c.prepareStatement("SELECT " + COLUMNS + " FROM users WHERE upn_key = ?" + dialect.forUpdate())) {
        statement.setString(1, name.key());
        try (var rows = statement.executeQuery()) {
          return rows.next() ? Optional.of(read(rows)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public Optional<User> findById(String id) {
    return findById(id, "");
  }

  @Override
  public Optional<User> findByIdForUpdate(String id) {
    return findById(id, dialect.forUpdate());
  }

  private Optional<User> findById(String id, String lock) {
    return Sql.call(() -> {
      try (var statement = c.prepareStatement("SELECT " + COLUMNS + " FROM users WHERE id = ?" + lock)) {
        statement.setString(1, id);
        try (var rows = statement.executeQuery()) {
          return rows.next() ? Optional.of(read(rows)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public List<User> list(UserQuery query, String afterKey, int limit) {
    var sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM users WHERE upn_key > ?");
    var parameters = new ArrayList<Object>();
    parameters.add(afterKey);
    appendWhere(query, sql, parameters);
    sql.append(" ORDER BY upn_key LIMIT ?");
    parameters.add(limit);
    return Sql.call(() -> {
      try (var statement = c.prepareStatement(sql.toString())) {
        Sql.bind(statement, parameters);
        try (var rows = statement.executeQuery()) {
          var users = new ArrayList<User>();
          while (rows.next()) {
            users.add(read(rows));
          }
          return users;
        }
      }
    });
  }

  private static void appendWhere(UserQuery query, StringBuilder sql, List<Object> parameters) {
    long nowMillis = query.now().toEpochMilli();
    if (!query.states().contains(UserQuery.State.DELETED)) {
      sql.append(" AND deleted_at IS NULL");
    }
    for (var state : query.states()) {
      switch (state) {
        case DELETED -> {
          // Past the restore window a deleted user is gone, even before it is purged.
          sql.append(" AND deleted_at IS NOT NULL AND deleted_at > ?");
          parameters.add(query.now().minus(UserLifecycle.RESTORE_WINDOW).toEpochMilli());
        }
        case LOCKED -> {
          sql.append(" AND locked_until > ?");
          parameters.add(nowMillis);
        }
        case BLOCKED -> {
          sql.append(" AND sign_in_blocked = ?");
          parameters.add(Boolean.TRUE);
        }
        case RESTRICTED -> {
          sql.append(" AND restriction_reason IS NOT NULL"
              + " AND (restriction_expires_at IS NULL OR restriction_expires_at > ?)");
          parameters.add(nowMillis);
        }
        case ADMIN -> sql.append(" AND roles <> ''");
        case OFFBOARDED -> sql.append(" AND offboarded_at IS NOT NULL");
      }
    }
    for (var word : query.words()) {
      sql.append(" AND (upn_key LIKE ? ESCAPE '\\' OR LOWER(display_name) LIKE ? ESCAPE '\\')");
      var pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
      parameters.add(pattern);
      parameters.add(pattern);
    }
  }

  @Override
  public void insert(User user, String passwordHash) {
    var sql = "INSERT INTO users (" + COLUMNS + ", upn_key, password_hash)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    try (var statement = c.prepareStatement(sql)) {
      int i = bindUser(statement, user);
      statement.setLong(i++, user.version());
      statement.setString(i++, user.name().key());
      statement.setString(i, passwordHash);
      statement.executeUpdate();
    } catch (SQLException e) {
      // Another replica created the same user between the caller's look-up and this insert.
      if (dialect.isUniqueViolation(e)) {
        throw DirectoryException.of(Reason.USER_ALREADY_EXISTS, "user", user.name().value());
      }
      throw new StoreException(e);
    }
  }

  @Override
  public User update(User changed, Instant now) {
    var stamped = changed.toBuilder().updatedAt(now).version(changed.version() + 1).build();
    var sql = "UPDATE users SET id = ?, upn = ?, display_name = ?, preferred_language = ?,"
        + " roles = ?, sign_in_blocked = ?, password_changed_at = ?, password_change_required = ?,"
        + " failed_attempts = ?, recent_failures = ?, lockout_count = ?, locked_until = ?,"
        + " enabled_protocols = ?, restriction_reason = ?, restricted_at = ?,"
        + " restriction_expires_at = ?, restriction_lift_count = ?, offboarded_at = ?,"
        + " prior_state = ?, deleted_at = ?, created_at = ?, updated_at = ?, version = ?"
        + " WHERE id = ? AND version = ?";
    int updated = Sql.call(() -> {
      try (var statement = c.prepareStatement(sql)) {
        int i = bindUser(statement, stamped);
        statement.setLong(i++, stamped.version());
        statement.setString(i++, stamped.id());
        statement.setLong(i, changed.version());
        return statement.executeUpdate();
      }
    });
    if (updated != 1) {
      throw DirectoryException.of(Reason.CONCURRENT_MODIFICATION, "user", changed.name().value());
    }
    return stamped;
  }

  @Override
  public void delete(String userId) {
    Sql.run(() -> {
      try (var statement = c.prepareStatement("DELETE FROM users WHERE id = ?")) {
        statement.setString(1, userId);
        statement.executeUpdate();
      }
    });
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
    Sql.setInstant(s, i++, u.lockedUntil());
    s.setString(i++, join(u.enabledProtocols()));
    var restriction = u.restriction();
    s.setString(i++, restriction == null ? null : restriction.reason().name());
    Sql.setInstant(s, i++, restriction == null ? null : restriction.restrictedAt());
    Sql.setInstant(s, i++, restriction == null ? null : restriction.expiresAt());
    s.setInt(i++, u.restrictionLiftCount());
    Sql.setInstant(s, i++, u.offboardedAt());
    var prior = u.priorState();
    s.setString(i++, prior == null ? null : GSON.toJson(new StoredPriorState(prior.signInBlocked(),
        prior.protocols().stream().sorted().map(Enum::name).toList(),
        prior.roles().stream().sorted().map(Enum::name).toList())));
    Sql.setInstant(s, i++, u.deletedAt());
    s.setLong(i++, u.createdAt().toEpochMilli());
    s.setLong(i++, u.updatedAt().toEpochMilli());
    return i;
  }

  private static User read(ResultSet r) throws SQLException {
    var restrictionReason = r.getString("restriction_reason");
    var restriction = restrictionReason == null ? null : new SendingRestriction(
        SendingRestriction.Reason.valueOf(restrictionReason),
        Sql.instant(r, "restricted_at"), Sql.instant(r, "restriction_expires_at"));
    var recent = r.getString("recent_failures");
    var prior = r.getString("prior_state");
    return User.builder()
        .id(r.getString("id"))
        .name(new UserName(r.getString("upn")))
        .displayName(r.getString("display_name"))
        .preferredLanguage(r.getString("preferred_language"))
        .roles(split(r.getString("roles"), Role::valueOf, Role.class))
        .signInBlocked(r.getBoolean("sign_in_blocked"))
        .passwordChangedAt(Instant.ofEpochMilli(r.getLong("password_changed_at")))
        .passwordChangeRequired(r.getBoolean("password_change_required"))
        .failedAttempts(r.getInt("failed_attempts"))
        .recentFailures(recent.isEmpty() ? List.of() : List.of(recent.split(",")))
        .lockoutCount(r.getInt("lockout_count"))
        .lockedUntil(Sql.instant(r, "locked_until"))
        .enabledProtocols(split(r.getString("enabled_protocols"), MailProtocol::valueOf, MailProtocol.class))
        .restriction(restriction)
        .restrictionLiftCount(r.getInt("restriction_lift_count"))
        .offboardedAt(Sql.instant(r, "offboarded_at"))
        .priorState(prior == null ? null : priorState(GSON.fromJson(prior, StoredPriorState.class)))
        .deletedAt(Sql.instant(r, "deleted_at"))
        .createdAt(Instant.ofEpochMilli(r.getLong("created_at")))
        .updatedAt(Instant.ofEpochMilli(r.getLong("updated_at")))
        .version(r.getLong("version"))
        .build();
  }

  private static PriorState priorState(StoredPriorState stored) {
    var protocols = EnumSet.noneOf(MailProtocol.class);
    stored.protocols().forEach(p -> protocols.add(MailProtocol.valueOf(p)));
    var roles = EnumSet.noneOf(Role.class);
    stored.roles().forEach(p -> roles.add(Role.valueOf(p)));
    return new PriorState(stored.signInBlocked(), protocols, roles);
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
}
