package dev.accountadmin.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * Restore's undo of {@link SetForwarding}: the forwarding as it was before the offboarding (most
 * often none), not simply "off", so that a forwarding the user had set up comes back too.
 */
public record RestoreForwarding() implements Step {
  @Override
  public StepKind kind() {
    return StepKind.RESTORE_FORWARDING;
  }

  @Override
  public Action action() {
    return Action.MANAGE_FORWARDING;
  }

  @Override
  public boolean alreadyDone(User user, UnitOfWork unit, Instant now) {
    return unit.mailboxes().prior(user.id(), StepKind.SET_FORWARDING).isEmpty();
  }

  @Override
  public Instant inEffectSince(User user) {
    return null;
  }

  @Override
  public StepDetails plan(User user, UnitOfWork unit, Instant now) {
    return details(prior(user, unit));
  }

  @Override
  public Applied apply(User user, UnitOfWork unit, Instant now) {
    var prior = prior(user, unit);
    unit.mailboxes().put(unit.mailboxes().get(user.id()).withForwarding(prior));
    unit.mailboxes().forgetPrior(user.id(), StepKind.SET_FORWARDING);
    return new Applied(user, details(prior));
  }

  @Override
  public Optional<Planned> undo(Restoring restoring) {
    return Optional.empty();
  }

  private static Forwarding prior(User user, UnitOfWork unit) {
    return unit.mailboxes().prior(user.id(), StepKind.SET_FORWARDING).map(Mailbox::forwarding).orElse(null);
  }

  private static StepDetails details(Forwarding forwarding) {
    return forwarding == null ? new StepDetails.MailboxForwarding(null, false)
        : new StepDetails.MailboxForwarding(forwarding.target(), forwarding.keepCopy());
  }
}
