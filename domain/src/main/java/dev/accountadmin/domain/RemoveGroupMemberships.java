package dev.accountadmin.domain;

import dev.accountadmin.domain.UnitOfWork.Memberships.Membership;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Removes the user from every group they are a member or an owner of, and records what it
 * removed so that restore re-adds exactly that. A group whose last owner the user was is left
 * without an owner: the details say which, since nobody can manage such a group but an admin.
 */
// recordsForRestore: true in an offboarding, whose restore re-adds what it removed; false for the
// single step, an admin's own decision that no later restore should quietly undo.
public record RemoveGroupMemberships(boolean recordsForRestore) implements Step {
  @Override
  public StepKind kind() {
    return StepKind.REMOVE_GROUP_MEMBERSHIPS;
  }

  @Override
  public Action action() {
    return Action.MANAGE_GROUP_MEMBERSHIPS;
  }

  @Override
  public boolean alreadyDone(User user, UnitOfWork unit, Instant now) {
    return unit.memberships().of(user.id()).isEmpty();
  }

  @Override
  public Instant inEffectSince(User user) {
    return null;
  }

  @Override
  public StepDetails plan(User user, UnitOfWork unit, Instant now) {
    return details(unit, unit.memberships().of(user.id()));
  }

  @Override
  public Applied apply(User user, UnitOfWork unit, Instant now) {
    var memberships = unit.memberships();
    var removed = memberships.of(user.id());
    // The details are read before the removal: afterwards every owner count is one lower.
    var details = details(unit, removed);
    for (var m : removed) {
      memberships.remove(user.id(), m);
    }
    if (recordsForRestore) {
      memberships.recordRemoved(user.id(), removed, now);
    }
    return new Applied(user, details);
  }

  static StepDetails.GroupMemberships details(UnitOfWork unit, List<Membership> memberships) {
    return new StepDetails.GroupMemberships(
        memberships.stream().filter(m -> !m.owner()).map(m -> m.group().name()).toList(),
        memberships.stream().filter(Membership::owner).map(m -> m.group().name()).toList(),
        memberships.stream().filter(Membership::owner)
            .filter(m -> unit.memberships().ownerCount(m.group().id()) == 1)
            .map(m -> m.group().name()).toList());
  }

  // Restore re-adds what this step recorded; with nothing recorded it is already done.
  @Override
  public Optional<Planned> undo(Restoring restoring) {
    return Optional.of(new Planned(new RestoreGroupMemberships(), true));
  }
}
