package dev.accountadmin.domain;

import java.time.Instant;
import java.time.ZoneId;

/**
 * An offboarding to run once, later, as the admin who scheduled it.
 *
 * @param options the steps it runs, in the edge's encoding (the template refined by the request)
 * @param result what the run did, in the edge's encoding; null until it is DONE
 * @param error why it FAILED; null otherwise
 * @param version incremented by every change; changes and cancels may check it
 * @param templateVersion the template version its options came from; 0 when there was none
 */
public record ScheduledOffboarding(String id, String userId, UserName user, OffboardingTime when, Instant runAt,
    ZoneId zone, byte[] options, State state, byte[] result, StepResult.Failure error, String creatorId,
    UserName creator, String requestId, Instant createdAt, Instant updatedAt, long version, long templateVersion) {

  /** Where a scheduled offboarding is; RUNNING only inside the unit of work that runs it. */
  public enum State { SCHEDULED, RUNNING, DONE, FAILED, CANCELLED }

  public ScheduledOffboarding changed(OffboardingTime newWhen, Instant newRunAt, ZoneId newZone, byte[] newOptions,
      State newState, Instant now) {
    return new ScheduledOffboarding(id, userId, user, newWhen, newRunAt, newZone, newOptions, newState, result, error,
        creatorId, creator, requestId, createdAt, now, version + 1, templateVersion);
  }
}
