package dev.accountadmin.failure;

import java.util.Map;

/**
 * One invalid field of a request. {@code code} names the bundle key {@code violation.<code>};
 * {@code metadata} holds every value the message shows, as strings (they travel in ErrorInfo).
 */
public record FieldViolation(String field, String code, Map<String, String> metadata) {

  public static FieldViolation required(String field) {
    return new FieldViolation(field, "REQUIRED", Map.of("field", field));
  }

  public static FieldViolation of(String field, String code, String value) {
    return new FieldViolation(field, code, Map.of("field", field, "value", value));
  }

  /** A text field with a control character (NUL, a line break ...), which no stored text may hold. */
  public static FieldViolation controlCharacters(String field) {
    return new FieldViolation(field, "CONTROL_CHARACTERS", Map.of("field", field));
  }

  public static FieldViolation outOfRange(String field, long value, long min, long max) {
    return new FieldViolation(field, "OUT_OF_RANGE", Map.of(
        "field", field, "value", Long.toString(value), "min", Long.toString(min), "max", Long.toString(max)));
  }
}
