package dev.accountadmin.domain;

import java.time.Instant;
import java.util.Optional;

/** Allows sign-in again. */
public record AllowSignIn() implements Step {
  @Override
  public StepKind kind() {
    return StepKind.ALLOW_SIGN_IN;
  }

  @Override
  public Action action() {
    return Action.ALLOW_SIGN_IN;
  }

  @Override
  public boolean alreadyDone(User user, UnitOfWork unit, Instant now) {
    return !user.signInBlocked();
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
    return new Applied(user.withSignInBlocked(false), StepDetails.NONE);
  }

  @Override
  public Optional<Planned> undo(Restoring restoring) {
    return Optional.empty();
  }
}
