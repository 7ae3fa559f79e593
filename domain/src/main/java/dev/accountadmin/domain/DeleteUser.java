package dev.accountadmin.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * Deletes the account, last in an offboarding (Microsoft's seventh leaver step): a soft delete.
 * The user leaves the normal listings (the {@code deleted} filter shows them), every sign-in,
 * refresh and introspection is refused, and restore brings the account back for
 * {@link UserLifecycle#RESTORE_WINDOW}; after that it is purged.
 */
public record DeleteUser() implements Step {
  @Override
  public StepKind kind() {
    return StepKind.DELETE_USER;
  }

  @Override
  public Action action() {
    return Action.DELETE_USER;
  }

  @Override
  public boolean alreadyDone(User user, UnitOfWork unit, Instant now) {
    return user.deleted();
  }

  @Override
  public Instant inEffectSince(User user) {
    return user.deletedAt();
  }

  @Override
  public StepDetails plan(User user, UnitOfWork unit, Instant now) {
    return new StepDetails.Deletion(now, now.plus(UserLifecycle.RESTORE_WINDOW));
  }

  @Override
  public Applied apply(User user, UnitOfWork unit, Instant now) {
    // Sessions go too, as for a delete on its own: the offboarding revoked them already, but a
    // delete must not depend on what ran before it.
    unit.sessions().revokeAll(user.id(), now);
    return new Applied(user.withDeletedAt(now), new StepDetails.Deletion(now, now.plus(UserLifecycle.RESTORE_WINDOW)));
  }

  // Restore brings the account back before it undoes anything else (see ProcedureDefinition.RESTORE).
  @Override
  public Optional<Planned> undo(Restoring restoring) {
    return Optional.of(new Planned(new UndeleteUser(), true));
  }
}
