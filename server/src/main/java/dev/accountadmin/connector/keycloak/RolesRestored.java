package dev.accountadmin.connector.keycloak;

import java.util.List;

/**
 * The result of putting back the role mappings offboarding recorded.
 *
 * @param restored the mappings this call added back
 * @param alreadyPresent recorded mappings the user had again already
 * @param missing recorded roles that no longer exist in the realm, so could not be put back
 * @param stateCleared whether this call removed the restore state from the user's attributes
 */
public record RolesRestored(List<RoleMapping> restored, List<RoleMapping> alreadyPresent, List<RoleMapping> missing,
    boolean stateCleared) {
  public RolesRestored {
    restored = List.copyOf(restored);
    alreadyPresent = List.copyOf(alreadyPresent);
    missing = List.copyOf(missing);
  }

  /** False when there was nothing recorded to restore. */
  public boolean changed() {
    return !restored.isEmpty() || stateCleared;
  }
}
