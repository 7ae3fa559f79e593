package dev.accountadmin.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A mailbox's automatic replies: one message for senders of the tenant, one for everyone else,
 * sent always or only between two instants.
 *
 * @param start when they begin; null: at once
 * @param end when they stop; null: until turned off
 */
public record AutoReplies(String internalMessage, String externalMessage, Instant start, Instant end) {
  public static final int MAX_MESSAGE = 4000;

  public AutoReplies {
    Objects.requireNonNull(internalMessage);
    externalMessage = externalMessage == null ? "" : externalMessage;
  }

  /** Whether a message arriving at {@code now} is answered. */
  public boolean activeAt(Instant now) {
    return (start == null || !now.isBefore(start)) && (end == null || now.isBefore(end));
  }

  /** The reply a sender gets: the external message for senders outside the tenant, if there is one. */
  public String replyFor(boolean internalSender) {
    return internalSender || externalMessage.isEmpty() ? internalMessage : externalMessage;
  }
}
