package dev.accountadmin.domain;

import java.util.List;

/** A user's mailbox as an admin reads it: its settings, its delegates and its inbox rules. */
public record MailboxView(User user, Mailbox mailbox, List<UnitOfWork.Mailboxes.Delegate> delegates, List<InboxRule> rules) {
  public MailboxView {
    delegates = List.copyOf(delegates);
    rules = List.copyOf(rules);
  }
}
