package dev.accountadmin.domain;

/** What a request chose about the mailbox (forwarding, automatic replies, shared mailbox and delegates, address list, inbox rules, hold). */
public record MailboxChoices() {
  public static final MailboxChoices NONE = new MailboxChoices();
}
