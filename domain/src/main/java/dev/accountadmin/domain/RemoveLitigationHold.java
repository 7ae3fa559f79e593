package dev.accountadmin.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * Lifts the litigation hold. As restore's undo of {@link PlaceLitigationHold} ({@code restoring})
 * it lifts only a hold the offboarding placed: one that was there before stays.
 */
public record RemoveLitigationHold(boolean restoring) implements Step {
  @Override
  public StepKind kind() {
    return StepKind.REMOVE_LITIGATION_HOLD;
  }

  @Override
  public Action action() {
    return Action.MANAGE_LITIGATION_HOLD;
  }

  @Override
  public boolean alreadyDone(User user, UnitOfWork unit, Instant now) {
    if (restoring) {
      var prior = unit.mailboxes().prior(user.id(), StepKind.PLACE_LITIGATION_HOLD);
      return prior.isEmpty() || prior.get().onHold() || !unit.mailboxes().get(user.id()).onHold();
    }
    return !unit.mailboxes().get(user.id()).onHold();
  }

  @Override
  public Instant inEffectSince(User user) {
    return null;
  }

  @Override
  public StepDetails plan(User user, UnitOfWork unit, Instant now) {
    return new StepDetails.LitigationHold(false, unit.mailboxes().get(user.id()).litigationHoldSince());
  }

  @Override
  public Applied apply(User user, UnitOfWork unit, Instant now) {
    var mailbox = unit.mailboxes().get(user.id());
    unit.mailboxes().put(mailbox.withLitigationHoldSince(null));
    unit.mailboxes().forgetPrior(user.id(), StepKind.PLACE_LITIGATION_HOLD);
    return new Applied(user, new StepDetails.LitigationHold(false, mailbox.litigationHoldSince()));
  }

  @Override
  public Optional<Planned> undo(Restoring restoring) {
    return Optional.empty();
  }
}
