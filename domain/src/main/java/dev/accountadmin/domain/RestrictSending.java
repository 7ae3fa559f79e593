package dev.accountadmin.domain;

import java.time.Instant;
import java.util.Optional;

/** Restricts the user from sending while a compromise is investigated; lifted by an admin. */
public record RestrictSending() implements Step {
  @Override
  public StepKind kind() {
    return StepKind.RESTRICT_SENDING;
  }

  @Override
  public Action action() {
    return Action.RESTRICT_SENDING;
  }

  @Override
  public boolean alreadyDone(User user, UnitOfWork unit, Instant now) {
    return user.restrictedAt(now);
  }

  @Override
  public Instant inEffectSince(User user) {
    return user.restriction() == null ? null : user.restriction().restrictedAt();
  }

  @Override
  public StepDetails plan(User user, UnitOfWork unit, Instant now) {
    return StepDetails.NONE;
  }

  @Override
  public Applied apply(User user, UnitOfWork unit, Instant now) {
    var restriction = new SendingRestriction(SendingRestriction.Reason.COMPROMISED, now, null);
    return new Applied(user.withRestriction(restriction, user.restrictionLiftCount()),
        new StepDetails.Restriction(SendingRestriction.Reason.COMPROMISED, user.restrictionLiftCount()));
  }

  @Override
  public Optional<Planned> undo(Restoring restoring) {
    return Optional.empty();
  }
}
