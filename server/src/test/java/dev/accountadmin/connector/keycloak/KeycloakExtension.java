package dev.accountadmin.connector.keycloak;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives test classes the one {@link TestRealm} of this run, on the one {@link KeycloakServer}:
 * started by {@link KeycloakWarmStart} or else by the first class that asks, kept in the root
 * store, which JUnit closes when the whole run ends, failed or not.
 */
final class KeycloakExtension implements BeforeAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KeycloakExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    realm(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestRealm.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return realm(context);
  }

  private static TestRealm realm(ExtensionContext context) {
    var store = context.getRoot().getStore(NAMESPACE);
    return store.computeIfAbsent(KeycloakServer.class, k -> KeycloakServer.shared(), KeycloakServer.class).realm();
  }
}
