package dev.accountadmin.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns automatic replies on with {@code replies}, or off when it is null: senders learn that the
 * former employee is gone and whom to write to instead. Set before mail protocols go off.
 *
 * @param recordsForRestore an offboarding's replies, which restore puts back as they were
 */
public record SetAutoReplies(AutoReplies replies, boolean recordsForRestore) implements Step {
  @Override
  public StepKind kind() {
    return StepKind.SET_AUTO_REPLIES;
  }

  @Override
  public Action action() {
    return Action.MANAGE_AUTO_REPLIES;
  }

  @Override
  public boolean alreadyDone(User user, UnitOfWork unit, Instant now) {
    return Objects.equals(unit.mailboxes().get(user.id()).autoReplies(), replies);
  }

  @Override
  public Instant inEffectSince(User user) {
    return null;
  }

  @Override
  public StepDetails plan(User user, UnitOfWork unit, Instant now) {
    return new StepDetails.MailboxAutoReplies(replies);
  }

  @Override
  public Applied apply(User user, UnitOfWork unit, Instant now) {
    var mailbox = unit.mailboxes().get(user.id());
    if (recordsForRestore) {
      unit.mailboxes().recordPrior(user.id(), kind(), mailbox, now);
    }
    unit.mailboxes().put(mailbox.withAutoReplies(replies));
    return new Applied(user, new StepDetails.MailboxAutoReplies(replies));
  }

  @Override
  public Optional<Planned> undo(Restoring restoring) {
    return Optional.of(new Planned(new RestoreAutoReplies(), true));
  }
}
