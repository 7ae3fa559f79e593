package dev.accountadmin.portal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sign-ins waiting for the verification code. The API checks the password and the code in one
 * SignIn call and has no half-signed-in state to hand out, so between the two pages the password
 * must stay somewhere: here, in the portal's memory, under the anonymous session's id, for a few
 * minutes only — never in a hidden field, a cookie or a URL, where the browser would keep it.
 */
final class PendingSignIns {
  /** Long enough to open an authenticator app and type a code; short enough not to hold a password around. */
  static final Duration LIFETIME = Duration.ofMinutes(5);
  private static final int MAX_PENDING = 10_000;

  /** A password the API found correct, waiting for the code; printed, it shows neither. */
  record Pending(String user, String password, Instant expires) {
    @Override
    public String toString() {
      return "Pending[" + user + "]";
    }
  }

  private final Map<String, Pending> bySession = new ConcurrentHashMap<>();
  private final Clock clock;

  PendingSignIns(Clock clock) {
    this.clock = clock;
  }

  void hold(AdminSession session, String user, String password) {
    var now = clock.instant();
    if (bySession.size() >= MAX_PENDING) {
      bySession.values().removeIf(p -> !p.expires().isAfter(now));
    }
    bySession.put(session.id, new Pending(user, password, now.plus(LIFETIME)));
  }

  /** The session's pending sign-in; null when there is none or it ran out (then it is forgotten). */
  Pending find(AdminSession session) {
    if (session == null) {
      return null;
    }
    var pending = bySession.get(session.id);
    if (pending != null && !pending.expires().isAfter(clock.instant())) {
      bySession.remove(session.id, pending);
      return null;
    }
    return pending;
  }

  /** True when the session had a pending sign-in that ran out (not one that never was). */
  boolean expired(AdminSession session) {
    if (session == null) {
      return false;
    }
    var pending = bySession.get(session.id);
    return pending != null && !pending.expires().isAfter(clock.instant());
  }

  void forget(AdminSession session) {
    if (session != null) {
      bySession.remove(session.id);
    }
  }
}
