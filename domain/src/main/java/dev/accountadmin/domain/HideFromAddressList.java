package dev.accountadmin.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * Hides the mailbox from the address list, so that colleagues stop picking the former employee
 * as a recipient; mail sent to the address still arrives (and is forwarded, if it is).
 *
 * @param recordsForRestore an offboarding's hiding, which restore undoes
 */
public record HideFromAddressList(boolean recordsForRestore) implements Step {
  @Override
  public StepKind kind() {
    return StepKind.HIDE_FROM_ADDRESS_LIST;
  }

  @Override
  public Action action() {
    return Action.MANAGE_ADDRESS_LIST;
  }

  @Override
  public boolean alreadyDone(User user, UnitOfWork unit, Instant now) {
    return unit.mailboxes().get(user.id()).hidden();
  }

  @Override
  public Instant inEffectSince(User user) {
    return null;
  }

  @Override
  public StepDetails plan(User user, UnitOfWork unit, Instant now) {
    return new StepDetails.AddressList(true);
  }

  @Override
  public Applied apply(User user, UnitOfWork unit, Instant now) {
    var mailbox = unit.mailboxes().get(user.id());
    if (recordsForRestore) {
      unit.mailboxes().recordPrior(user.id(), kind(), mailbox, now);
    }
    unit.mailboxes().put(mailbox.withHidden(true));
    return new Applied(user, new StepDetails.AddressList(true));
  }

  @Override
  public Optional<Planned> undo(Restoring restoring) {
    return Optional.of(new Planned(new ShowInAddressList(true), true));
  }
}
