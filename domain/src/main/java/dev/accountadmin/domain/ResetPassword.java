package dev.accountadmin.domain;

import java.time.Instant;
import java.util.Optional;

/** Resets the password to one prepared before the unit of work (generated, chosen or undisclosed). */
public record ResetPassword(PreparedPassword password) implements Step {
  @Override
  public StepKind kind() {
    return StepKind.RESET_PASSWORD;
  }

  @Override
  public Action action() {
    return Action.RESET_PASSWORD;
  }

  // A reset always changes the password, except to a credential nobody knows when the current
  // one already is such (a second offboarding changes nothing).
  @Override
  public boolean alreadyDone(User user, UnitOfWork unit, Instant now) {
    return password.undisclosed()
        && PreparedPassword.isUndisclosed(unit.credentials().passwordHash(user.id()).orElse(null));
  }

  @Override
  public Instant inEffectSince(User user) {
    return user.passwordChangedAt();
  }

  @Override
  public StepDetails plan(User user, UnitOfWork unit, Instant now) {
    return new StepDetails.PasswordReset(null, password.changeRequired(), password.undisclosed());
  }

  @Override
  public Applied apply(User user, UnitOfWork unit, Instant now) {
    unit.credentials().setPasswordHash(user.id(), password.hash());
    return new Applied(user.withPassword(now, password.changeRequired()),
        new StepDetails.PasswordReset(password.shown(), password.changeRequired(), password.undisclosed()));
  }

  // Nobody knows the offboarding's password: restore sets a new temporary one.
  @Override
  public Optional<Planned> undo(Restoring restoring) {
    return Optional.of(new Planned(new ResetPassword(restoring.password()), true));
  }
}
