package dev.accountadmin.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * Removes the mailbox's forwarding: the first thing to check on a compromised account, where an
 * attacker forwards the mail to keep reading it. The details name the target it no longer reaches.
 */
public record RemoveForwarding() implements Step {
  @Override
  public StepKind kind() {
    return StepKind.REMOVE_FORWARDING;
  }

  @Override
  public Action action() {
    return Action.MANAGE_FORWARDING;
  }

  @Override
  public boolean alreadyDone(User user, UnitOfWork unit, Instant now) {
    return unit.mailboxes().get(user.id()).forwarding() == null;
  }

  @Override
  public Instant inEffectSince(User user) {
    return null;
  }

  @Override
  public StepDetails plan(User user, UnitOfWork unit, Instant now) {
    return details(unit.mailboxes().get(user.id()).forwarding());
  }

  @Override
  public Applied apply(User user, UnitOfWork unit, Instant now) {
    var mailbox = unit.mailboxes().get(user.id());
    unit.mailboxes().put(mailbox.withForwarding(null));
    return new Applied(user, details(mailbox.forwarding()));
  }

  @Override
  public Optional<Planned> undo(Restoring restoring) {
    return Optional.empty();
  }

  private static StepDetails details(Forwarding removed) {
    return new StepDetails.MailboxForwarding(removed == null ? null : removed.target(), removed != null && removed.keepCopy());
  }
}
