package dev.accountadmin.connector.keycloak;

import java.util.List;

/**
 * The result of removing a user's admin role mappings.
 *
 * @param removed exactly the mappings this call removed
 * @param recorded every mapping now recorded for restore (this call's and any earlier call's)
 */
public record RolesRemoved(List<RoleMapping> removed, List<RoleMapping> recorded) {
  public RolesRemoved {
    removed = List.copyOf(removed);
    recorded = List.copyOf(recorded);
  }

  /** False when the user had no admin role mapping left. */
  public boolean changed() {
    return !removed.isEmpty();
  }
}
