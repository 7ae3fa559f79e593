package dev.accountadmin.domain;

import java.time.Instant;

/**
 * A rule a user made for their inbox. A rule that forwards, redirects or deletes is flagged: it is
 * how an attacker keeps reading a compromised mailbox, or hides the replies to what they sent.
 *
 * @param subjectContains the rule applies to messages whose subject contains this (case-insensitive); empty: every message
 * @param forwardTo an address it forwards each message to, or empty
 * @param redirectTo an address it redirects each message to (the mailbox keeps none), or empty
 * @param delete it deletes each message
 * @param moveToFolder a folder it moves each message to, or empty
 */
public record InboxRule(String id, String name, String subjectContains, String forwardTo, String redirectTo,
    boolean delete, String moveToFolder, Instant createdAt) {

  /** True when the rule forwards, redirects or deletes. */
  public boolean flagged() {
    return !forwardTo.isEmpty() || !redirectTo.isEmpty() || delete;
  }

  /** Whether the rule applies to a message with this subject. */
  public boolean matches(String subject) {
    return subjectContains.isEmpty()
        || subject.toLowerCase(java.util.Locale.ROOT).contains(subjectContains.toLowerCase(java.util.Locale.ROOT));
  }
}
