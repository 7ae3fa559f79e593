package dev.accountadmin.server.mail;

/**
 * Outbound mail limits, per sender (recipients, not messages), and what crossing one does.
 *
 * @param externalPerHour recipients outside the tenant's domain in any rolling hour
 * @param internalPerHour recipients inside it in any rolling hour
 * @param perDay all recipients in one UTC day
 * @param action how long the restriction that follows lasts
 */
public record OutboundPolicy(int externalPerHour, int internalPerHour, int perDay, Action action) {

  /** What happens to a sender who crosses a limit. */
  public enum Action {
    /** Restricted until an admin lifts it. */
    RESTRICT_UNTIL_LIFTED,
    /** Restricted until the next UTC day begins. */
    RESTRICT_UNTIL_NEXT_DAY
  }

  public static final OutboundPolicy DEFAULT = new OutboundPolicy(500, 1000, 1000, Action.RESTRICT_UNTIL_LIFTED);
}
