package dev.accountadmin.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Makes a shared mailbox a user mailbox again, whose user signs in to it. As restore's undo of
 * {@link ConvertToShared} ({@code restoring}) it takes back only the delegates the offboarding
 * added, and converts back only a mailbox the offboarding converted; by hand it takes back every
 * delegate.
 */
public record ConvertToUserMailbox(boolean restoring) implements Step {
  @Override
  public StepKind kind() {
    return StepKind.CONVERT_TO_USER_MAILBOX;
  }

  @Override
  public Action action() {
    return Action.MANAGE_SHARED_MAILBOX;
  }

  @Override
  public boolean alreadyDone(User user, UnitOfWork unit, Instant now) {
    if (restoring) {
      return unit.mailboxes().prior(user.id(), StepKind.CONVERT_TO_SHARED).isEmpty();
    }
    return !unit.mailboxes().get(user.id()).shared() && unit.mailboxes().delegates(user.id()).isEmpty();
  }

  @Override
  public Instant inEffectSince(User user) {
    return null;
  }

  @Override
  public StepDetails plan(User user, UnitOfWork unit, Instant now) {
    return new StepDetails.SharedMailbox(shared(user, unit), removed(user, unit).stream().map(d -> d.name()).toList());
  }

  @Override
  public Applied apply(User user, UnitOfWork unit, Instant now) {
    var removed = removed(user, unit);
    boolean shared = shared(user, unit);
    for (var delegate : removed) {
      unit.mailboxes().removeDelegate(user.id(), delegate.userId());
    }
    unit.mailboxes().put(unit.mailboxes().get(user.id()).withShared(shared));
    unit.mailboxes().forgetPrior(user.id(), StepKind.CONVERT_TO_SHARED);
    return new Applied(user, new StepDetails.SharedMailbox(shared, removed.stream().map(d -> d.name()).toList()));
  }

  @Override
  public Optional<Planned> undo(Restoring restoring) {
    return Optional.empty();
  }

  // Restore puts back the type recorded before the offboarding (shared before: stays shared).
  private boolean shared(User user, UnitOfWork unit) {
    return restoring && unit.mailboxes().prior(user.id(), StepKind.CONVERT_TO_SHARED).map(Mailbox::shared).orElse(false);
  }

  private List<UnitOfWork.Mailboxes.Delegate> removed(User user, UnitOfWork unit) {
    return unit.mailboxes().delegates(user.id()).stream()
        .filter(d -> !restoring || Objects.equals(d.addedBy(), BlockDevices.OFFBOARDING))
        .toList();
  }
}
