package dev.accountadmin.domain;

import java.time.Instant;
import java.util.Optional;

/** Restore's undo of {@link SetAutoReplies}: the automatic replies as they were before the offboarding (most often off). */
public record RestoreAutoReplies() implements Step {
  @Override
  public StepKind kind() {
    return StepKind.RESTORE_AUTO_REPLIES;
  }

  @Override
  public Action action() {
    return Action.MANAGE_AUTO_REPLIES;
  }

  @Override
  public boolean alreadyDone(User user, UnitOfWork unit, Instant now) {
    return unit.mailboxes().prior(user.id(), StepKind.SET_AUTO_REPLIES).isEmpty();
  }

  @Override
  public Instant inEffectSince(User user) {
    return null;
  }

  @Override
  public StepDetails plan(User user, UnitOfWork unit, Instant now) {
    return new StepDetails.MailboxAutoReplies(prior(user, unit));
  }

  @Override
  public Applied apply(User user, UnitOfWork unit, Instant now) {
    var prior = prior(user, unit);
    unit.mailboxes().put(unit.mailboxes().get(user.id()).withAutoReplies(prior));
    unit.mailboxes().forgetPrior(user.id(), StepKind.SET_AUTO_REPLIES);
    return new Applied(user, new StepDetails.MailboxAutoReplies(prior));
  }

  @Override
  public Optional<Planned> undo(Restoring restoring) {
    return Optional.empty();
  }

  private static AutoReplies prior(User user, UnitOfWork unit) {
    return unit.mailboxes().prior(user.id(), StepKind.SET_AUTO_REPLIES).map(Mailbox::autoReplies).orElse(null);
  }
}
