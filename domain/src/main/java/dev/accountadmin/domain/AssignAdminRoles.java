package dev.accountadmin.domain;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** Gives the user {@code roles} on top of those it has. */
public record AssignAdminRoles(Set<Role> roles) implements Step {
  public AssignAdminRoles {
    roles = Set.copyOf(roles);
  }

  @Override
  public StepKind kind() {
    return StepKind.ASSIGN_ADMIN_ROLES;
  }

  @Override
  public Action action() {
    return Action.MANAGE_ADMIN_ROLES;
  }

  @Override
  public boolean alreadyDone(User user, UnitOfWork unit, Instant now) {
    return user.roles().containsAll(roles);
  }

  @Override
  public Instant inEffectSince(User user) {
    return null;
  }

  @Override
  public StepDetails plan(User user, UnitOfWork unit, Instant now) {
    return new StepDetails.AdminRoles(user.roles(), all(user));
  }

  @Override
  public Applied apply(User user, UnitOfWork unit, Instant now) {
    return new Applied(user.withRoles(all(user)), new StepDetails.AdminRoles(user.roles(), all(user)));
  }

  private Set<Role> all(User user) {
    var all = EnumSet.noneOf(Role.class);
    all.addAll(user.roles());
    all.addAll(roles);
    return all;
  }

  @Override
  public Optional<Planned> undo(Restoring restoring) {
    return Optional.empty();
  }
}
