package dev.accountadmin.domain;

import dev.accountadmin.failure.DirectoryException;
import dev.accountadmin.failure.FieldViolation;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A user principal name: email-shaped, unique and compared case-insensitively. API resource
 * names are {@code users/{user_principal_name}}.
 */
public record UserName(String value) {
  private static final String PREFIX = "users/";
  static final int MAX_LENGTH = 254;
  // Local part as Entra accepts it (letters, digits and . _ % + - ' with no leading, trailing or
  // doubled dot), then a domain of at least two DNS labels.
  private static final Pattern SHAPE = Pattern.compile(
      "(?i)[a-z0-9_%+'-]+(\\.[a-z0-9_%+'-]+)*@([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");

  /** Parses a resource name {@code users/{upn}} from request field {@code field}. */
  public static UserName fromResourceName(String field, String name) {
    if (name == null || name.isBlank()) {
      throw DirectoryException.invalid(FieldViolation.required(field));
    }
    if (!name.startsWith(PREFIX)) {
      throw DirectoryException.invalid(FieldViolation.of(field, "MALFORMED_NAME", name));
    }
    return parse(field, name.substring(PREFIX.length()));
  }

  /** Parses a bare user principal name from request field {@code field}. */
  public static UserName parse(String field, String upn) {
    if (upn == null || upn.isBlank()) {
      throw DirectoryException.invalid(FieldViolation.required(field));
    }
    if (upn.length() > MAX_LENGTH) {
      throw DirectoryException.invalid(new FieldViolation(field, "TOO_LONG",
          java.util.Map.of("field", field, "max", Integer.toString(MAX_LENGTH))));
    }
    if (!SHAPE.matcher(upn).matches()) {
      throw DirectoryException.invalid(FieldViolation.of(field, "MALFORMED_USER_PRINCIPAL_NAME", upn));
    }
    return new UserName(upn);
  }

  /** The form used for uniqueness and look-ups. */
  public String key() {
    return value.toLowerCase(Locale.ROOT);
  }

  public String domain() {
    return key().substring(key().indexOf('@') + 1);
  }

  public String resourceName() {
    return PREFIX + value;
  }

  @Override
  public String toString() {
    return value;
  }
}
