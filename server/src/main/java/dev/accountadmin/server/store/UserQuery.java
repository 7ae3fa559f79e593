package dev.accountadmin.server.store;

import dev.accountadmin.server.failure.DirectoryException;
import dev.accountadmin.server.failure.FieldViolation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A parsed {@code ListUsers} filter: space-separated terms that must all hold. A term is a state
 * ({@code locked}, {@code blocked}, {@code restricted}, {@code admin}, {@code deleted},
 * {@code offboarded}) or a word matched against the user principal name and display name.
 * Deleted users are listed only when asked for.
 */
public record UserQuery(List<String> words, List<String> states, Instant now) {
  static final List<String> STATES =
      List.of("locked", "blocked", "restricted", "admin", "deleted", "offboarded");
  private static final int MAX_LENGTH = 500;

  public static UserQuery parse(String field, String filter, Instant now) {
    if (filter.length() > MAX_LENGTH) {
      throw DirectoryException.invalid(new FieldViolation(field, "TOO_LONG",
          java.util.Map.of("field", field, "max", Integer.toString(MAX_LENGTH))));
    }
    // Whitespace separates terms; any other control character (NUL above all, which PostgreSQL
    // refuses in text) can match nothing and is bad input, not an internal error.
    if (filter.chars().anyMatch(c -> Character.isISOControl(c) && !Character.isWhitespace(c))) {
      throw DirectoryException.invalid(FieldViolation.controlCharacters(field));
    }
    var words = new ArrayList<String>();
    var states = new ArrayList<String>();
    for (var term : filter.trim().toLowerCase(Locale.ROOT).split("\\s+")) {
      if (term.isEmpty()) {
        continue;
      }
      (STATES.contains(term) ? states : words).add(term);
    }
    return new UserQuery(List.copyOf(words), List.copyOf(states), now);
  }

  /** Only users restricted from sending at {@code now}. */
  public static UserQuery restricted(Instant now) {
    return new UserQuery(List.of(), List.of("restricted"), now);
  }

  void appendWhere(StringBuilder sql, List<Object> parameters) {
    long nowMillis = now.toEpochMilli();
    if (!states.contains("deleted")) {
      sql.append(" AND deleted_at IS NULL");
    }
    for (var state : states) {
      switch (state) {
        case "deleted" -> {
          // Past the restore window a deleted user is gone, even before it is purged.
          sql.append(" AND deleted_at IS NOT NULL AND deleted_at > ?");
          parameters.add(now.minus(dev.accountadmin.server.domain.UserLifecycle.RESTORE_WINDOW).toEpochMilli());
        }
        case "locked" -> {
          sql.append(" AND locked_until > ?");
          parameters.add(nowMillis);
        }
        case "blocked" -> sql.append(" AND sign_in_blocked = ?");
        case "restricted" -> {
          sql.append(" AND restriction_reason IS NOT NULL"
              + " AND (restriction_expires_at IS NULL OR restriction_expires_at > ?)");
          parameters.add(nowMillis);
        }
        case "admin" -> sql.append(" AND roles <> ''");
        case "offboarded" -> sql.append(" AND offboarded_at IS NOT NULL");
        default -> throw new IllegalStateException(state);
      }
      if (state.equals("blocked")) {
        parameters.add(Boolean.TRUE);
      }
    }
    for (var word : words) {
      sql.append(" AND (upn_key LIKE ? ESCAPE '\\' OR LOWER(display_name) LIKE ? ESCAPE '\\')");
      var pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
      parameters.add(pattern);
      parameters.add(pattern);
    }
  }
}
