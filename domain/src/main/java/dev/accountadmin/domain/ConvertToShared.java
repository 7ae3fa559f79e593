package dev.accountadmin.domain;

import dev.accountadmin.failure.DirectoryException;
import dev.accountadmin.failure.Reason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Converts the mailbox to a shared mailbox and gives {@code delegates} full access to it. A
 * shared mailbox has no sign-in of its own: the user's sessions end and their sign-in is refused
 * from then on; the delegates open it with their own sign-in. Before the licence goes, or the
 * mail goes with it.
 *
 * @param recordsForRestore an offboarding's conversion, which restore undoes (the delegates it added go again)
 */
public record ConvertToShared(List<UserName> delegates, boolean recordsForRestore) implements Step {
  public ConvertToShared {
    delegates = List.copyOf(delegates);
  }

  @Override
  public StepKind kind() {
    return StepKind.CONVERT_TO_SHARED;
  }

  @Override
  public Action action() {
    return Action.MANAGE_SHARED_MAILBOX;
  }

  @Override
  public boolean alreadyDone(User user, UnitOfWork unit, Instant now) {
    var present = unit.mailboxes().delegates(user.id()).stream().map(d -> d.name().key()).toList();
    return unit.mailboxes().get(user.id()).shared() && delegates.stream().allMatch(d -> present.contains(d.key()));
  }

  @Override
  public Instant inEffectSince(User user) {
    return null;
  }

  @Override
  public StepDetails plan(User user, UnitOfWork unit, Instant now) {
    return new StepDetails.SharedMailbox(true, newDelegates(user, unit).stream().map(User::name).toList());
  }

  @Override
  public Applied apply(User user, UnitOfWork unit, Instant now) {
    var mailbox = unit.mailboxes().get(user.id());
    var added = newDelegates(user, unit);
    if (recordsForRestore) {
      unit.mailboxes().recordPrior(user.id(), kind(), mailbox, now);
    }
    unit.mailboxes().put(mailbox.withShared(true));
    for (var delegate : added) {
      unit.mailboxes().addDelegate(user.id(), delegate.id(), recordsForRestore ? BlockDevices.OFFBOARDING : null, now);
    }
    // No sign-in of its own: whoever still holds the user's tokens loses the mailbox now.
    unit.sessions().revokeAll(user.id(), now);
    return new Applied(user, new StepDetails.SharedMailbox(true, added.stream().map(User::name).toList()));
  }

  @Override
  public Optional<Planned> undo(Restoring restoring) {
    return Optional.of(new Planned(new ConvertToUserMailbox(true), true));
  }

  /** The delegates to add, each a live user of the directory other than the mailbox's own. */
  private List<User> newDelegates(User user, UnitOfWork unit) {
    var present = unit.mailboxes().delegates(user.id()).stream().map(UnitOfWork.Mailboxes.Delegate::userId).toList();
    var added = new ArrayList<User>();
    for (var name : delegates) {
      var delegate = LiveUser.of(unit, name, Reason.DELEGATE_NOT_FOUND, user);
      if (delegate.id().equals(user.id())) {
        throw DirectoryException.of(Reason.DELEGATE_IS_MAILBOX_OWNER, "user", user.name().value());
      }
      if (!present.contains(delegate.id()) && added.stream().noneMatch(a -> a.id().equals(delegate.id()))) {
        added.add(delegate);
      }
    }
    return added;
  }
}
