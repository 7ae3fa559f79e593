package dev.accountadmin.domain;

import java.time.Instant;
import java.util.List;

/**
 * What a procedure did: every step in order, what to do next, and the access that outlives it.
 *
 * @param accessTokensValidUntil access tokens issued before sessions were revoked stay valid
 *     until then for relying parties that do not introspect; null when there are none
 */
public record ProcedureResult(Procedure procedure, User user, int activeSessions, boolean validateOnly,
    List<StepResult> steps, List<Recommendation> recommendations, Instant accessTokensValidUntil,
    Instant completedAt) {

  /** The procedures; names match {@code accountadmin.v1.Procedure}. */
  public enum Procedure { UNLOCK, OFFBOARD, SECURE_COMPROMISED, RESTORE }

  /** Advice for the admin; names match {@code accountadmin.v1.Recommendation}. */
  public enum Recommendation { SECURE_COMPROMISED_ACCOUNT, SHARE_TEMPORARY_PASSWORD }
}
