package dev.accountadmin.domain;

import java.time.Instant;

/**
 * A user's mailbox settings as the directory keeps them; a user whose mailbox nobody changed has
 * {@link #of its defaults}: a user mailbox, listed, no forwarding, no automatic replies, no hold.
 *
 * @param shared a shared mailbox: it has no sign-in of its own, its delegates open it
 * @param hidden absent from the address list (mail still reaches it)
 * @param forwarding where mail to it goes as well, or instead; null when none
 * @param autoReplies the automatic replies it sends; null when off
 * @param litigationHoldSince since when its contents are kept; null when not on hold
 */
public record Mailbox(String userId, boolean shared, boolean hidden, Forwarding forwarding, AutoReplies autoReplies,
    Instant litigationHoldSince) {

  public static Mailbox of(String userId) {
    return new Mailbox(userId, false, false, null, null, null);
  }

  public boolean onHold() {
    return litigationHoldSince != null;
  }

  public Mailbox withShared(boolean shared) {
    return new Mailbox(userId, shared, hidden, forwarding, autoReplies, litigationHoldSince);
  }

  public Mailbox withHidden(boolean hidden) {
    return new Mailbox(userId, shared, hidden, forwarding, autoReplies, litigationHoldSince);
  }

  public Mailbox withForwarding(Forwarding forwarding) {
    return new Mailbox(userId, shared, hidden, forwarding, autoReplies, litigationHoldSince);
  }

  public Mailbox withAutoReplies(AutoReplies autoReplies) {
    return new Mailbox(userId, shared, hidden, forwarding, autoReplies, litigationHoldSince);
  }

  public Mailbox withLitigationHoldSince(Instant since) {
    return new Mailbox(userId, shared, hidden, forwarding, autoReplies, since);
  }
}
