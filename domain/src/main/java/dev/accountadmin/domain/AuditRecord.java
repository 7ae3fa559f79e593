package dev.accountadmin.domain;

import dev.accountadmin.domain.Action;
import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One audit record. {@code details} never holds a password, hash or token: callers put only
 * reasons, outcomes and counts there.
 */
public record AuditRecord(
    long sequence,
    Instant time,
    String actor,
    String clientAddress,
    Action action,
    String target,
    String requestId,
    Outcome outcome,
    SortedMap<String, String> details,
    String previousHash,
    String hash) {

  /** How an audited call ended; names match {@code accountadmin.v1.AuditOutcome}. */
  public enum Outcome { SUCCESS, NO_CHANGE, DENIED, FAILURE, PLANNED }

  public AuditRecord {
    details = new TreeMap<>(details);
  }

  /** A record still to be appended: the log assigns sequence, time and hashes. */
  public static AuditRecord of(String actor, String clientAddress, Action action, String target,
      String requestId, Outcome outcome, Map<String, String> details) {
    return new AuditRecord(0, null, actor, clientAddress, action, target,
        requestId == null ? "" : requestId, outcome, new TreeMap<>(details), null, null);
  }
}
