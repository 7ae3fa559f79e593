package dev.accountadmin.failure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A failure the caller can act on: a {@link Reason}, the values its message shows, and for bad
 * input the field violations. Never carries a password, hash or token.
 */
public final class DirectoryException extends RuntimeException {
  private final Reason reason;
  private final Map<String, String> metadata;
  private final List<FieldViolation> violations;
  private final Duration retryAfter;

  private DirectoryException(Reason reason, Map<String, String> metadata,
      List<FieldViolation> violations, Duration retryAfter) {
    super(reason + " " + metadata, null, false, false);
    this.reason = reason;
    this.metadata = Map.copyOf(metadata);
    this.violations = List.copyOf(violations);
    this.retryAfter = retryAfter;
  }

  /** A failure with metadata given as alternating keys and values. */
  public static DirectoryException of(Reason reason, String... keyValues) {
    var metadata = new LinkedHashMap<String, String>();
    for (int i = 0; i < keyValues.length; i += 2) {
      metadata.put(keyValues[i], keyValues[i + 1]);
    }
    return new DirectoryException(reason, metadata, List.of(), null);
  }

  public static DirectoryException of(Reason reason, Map<String, String> metadata) {
    return new DirectoryException(reason, metadata, List.of(), null);
  }

  /** Bad input: one or more fields are invalid. */
  public static DirectoryException invalid(List<FieldViolation> violations) {
    return new DirectoryException(Reason.INVALID_ARGUMENT,
        Map.of("violationCount", Integer.toString(violations.size())), violations, null);
  }

  public static DirectoryException invalid(FieldViolation violation) {
    return invalid(List.of(violation));
  }

  /**
   * A failure with its own reason that is also bad input in named fields (a weak password), so a
   * client can point at the field as for any other violation.
   */
  public static DirectoryException ofFields(Reason reason, Map<String, String> metadata, List<FieldViolation> violations) {
    return new DirectoryException(reason, metadata, violations, null);
  }

  /** A failure that goes away by itself after {@code retryAfter} (a lockout). */
  public static DirectoryException retryable(Reason reason, Duration retryAfter, Map<String, String> metadata) {
    return new DirectoryException(reason, metadata, List.of(), retryAfter);
  }

  public Reason reason() {
    return reason;
  }

  public Map<String, String> metadata() {
    return metadata;
  }

  public List<FieldViolation> violations() {
    return violations;
  }

  /** How long to wait before trying again, or null when waiting does not help. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
