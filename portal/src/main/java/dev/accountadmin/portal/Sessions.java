package dev.accountadmin.portal;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The portal's sessions, in memory: ids and CSRF tokens from SecureRandom, an idle limit on the
 * injected clock, and a new id at sign-in so that an id planted before it is worth nothing after.
 */
final class Sessions {
  private static final int MAX_SESSIONS = 10_000;
  private final Map<String, AdminSession> byId = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;
  private final Duration idle;

  Sessions(Clock clock, Duration idle) {
    this.clock = clock;
    this.idle = idle;
  }

  /** The live session with this id, touched; null when unknown or idle too long (then forgotten). */
  AdminSession find(String id) {
    if (id == null) {
      return null;
    }
    var session = byId.get(id);
    if (session == null) {
      return null;
    }
    var now = clock.instant();
    // Kept until the next clean-up, so that the next page can say the session ran out.
    if (session.lastSeen.plus(idle).isBefore(now)) {
      return null;
    }
    session.lastSeen = now;
    return session;
  }

  /** True when {@code id} named a session that ran out (not one that never was). */
  boolean expired(String id) {
    if (id == null) {
      return false;
    }
    var session = byId.get(id);
    return session != null && session.lastSeen.plus(idle).isBefore(clock.instant());
  }

  AdminSession anonymous() {
    return put(new AdminSession(token(), token(), null, null, clock.instant()));
  }

  AdminSession signedIn(AdminSession before, String admin, String accessToken) {
    if (before != null) {
      byId.remove(before.id);
    }
    return put(new AdminSession(token(), token(), accessToken, admin, clock.instant()));
  }

  void remove(AdminSession session) {
    if (session != null) {
      byId.remove(session.id);
    }
  }

  private AdminSession put(AdminSession session) {
    if (byId.size() >= MAX_SESSIONS) {
      var now = clock.instant();
      byId.values().removeIf(s -> s.lastSeen.plus(idle).isBefore(now) || !s.signedIn());
    }
    byId.put(session.id, session);
    return session;
  }

  private String token() {
    var bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Compares a submitted CSRF token in constant time. */
  static boolean sameToken(String expected, String given) {
    return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
        given.getBytes(StandardCharsets.US_ASCII));
  }
}
