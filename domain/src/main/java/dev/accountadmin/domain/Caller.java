package dev.accountadmin.domain;

import java.util.Set;

/**
 * Who is calling: the signed-in user behind the bearer token, their roles at this moment, the
 * app their session was opened through, and where the call came from.
 */
public record Caller(String userId, UserName name, Set<Role> roles, ClientApp clientApp,
    String sessionId, String clientAddress) {

  /**
   * The roles that count for admin actions: only a session opened through the admin API carries
   * them, so a mail app's token (a phone's IMAP password, say) can never administer anything.
   */
  public Set<Role> adminRoles() {
    return clientApp == ClientApp.ADMIN_API ? roles : Set.of();
  }
}
