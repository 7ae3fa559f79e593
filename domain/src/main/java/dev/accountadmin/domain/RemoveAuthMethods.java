package dev.accountadmin.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Removes the user's authentication methods (all of them, or {@code methodIds}): the
 * authenticator app's secret is deleted, app passwords are revoked, the alternate email goes. An
 * authenticator begun but never confirmed goes too, unreported: it was never a method.
 *
 * @param recordsForRestore as for {@link RemoveLicences}: only an offboarding's removal is recorded,
 *     so that its restore can say what comes back (the alternate email) and what cannot
 */
public record RemoveAuthMethods(Set<String> methodIds, boolean recordsForRestore) implements Step {
  public RemoveAuthMethods {
    methodIds = Set.copyOf(methodIds);
  }

  @Override
  public StepKind kind() {
    return StepKind.REMOVE_AUTH_METHODS;
  }

  @Override
  public Action action() {
    return Action.MANAGE_AUTH_METHODS;
  }

  @Override
  public boolean alreadyDone(User user, UnitOfWork unit, Instant now) {
    return targets(user, unit).stream().noneMatch(AuthMethod::registered);
  }

  @Override
  public Instant inEffectSince(User user) {
    return null;
  }

  @Override
  public StepDetails plan(User user, UnitOfWork unit, Instant now) {
    return details(targets(user, unit));
  }

  @Override
  public Applied apply(User user, UnitOfWork unit, Instant now) {
    var targets = targets(user, unit);
    for (var method : targets) {
      unit.methods().remove(user.id(), method.id());
    }
    var registered = targets.stream().filter(AuthMethod::registered).toList();
    if (recordsForRestore && !registered.isEmpty()) {
      unit.methods().recordRemoved(user.id(), registered, now);
    }
    return new Applied(user, details(targets));
  }

  // Restore gives back the alternate email and says plainly that the rest cannot come back.
  @Override
  public Optional<Planned> undo(Restoring restoring) {
    return Optional.of(new Planned(new RestoreAuthMethods(), true));
  }

  private List<AuthMethod> targets(User user, UnitOfWork unit) {
    return unit.methods().list(user.id()).stream()
        .filter(m -> methodIds.isEmpty() || methodIds.contains(m.id()))
        .toList();
  }

  private static StepDetails details(List<AuthMethod> methods) {
    return new StepDetails.AuthMethods(
        methods.stream().filter(AuthMethod::registered).map(AuthMethod::kind).toList(), List.of(), false);
  }
}
