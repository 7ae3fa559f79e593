package dev.accountadmin.connector.keycloak;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What offboarding recorded on the user, in the user's attributes {@link KeycloakAdminClient#OFFBOARDED_AT}
 * and {@link KeycloakAdminClient#REMOVED_ROLES}, so that restore can put it back. It lives in
 * Keycloak itself so that it follows the user, whichever AccountAdmin replica reads it.
 *
 * @param offboardedAt when the user was offboarded, if they were
 * @param removedRoles the admin role mappings offboarding removed
 */
public record RestoreState(Optional<Instant> offboardedAt, List<RoleMapping> removedRoles) {
  /** Nothing recorded. */
  public static final RestoreState NONE = new RestoreState(Optional.empty(), List.of());

  public RestoreState {
    removedRoles = List.copyOf(removedRoles);
  }

  /** True when nothing is recorded. */
  public boolean empty() {
    return offboardedAt.isEmpty() && removedRoles.isEmpty();
  }
}
