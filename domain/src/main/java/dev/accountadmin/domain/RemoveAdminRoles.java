package dev.accountadmin.domain;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** Removes {@code roles} from the user (an empty set removes every role). */
public record RemoveAdminRoles(Set<Role> roles) implements Step {
  public RemoveAdminRoles {
    roles = Set.copyOf(roles);
  }

  @Override
  public StepKind kind() {
    return StepKind.REMOVE_ADMIN_ROLES;
  }

  @Override
  public Action action() {
    return Action.MANAGE_ADMIN_ROLES;
  }

  @Override
  public boolean alreadyDone(User user, UnitOfWork unit, Instant now) {
    return left(user).equals(user.roles());
  }

  @Override
  public Instant inEffectSince(User user) {
    return null;
  }

  @Override
  public StepDetails plan(User user, UnitOfWork unit, Instant now) {
    return new StepDetails.AdminRoles(user.roles(), left(user));
  }

  @Override
  public Applied apply(User user, UnitOfWork unit, Instant now) {
    return new Applied(user.withRoles(left(user)), new StepDetails.AdminRoles(user.roles(), left(user)));
  }

  private Set<Role> left(User user) {
    if (roles.isEmpty()) {
      return Set.of();
    }
    var left = user.roles().isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(user.roles());
    left.removeAll(roles);
    return left;
  }

  // The roles come back as they were; none to give back is a step not requested.
  @Override
  public Optional<Planned> undo(Restoring restoring) {
    var roles = restoring.prior().roles();
    return Optional.of(new Planned(new AssignAdminRoles(roles), !roles.isEmpty()));
  }
}
