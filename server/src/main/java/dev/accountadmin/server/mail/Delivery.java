package dev.accountadmin.server.mail;

import dev.accountadmin.domain.InboxRule;
import dev.accountadmin.domain.UnitOfWork;
import dev.accountadmin.domain.UserName;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Where a message to one recipient of the tenant went: the recipient's inbox rules first (a rule
 * that redirects or deletes takes the message away from the mailbox), then the mailbox's
 * forwarding (with or without a copy), then its automatic reply to the sender.
 *
 * @param deliveredTo the mailboxes of the tenant it landed in, by address
 * @param ruleForwardedTo the addresses inbox rules forwarded or redirected it to
 * @param autoReply the automatic reply the sender gets, or null
 */
public record Delivery(String recipient, List<String> deliveredTo, List<String> ruleForwardedTo, boolean deletedByRule,
    String autoReply) {
  public Delivery {
    deliveredTo = List.copyOf(deliveredTo);
    ruleForwardedTo = List.copyOf(ruleForwardedTo);
  }

  /** The delivery of a message with {@code subject} to {@code recipient}; null when no live user has that address. */
  static Delivery route(UnitOfWork unit, UserName recipient, String subject, Instant now) {
    var user = unit.users().find(recipient).filter(u -> !u.deleted()).orElse(null);
    if (user == null) {
      return null;
    }
    var mailbox = unit.mailboxes().get(user.id());
    boolean inMailbox = true;
    boolean deleted = false;
    var ruleTargets = new LinkedHashSet<String>();
    for (InboxRule rule : unit.mailboxes().rules(user.id())) {
      if (!rule.matches(subject)) {
        continue;
      }
      if (!rule.forwardTo().isEmpty()) {
        ruleTargets.add(rule.forwardTo());
      }
      if (!rule.redirectTo().isEmpty()) {
        ruleTargets.add(rule.redirectTo());
        inMailbox = false;
      }
      if (rule.delete()) {
        deleted = true;
        inMailbox = false;
      }
    }
    var delivered = new ArrayList<String>();
    var forwarding = mailbox.forwarding();
    // Forwarding is the mailbox's own setting, not a rule: it applies whatever the rules did, so
    // the compromised-account response must remove both.
    if (forwarding != null) {
      delivered.add(forwarding.target().value());
      inMailbox = inMailbox && forwarding.keepCopy();
    }
    if (inMailbox) {
      delivered.add(0, user.name().value());
    }
    var replies = mailbox.autoReplies();
    var reply = replies != null && replies.activeAt(now) ? replies.replyFor(true) : null;
    return new Delivery(recipient.value(), delivered, List.copyOf(ruleTargets), deleted, reply);
  }
}
