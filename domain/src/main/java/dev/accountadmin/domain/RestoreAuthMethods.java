package dev.accountadmin.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Restore's undo of an offboarding's {@link RemoveAuthMethods}: the alternate email comes back
 * (it is an address, not a secret); an authenticator app and app passwords cannot, because their
 * secrets were deleted, and the details list them as not restorable. A user who had an
 * authenticator must register one again at the next sign-in, so that restore never leaves an
 * account that had a second factor with the password alone.
 */
public record RestoreAuthMethods() implements Step {
  @Override
  public StepKind kind() {
    return StepKind.RESTORE_AUTH_METHODS;
  }

  @Override
  public Action action() {
    return Action.MANAGE_AUTH_METHODS;
  }

  @Override
  public boolean alreadyDone(User user, UnitOfWork unit, Instant now) {
    return unit.methods().removed(user.id()).isEmpty();
  }

  @Override
  public Instant inEffectSince(User user) {
    return null;
  }

  @Override
  public StepDetails plan(User user, UnitOfWork unit, Instant now) {
    return details(unit.methods().removed(user.id()));
  }

  @Override
  public Applied apply(User user, UnitOfWork unit, Instant now) {
    var methods = unit.methods();
    var removed = methods.removed(user.id());
    for (var method : removed) {
      if (method.kind() == MethodKind.ALTERNATE_EMAIL) {
        methods.insert(new AuthMethod(UUID.randomUUID().toString(), user.id(), method.kind(), method.displayName(),
            now, method.registeredAt(), null), null);
      }
    }
    var details = details(removed);
    if (details.reregistrationRequired()) {
      methods.requireReregistration(user.id(), null, now);
    }
    methods.forgetRemoved(user.id());
    return new Applied(user, details);
  }

  @Override
  public Optional<Planned> undo(Restoring restoring) {
    return Optional.empty();
  }

  private static StepDetails.AuthMethods details(List<AuthMethod> removed) {
    var back = removed.stream().map(AuthMethod::kind).filter(k -> k == MethodKind.ALTERNATE_EMAIL).toList();
    var lost = removed.stream().map(AuthMethod::kind).filter(k -> k != MethodKind.ALTERNATE_EMAIL).toList();
    return new StepDetails.AuthMethods(back, lost, lost.contains(MethodKind.AUTHENTICATOR_APP));
  }
}
