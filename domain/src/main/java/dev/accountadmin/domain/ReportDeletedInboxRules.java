package dev.accountadmin.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * Restore's answer to {@link RemoveFlaggedInboxRules}: a deleted rule's content is gone, so
 * nothing is put back. The step names the rules the offboarding deleted, so that the result says
 * plainly what restore could not undo, and the user can make again the ones they want.
 */
public record ReportDeletedInboxRules() implements Step {
  @Override
  public StepKind kind() {
    return StepKind.REPORT_DELETED_INBOX_RULES;
  }

  @Override
  public Action action() {
    return Action.MANAGE_INBOX_RULES;
  }

  @Override
  public boolean alreadyDone(User user, UnitOfWork unit, Instant now) {
    return unit.mailboxes().deletedRules(user.id()).isEmpty();
  }

  @Override
  public Instant inEffectSince(User user) {
    return null;
  }

  @Override
  public StepDetails plan(User user, UnitOfWork unit, Instant now) {
    return new StepDetails.InboxRules(unit.mailboxes().deletedRules(user.id()), unit.mailboxes().rules(user.id()).size());
  }

  @Override
  public Applied apply(User user, UnitOfWork unit, Instant now) {
    var details = plan(user, unit, now);
    // Reported once: restore runs once, and its result is where the admin reads it.
    unit.mailboxes().forgetDeletedRules(user.id());
    return new Applied(user, details);
  }

  @Override
  public Optional<Planned> undo(Restoring restoring) {
    return Optional.empty();
  }
}
