package dev.accountadmin.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Removes every licence of the user: each seat goes back to the product's pool. What it removed
 * is recorded so that restore can re-assign exactly that, if a seat is still free then.
 */
// recordsForRestore: as for RemoveGroupMemberships, only an offboarding's removal is restore's to undo.
public record RemoveLicences(boolean recordsForRestore) implements Step {
  @Override
  public StepKind kind() {
    return StepKind.REMOVE_LICENCES;
  }

  @Override
  public Action action() {
    return Action.MANAGE_LICENCES;
  }

  @Override
  public boolean alreadyDone(User user, UnitOfWork unit, Instant now) {
    return unit.memberships().licencesOf(user.id()).isEmpty();
  }

  @Override
  public Instant inEffectSince(User user) {
    return null;
  }

  @Override
  public StepDetails plan(User user, UnitOfWork unit, Instant now) {
    return new StepDetails.Licences(
        unit.memberships().licencesOf(user.id()).stream().map(UnitOfWork.Memberships.Licence::name).toList(), List.of());
  }

  @Override
  public Applied apply(User user, UnitOfWork unit, Instant now) {
    var memberships = unit.memberships();
    var licences = memberships.licencesOf(user.id());
    for (var licence : licences) {
      memberships.unassign(user.id(), licence.sku());
    }
    if (recordsForRestore) {
      memberships.recordRemovedLicences(user.id(), licences.stream().map(UnitOfWork.Memberships.Licence::sku).toList(), now);
    }
    return new Applied(user, new StepDetails.Licences(
        licences.stream().map(UnitOfWork.Memberships.Licence::name).toList(), List.of()));
  }

  // Restore re-assigns what this step recorded; with nothing recorded it is already done.
  @Override
  public Optional<Planned> undo(Restoring restoring) {
    return Optional.of(new Planned(new RestoreLicences(), true));
  }
}
