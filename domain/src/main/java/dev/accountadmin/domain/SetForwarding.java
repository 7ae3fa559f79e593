package dev.accountadmin.domain;

import dev.accountadmin.failure.DirectoryException;
import dev.accountadmin.failure.Reason;
import java.time.Instant;
import java.util.Optional;

/**
 * Forwards the user's mail to another mailbox of the tenant, keeping a copy in the user's mailbox
 * or not. Set before mail protocols go off, so that nothing sent to the former employee is lost.
 *
 * @param recordsForRestore an offboarding's forwarding, which restore puts back as it was
 */
public record SetForwarding(UserName target, boolean keepCopy, boolean recordsForRestore) implements Step {
  @Override
  public StepKind kind() {
    return StepKind.SET_FORWARDING;
  }

  @Override
  public Action action() {
    return Action.MANAGE_FORWARDING;
  }

  @Override
  public boolean alreadyDone(User user, UnitOfWork unit, Instant now) {
    var current = unit.mailboxes().get(user.id()).forwarding();
    return current != null && current.target().key().equals(target.key()) && current.keepCopy() == keepCopy;
  }

  @Override
  public Instant inEffectSince(User user) {
    return null;
  }

  @Override
  public StepDetails plan(User user, UnitOfWork unit, Instant now) {
    var forwarding = forwarding(user, unit);
    return new StepDetails.MailboxForwarding(forwarding.target(), keepCopy);
  }

  @Override
  public Applied apply(User user, UnitOfWork unit, Instant now) {
    var forwarding = forwarding(user, unit);
    var mailbox = unit.mailboxes().get(user.id());
    if (recordsForRestore) {
      unit.mailboxes().recordPrior(user.id(), kind(), mailbox, now);
    }
    unit.mailboxes().put(mailbox.withForwarding(forwarding));
    return new Applied(user, new StepDetails.MailboxForwarding(forwarding.target(), keepCopy));
  }

  @Override
  public Optional<Planned> undo(Restoring restoring) {
    return Optional.of(new Planned(new RestoreForwarding(), true));
  }

  private Forwarding forwarding(User user, UnitOfWork unit) {
    var to = LiveUser.of(unit, target, Reason.FORWARDING_TARGET_NOT_FOUND, user);
    if (to.id().equals(user.id())) {
      throw DirectoryException.of(Reason.FORWARDING_TO_SELF, "user", user.name().value());
    }
    return new Forwarding(to.id(), to.name(), keepCopy);
  }
}
