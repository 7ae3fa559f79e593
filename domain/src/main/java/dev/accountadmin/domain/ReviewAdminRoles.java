package dev.accountadmin.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * The compromised-account response's review of admin roles, before the sending restriction is
 * lifted: an attacker with the account may have used (or been given) its roles. It changes
 * nothing; it reports the roles the user holds, for the admin to keep or remove one by one
 * ({@code acctadmin users roles USER --remove ROLE}). A user without roles has nothing to review.
 */
public record ReviewAdminRoles() implements Step {
  @Override
  public StepKind kind() {
    return StepKind.REVIEW_ADMIN_ROLES;
  }

  @Override
  public Action action() {
    return Action.READ;
  }

  @Override
  public boolean alreadyDone(User user, UnitOfWork unit, Instant now) {
    return user.roles().isEmpty();
  }

  @Override
  public Instant inEffectSince(User user) {
    return null;
  }

  @Override
  public StepDetails plan(User user, UnitOfWork unit, Instant now) {
    return new StepDetails.AdminRoles(user.roles(), user.roles());
  }

  @Override
  public Applied apply(User user, UnitOfWork unit, Instant now) {
    return new Applied(user, new StepDetails.AdminRoles(user.roles(), user.roles()));
  }

  @Override
  public Optional<Planned> undo(Restoring restoring) {
    return Optional.empty();
  }
}
