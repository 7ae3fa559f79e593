package dev.accountadmin.domain;

import java.time.Instant;
import java.util.Optional;

/** Lifts a re-registration requirement: the user's registered methods count again at sign-in. */
public record LiftReregistration() implements Step {
  @Override
  public StepKind kind() {
    return StepKind.LIFT_REREGISTRATION;
  }

  @Override
  public Action action() {
    return Action.MANAGE_AUTH_METHODS;
  }

  @Override
  public boolean alreadyDone(User user, UnitOfWork unit, Instant now) {
    return unit.methods().reregistrationRequiredSince(user.id()).isEmpty();
  }

  @Override
  public Instant inEffectSince(User user) {
    return null;
  }

  @Override
  public StepDetails plan(User user, UnitOfWork unit, Instant now) {
    return RequireReregistration.details(user, unit);
  }

  @Override
  public Applied apply(User user, UnitOfWork unit, Instant now) {
    unit.methods().liftReregistration(user.id());
    return new Applied(user, RequireReregistration.details(user, unit));
  }

  @Override
  public Optional<Planned> undo(Restoring restoring) {
    return Optional.of(new Planned(new RequireReregistration(null), true));
  }
}
