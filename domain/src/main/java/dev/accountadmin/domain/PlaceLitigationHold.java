package dev.accountadmin.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * Places the mailbox on litigation hold: its contents are kept, whatever the user or a rule
 * deletes, for as long as the hold lasts. Offboarding places it first, before anything else
 * touches the mailbox (Microsoft's step 2, "keep the mailbox's contents").
 *
 * @param recordsForRestore an offboarding's hold, which restore lifts; a hold by hand is the admin's to lift
 */
public record PlaceLitigationHold(boolean recordsForRestore) implements Step {
  @Override
  public StepKind kind() {
    return StepKind.PLACE_LITIGATION_HOLD;
  }

  @Override
  public Action action() {
    return Action.MANAGE_LITIGATION_HOLD;
  }

  @Override
  public boolean alreadyDone(User user, UnitOfWork unit, Instant now) {
    return unit.mailboxes().get(user.id()).onHold();
  }

  @Override
  public Instant inEffectSince(User user) {
    return null;
  }

  @Override
  public StepDetails plan(User user, UnitOfWork unit, Instant now) {
    return new StepDetails.LitigationHold(true, now);
  }

  @Override
  public Applied apply(User user, UnitOfWork unit, Instant now) {
    var mailbox = unit.mailboxes().get(user.id());
    if (recordsForRestore) {
      unit.mailboxes().recordPrior(user.id(), kind(), mailbox, now);
    }
    unit.mailboxes().put(mailbox.withLitigationHoldSince(now));
    return new Applied(user, new StepDetails.LitigationHold(true, now));
  }

  @Override
  public Optional<Planned> undo(Restoring restoring) {
    return Optional.of(new Planned(new RemoveLitigationHold(true), true));
  }
}
