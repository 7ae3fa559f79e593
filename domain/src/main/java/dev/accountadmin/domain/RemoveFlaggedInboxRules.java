package dev.accountadmin.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * Removes the user's inbox rules that forward, redirect or delete — the ones an attacker leaves
 * behind to keep reading a mailbox or to hide the replies to what they sent — and keeps every
 * other rule. A removed rule is gone: restore can only say which ones it was.
 *
 * @param recordsForRestore an offboarding's removal, which restore reports as not undoable
 */
public record RemoveFlaggedInboxRules(boolean recordsForRestore) implements Step {
  @Override
  public StepKind kind() {
    return StepKind.REMOVE_FLAGGED_INBOX_RULES;
  }

  @Override
  public Action action() {
    return Action.MANAGE_INBOX_RULES;
  }

  @Override
  public boolean alreadyDone(User user, UnitOfWork unit, Instant now) {
    return unit.mailboxes().rules(user.id()).stream().noneMatch(InboxRule::flagged);
  }

  @Override
  public Instant inEffectSince(User user) {
    return null;
  }

  @Override
  public StepDetails plan(User user, UnitOfWork unit, Instant now) {
    var rules = unit.mailboxes().rules(user.id());
    var flagged = rules.stream().filter(InboxRule::flagged).toList();
    return new StepDetails.InboxRules(flagged, rules.size() - flagged.size());
  }

  @Override
  public Applied apply(User user, UnitOfWork unit, Instant now) {
    var rules = unit.mailboxes().rules(user.id());
    var flagged = rules.stream().filter(InboxRule::flagged).toList();
    for (var rule : flagged) {
      unit.mailboxes().deleteRule(user.id(), rule.id());
    }
    if (recordsForRestore) {
      unit.mailboxes().recordDeletedRules(user.id(), flagged, now);
    }
    return new Applied(user, new StepDetails.InboxRules(flagged, rules.size() - flagged.size()));
  }

  @Override
  public Optional<Planned> undo(Restoring restoring) {
    return Optional.of(new Planned(new ReportDeletedInboxRules(), true));
  }
}
