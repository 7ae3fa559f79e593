package dev.accountadmin.domain;

import java.time.Instant;
import java.util.Optional;

/** Blocks sign-in: every new sign-in, refresh and introspection is refused. */
public record BlockSignIn() implements Step {
  @Override
  public StepKind kind() {
    return StepKind.BLOCK_SIGN_IN;
  }

  @Override
  public Action action() {
    return Action.BLOCK_SIGN_IN;
  }

  @Override
  public boolean alreadyDone(User user, UnitOfWork unit, Instant now) {
    return user.signInBlocked();
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
    return new Applied(user.withSignInBlocked(true), StepDetails.NONE);
  }

  // Sign-in is allowed again only if it was allowed before the offboarding.
  @Override
  public Optional<Planned> undo(Restoring restoring) {
    return Optional.of(new Planned(new AllowSignIn(), !restoring.prior().signInBlocked()));
  }
}
