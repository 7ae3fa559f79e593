package dev.accountadmin.connector.keycloak;

import java.util.Map;
import java.util.Set;

/**
 * Which role mappings count as admin rights, to remove at offboarding.
 *
 * @param realmRoles realm role names, e.g. {@code admin}
 * @param clientRoles per clientId, the role names of that client; {@code *} means all of them
 */
public record AdminRoles(Set<String> realmRoles, Map<String, Set<String>> clientRoles) {
  /** Every role of this client. */
  public static final String ALL = "*";

  public AdminRoles {
    realmRoles = Set.copyOf(realmRoles);
    clientRoles = Map.copyOf(clientRoles);
  }

  /** The realm's {@code admin} role and every role of {@code realm-management}, the realm's admin console rights. */
  public static AdminRoles defaults() {
    return new AdminRoles(Set.of("admin"), Map.of("realm-management", Set.of(ALL)));
  }

  boolean matches(RoleMapping mapping) {
    if (mapping.realmRole()) {
      return realmRoles.contains(mapping.name());
    }
    var names = clientRoles.get(mapping.client());
    return names != null && (names.contains(ALL) || names.contains(mapping.name()));
  }
}
