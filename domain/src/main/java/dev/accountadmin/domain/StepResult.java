package dev.accountadmin.domain;

import dev.accountadmin.failure.Reason;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * The result of one step: what it did, when that is in effect, and typed details for rendering.
 *
 * @param number position in its procedure, from 1
 * @param effectiveAt when the change is in effect; for ALREADY_DONE, since when the state has
 *     held where that is known; otherwise null
 * @param requiredRoles for a DENIED step, roles any one of which would allow it
 * @param error for a FAILED step, its reason and metadata
 */
public record StepResult(int number, StepKind kind, Outcome outcome, Instant effectiveAt,
    Set<Role> requiredRoles, Failure error, StepDetails details) {

  /** Why a step failed, in ErrorInfo terms. */
  public record Failure(Reason reason, Map<String, String> metadata) {}

  public static StepResult of(int number, StepKind kind, Outcome outcome, Instant effectiveAt, StepDetails details) {
    return new StepResult(number, kind, outcome, effectiveAt, Set.of(), null, details);
  }

  public StepResult numbered(int n) {
    return new StepResult(n, kind, outcome, effectiveAt, requiredRoles, error, details);
  }
}
