package dev.accountadmin.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * Requires the user to register an authenticator again at the next sign-in. Until they do, a
 * sign-in with the password alone opens a session that may only register one (the old
 * authenticator may be in the attacker's hands, so it is not asked for), and the new one replaces
 * every old one. For a user who had none, it makes them register one: after a compromise the
 * account gets a second factor.
 *
 * @param by the procedure that asks for it, null by hand
 */
public record RequireReregistration(String by) implements Step {
  /** The compromised-account response's mark. */
  public static final String SECURE_COMPROMISED = "SECURE_COMPROMISED";

  @Override
  public StepKind kind() {
    return StepKind.REQUIRE_REREGISTRATION;
  }

  @Override
  public Action action() {
    return Action.MANAGE_AUTH_METHODS;
  }

  @Override
  public boolean alreadyDone(User user, UnitOfWork unit, Instant now) {
    return unit.methods().reregistrationRequiredSince(user.id()).isPresent();
  }

  @Override
  public Instant inEffectSince(User user) {
    return null;
  }

  @Override
  public StepDetails plan(User user, UnitOfWork unit, Instant now) {
    return details(user, unit);
  }

  @Override
  public Applied apply(User user, UnitOfWork unit, Instant now) {
    unit.methods().requireReregistration(user.id(), by, now);
    return new Applied(user, details(user, unit));
  }

  @Override
  public Optional<Planned> undo(Restoring restoring) {
    return Optional.of(new Planned(new LiftReregistration(), true));
  }

  static StepDetails details(User user, UnitOfWork unit) {
    return new StepDetails.Reregistration(unit.methods().list(user.id()).stream()
        .filter(AuthMethod::registered).map(AuthMethod::kind).toList());
  }
}
