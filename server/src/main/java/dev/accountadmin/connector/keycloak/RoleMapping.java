package dev.accountadmin.connector.keycloak;

import java.util.Objects;

/**
 * One role mapped directly to a user: a realm role ({@code client} is null) or a role of a
 * client, named by its {@code clientId} (e.g. {@code realm-management}).
 *
 * @param client the clientId of the client the role belongs to, or null for a realm role
 * @param name the role's name
 * @param id Keycloak's id of the role, which it wants (with the name) to map the role again
 */
public record RoleMapping(String client, String name, String id) {
  public RoleMapping {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(id, "id");
  }

  /** A realm role. */
  public static RoleMapping realm(String name, String id) {
    return new RoleMapping(null, name, id);
  }

  /** A role of the client with this clientId. */
  public static RoleMapping client(String clientId, String name, String id) {
    return new RoleMapping(Objects.requireNonNull(clientId, "clientId"), name, id);
  }

  /** True for a realm role, false for a client role. */
  public boolean realmRole() {
    return client == null;
  }

  /** The same role regardless of its id (a role deleted and created again has a new id). */
  boolean sameRole(RoleMapping other) {
    return Objects.equals(client, other.client) && name.equals(other.name);
  }

  /** {@code admin} for a realm role, {@code realm-management/realm-admin} for a client role. */
  @Override
  public String toString() {
    return realmRole() ? name : client + "/" + name;
  }
}
