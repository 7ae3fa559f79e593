package dev.accountadmin.domain;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** Leaves exactly {@code protocols} enabled. */
public record SetMailProtocols(Set<MailProtocol> protocols) implements Step {
  public SetMailProtocols {
    protocols = Set.copyOf(protocols);
  }

  @Override
  public StepKind kind() {
    return StepKind.SET_MAIL_PROTOCOLS;
  }

  @Override
  public Action action() {
    return Action.SET_MAIL_PROTOCOLS;
  }

  @Override
  public boolean alreadyDone(User user, UnitOfWork unit, Instant now) {
    return user.enabledProtocols().equals(protocols);
  }

  @Override
  public Instant inEffectSince(User user) {
    return null;
  }

  @Override
  public StepDetails plan(User user, UnitOfWork unit, Instant now) {
    return new StepDetails.MailProtocols(user.enabledProtocols(), protocols);
  }

  @Override
  public Applied apply(User user, UnitOfWork unit, Instant now) {
    return new Applied(user.withProtocols(protocols), new StepDetails.MailProtocols(user.enabledProtocols(), protocols));
  }

  // Back to the protocols the user had before the offboarding.
  @Override
  public Optional<Planned> undo(Restoring restoring) {
    return Optional.of(new Planned(new SetMailProtocols(restoring.prior().protocols()), true));
  }
}
