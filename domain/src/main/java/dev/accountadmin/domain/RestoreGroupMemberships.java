package dev.accountadmin.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Restore's undo of {@link RemoveGroupMemberships}: re-adds the memberships and ownerships it recorded. */
public record RestoreGroupMemberships() implements Step {
  @Override
  public StepKind kind() {
    return StepKind.RESTORE_GROUP_MEMBERSHIPS;
  }

  @Override
  public Action action() {
    return Action.MANAGE_GROUP_MEMBERSHIPS;
  }

  @Override
  public boolean alreadyDone(User user, UnitOfWork unit, Instant now) {
    return unit.memberships().removed(user.id()).isEmpty();
  }

  @Override
  public Instant inEffectSince(User user) {
    return null;
  }

  @Override
  public StepDetails plan(User user, UnitOfWork unit, Instant now) {
    return details(unit.memberships().removed(user.id()));
  }

  @Override
  public Applied apply(User user, UnitOfWork unit, Instant now) {
    var memberships = unit.memberships();
    var removed = memberships.removed(user.id());
    for (var m : removed) {
      memberships.add(user.id(), m, now);
      memberships.forgetRemoved(user.id(), m);
    }
    return new Applied(user, details(removed));
  }

  private static StepDetails details(List<UnitOfWork.Memberships.Membership> memberships) {
    return new StepDetails.GroupMemberships(
        memberships.stream().filter(m -> !m.owner()).map(m -> m.group().name()).toList(),
        memberships.stream().filter(m -> m.owner()).map(m -> m.group().name()).toList(),
        List.of());
  }

  @Override
  public Optional<Planned> undo(Restoring restoring) {
    return Optional.empty();
  }
}
