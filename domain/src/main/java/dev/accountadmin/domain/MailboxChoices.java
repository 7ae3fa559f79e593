package dev.accountadmin.domain;

import java.util.List;

/**
 * What a request chose about the mailbox (forwarding, automatic replies, shared mailbox and
 * delegates, address list, inbox rules, hold).
 *
 * @param forwardTo forward the user's mail to this mailbox of the tenant; null: no forwarding
 * @param keepCopy with forwarding, the user's mailbox keeps a copy
 * @param convertToShared convert to a shared mailbox, which {@code delegates} open with full access
 * @param delegates with {@code convertToShared}, the users given full access
 * @param autoReplies turn these automatic replies on; null: leave them as they are
 * @param hideFromAddressList hide the mailbox from the address list
 * @param litigationHold keep the mailbox's contents (litigation hold)
 * @param removeFlaggedInboxRules remove the user's inbox rules that forward, redirect or delete
 */
public record MailboxChoices(UserName forwardTo, boolean keepCopy, boolean convertToShared, List<UserName> delegates,
    AutoReplies autoReplies, boolean hideFromAddressList, boolean litigationHold, boolean removeFlaggedInboxRules) {
  public static final MailboxChoices NONE = new MailboxChoices(null, false, false, List.of(), null, false, false, false);

  public MailboxChoices {
    delegates = List.copyOf(delegates);
  }
}
