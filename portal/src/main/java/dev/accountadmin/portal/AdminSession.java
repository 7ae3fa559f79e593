package dev.accountadmin.portal;

import java.time.Instant;

/**
 * One browser's session with the portal, kept in the portal's memory and named by a random id in
 * an HttpOnly cookie. Before sign-in it holds only the CSRF token of the sign-in form; after, the
 * admin's access token, which never leaves the portal (no cookie, no URL, no log).
 */
final class AdminSession {
  final String id;
  final String csrf;
  final String accessToken;
  final String admin;
  volatile Instant lastSeen;
  /** The sign-in's token carries an admin role (the API still decides every call). */
  volatile boolean adminRole;
  /** An admin required a new authenticator: until it is registered the API allows nothing else. */
  volatile boolean mustRegister;

  // No refresh token is kept: a session ends with its access token (an hour) or when left alone.
  AdminSession(String id, String csrf, String accessToken, String admin, Instant now) {
    this.id = id;
    this.csrf = csrf;
    this.accessToken = accessToken;
    this.admin = admin;
    this.lastSeen = now;
  }

  /** Only the user's own pages (their sign-in methods) are of use to this session. */
  boolean ownPagesOnly() {
    return !adminRole || mustRegister;
  }

  boolean signedIn() {
    return accessToken != null;
  }

  // The token is left out on purpose: a session printed by mistake gives nothing away.
  @Override
  public String toString() {
    return "AdminSession[" + (admin == null ? "anonymous" : admin) + "]";
  }
}
