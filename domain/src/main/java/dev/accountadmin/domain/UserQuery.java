package dev.accountadmin.domain;

import dev.accountadmin.failure.DirectoryException;
import dev.accountadmin.failure.FieldViolation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A parsed {@code ListUsers} filter: space-separated terms that must all hold. A term is a state
 * ({@code locked}, {@code blocked}, {@code restricted}, {@code admin}, {@code deleted},
 * {@code offboarded}) or a word matched against the user principal name and display name.
 * Deleted users are listed only when asked for.
 *
 * @param states in the order they were typed (a page token binds the filter as typed)
 */
public record UserQuery(List<String> words, List<State> states, Instant now) {
  private static final int MAX_LENGTH = 500;

  /** The states a filter can ask for; a term is one when it is the lower-case name. */
  public enum State {
    LOCKED, BLOCKED, RESTRICTED, ADMIN, DELETED, OFFBOARDED;

    /** The term that asks for this state. */
    public String term() {
      return name().toLowerCase(Locale.ROOT);
    }

    static State ofTerm(String term) {
      for (var state : values()) {
        if (state.term().equals(term)) {
          return state;
        }
      }
      return null;
    }
  }

  public static UserQuery parse(String field, String filter, Instant now) {
    if (filter.length() > MAX_LENGTH) {
      throw DirectoryException.invalid(new FieldViolation(field, "TOO_LONG",
          Map.of("field", field, "max", Integer.toString(MAX_LENGTH))));
    }
    // Whitespace separates terms; any other control character (NUL above all, which PostgreSQL
    // refuses in text) can match nothing and is bad input, not an internal error.
    if (filter.chars().anyMatch(c -> Character.isISOControl(c) && !Character.isWhitespace(c))) {
      throw DirectoryException.invalid(FieldViolation.controlCharacters(field));
    }
    var words = new ArrayList<String>();
    var states = new ArrayList<State>();
    for (var term : filter.trim().toLowerCase(Locale.ROOT).split("\\s+")) {
      if (term.isEmpty()) {
        continue;
      }
      var state = State.ofTerm(term);
      if (state != null) {
        states.add(state);
      } else {
        words.add(term);
      }
    }
    return new UserQuery(List.copyOf(words), List.copyOf(states), now);
  }

  /** Only users restricted from sending at {@code now}. */
  public static UserQuery restricted(Instant now) {
    return new UserQuery(List.of(), List.of(State.RESTRICTED), now);
  }
}
