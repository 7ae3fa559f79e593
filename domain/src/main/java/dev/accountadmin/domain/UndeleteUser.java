package dev.accountadmin.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * Restore's undo of {@link DeleteUser}: brings a deleted account back, within its restore window
 * (past it, restore refuses with USER_PURGED before any step runs). A user an offboarding did not
 * delete is already there.
 */
public record UndeleteUser() implements Step {
  @Override
  public StepKind kind() {
    return StepKind.UNDELETE_USER;
  }

  @Override
  public Action action() {
    return Action.UNDELETE_USER;
  }

  @Override
  public boolean alreadyDone(User user, UnitOfWork unit, Instant now) {
    return !user.deleted();
  }

  @Override
  public Instant inEffectSince(User user) {
    return null;
  }

  @Override
  public StepDetails plan(User user, UnitOfWork unit, Instant now) {
    return new StepDetails.Deletion(user.deletedAt(), user.deletedAt() == null ? null
        : user.deletedAt().plus(UserLifecycle.RESTORE_WINDOW));
  }

  @Override
  public Applied apply(User user, UnitOfWork unit, Instant now) {
    return new Applied(user.withDeletedAt(null), plan(user, unit, now));
  }

  @Override
  public Optional<Planned> undo(Restoring restoring) {
    return Optional.empty();
  }
}
