package dev.accountadmin.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * Lists the mailbox in the address list again. As restore's undo of {@link HideFromAddressList}
 * ({@code restoring}) it shows only a mailbox the offboarding hid.
 */
public record ShowInAddressList(boolean restoring) implements Step {
  @Override
  public StepKind kind() {
    return StepKind.SHOW_IN_ADDRESS_LIST;
  }

  @Override
  public Action action() {
    return Action.MANAGE_ADDRESS_LIST;
  }

  @Override
  public boolean alreadyDone(User user, UnitOfWork unit, Instant now) {
    if (restoring) {
      return unit.mailboxes().prior(user.id(), StepKind.HIDE_FROM_ADDRESS_LIST).isEmpty();
    }
    return !unit.mailboxes().get(user.id()).hidden();
  }

  @Override
  public Instant inEffectSince(User user) {
    return null;
  }

  @Override
  public StepDetails plan(User user, UnitOfWork unit, Instant now) {
    return new StepDetails.AddressList(hidden(user, unit));
  }

  @Override
  public Applied apply(User user, UnitOfWork unit, Instant now) {
    boolean hidden = hidden(user, unit);
    unit.mailboxes().put(unit.mailboxes().get(user.id()).withHidden(hidden));
    unit.mailboxes().forgetPrior(user.id(), StepKind.HIDE_FROM_ADDRESS_LIST);
    return new Applied(user, new StepDetails.AddressList(hidden));
  }

  @Override
  public Optional<Planned> undo(Restoring restoring) {
    return Optional.empty();
  }

  private boolean hidden(User user, UnitOfWork unit) {
    return restoring && unit.mailboxes().prior(user.id(), StepKind.HIDE_FROM_ADDRESS_LIST).map(Mailbox::hidden).orElse(false);
  }
}
