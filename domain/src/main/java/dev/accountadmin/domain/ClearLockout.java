package dev.accountadmin.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Clears a lockout and the count of failed attempts behind it. */
public record ClearLockout() implements Step {
  @Override
  public StepKind kind() {
    return StepKind.CLEAR_LOCKOUT;
  }

  @Override
  public Action action() {
    return Action.CLEAR_LOCKOUT;
  }

  @Override
  public boolean alreadyDone(User user, UnitOfWork unit, Instant now) {
    return !user.lockedAt(now) && user.failedAttempts() == 0;
  }

  @Override
  public Instant inEffectSince(User user) {
    return null;
  }

  @Override
  public StepDetails plan(User user, UnitOfWork unit, Instant now) {
    return details(user, now);
  }

  @Override
  public Applied apply(User user, UnitOfWork unit, Instant now) {
    return new Applied(user.withLockout(0, List.of(), 0, null), details(user, now));
  }

  private static StepDetails details(User user, Instant now) {
    return new StepDetails.LockoutCleared(user.failedAttempts(), user.lockedAt(now) ? user.lockedUntil() : null);
  }

  // A lockout is not something to give back.
  @Override
  public Optional<Planned> undo(Restoring restoring) {
    return Optional.empty();
  }
}
