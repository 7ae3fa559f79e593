package dev.accountadmin.portal;

import dev.accountadmin.v1.CompleteRecoveryResponse;
import dev.accountadmin.v1.RecoveryMethod;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The self-service recoveries under way, by the browser's (anonymous) portal session: the
 * recovery id the API answered with stays here, in the portal's memory, never in a page, a
 * cookie or a URL.
 */
final class SelfServiceFlows {
  private static final int MAX_FLOWS = 10_000;

  /** A recovery begun from one browser; {@code done} once it completed. */
  record Flow(String user, RecoveryMethod method, String recoveryId, Instant expiresAt, int codeLength,
      CompleteRecoveryResponse done) {
    @Override
    public String toString() {
      return "Flow[" + method + "]";
    }
  }

  private record Kept(Flow flow, Instant keptAt) {}

  // Longer than any recovery lasts: after that, nothing the flow holds is of use.
  private static final java.time.Duration KEPT = java.time.Duration.ofHours(1);
  private final Map<String, Kept> bySession = new ConcurrentHashMap<>();
  private final Clock clock;

  SelfServiceFlows(Clock clock) {
    this.clock = clock;
  }

  /**
   * The session's flow, or null when it has none. Whether the recovery still holds is the API's
   * to say (its clock decides); the portal only forgets flows left alone for long.
   */
  Flow find(AdminSession session) {
    var kept = bySession.get(session.id);
    return kept == null ? null : kept.flow();
  }

  void put(AdminSession session, Flow flow) {
    var now = clock.instant();
    if (bySession.size() >= MAX_FLOWS) {
      bySession.values().removeIf(k -> k.keptAt().plus(KEPT).isBefore(now));
    }
    bySession.put(session.id, new Kept(flow, now));
  }

  void remove(AdminSession session) {
    bySession.remove(session.id);
  }
}
