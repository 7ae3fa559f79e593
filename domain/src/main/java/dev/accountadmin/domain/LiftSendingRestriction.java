package dev.accountadmin.domain;

import java.time.Instant;
import java.util.Optional;

/** Lifts a sending restriction, with a fresh allowance: what was sent before must not restrict again. */
public record LiftSendingRestriction() implements Step {
  @Override
  public StepKind kind() {
    return StepKind.LIFT_SENDING_RESTRICTION;
  }

  @Override
  public Action action() {
    return Action.LIFT_SENDING_RESTRICTION;
  }

  @Override
  public boolean alreadyDone(User user, UnitOfWork unit, Instant now) {
    return !user.restrictedAt(now);
  }

  @Override
  public Instant inEffectSince(User user) {
    return null;
  }

  @Override
  public StepDetails plan(User user, UnitOfWork unit, Instant now) {
    return StepDetails.NONE;
  }

  @Override
  public Applied apply(User user, UnitOfWork unit, Instant now) {
    unit.mail().forgive(user.id(), now);
    int lifts = user.restrictionLiftCount() + 1;
    return new Applied(user.withRestriction(null, lifts), new StepDetails.Restriction(user.restriction().reason(), lifts));
  }

  // Offboarding does not restrict sending; there is nothing to undo.
  @Override
  public Optional<Planned> undo(Restoring restoring) {
    return Optional.empty();
  }
}
