package dev.accountadmin.connector.keycloak;

import java.util.List;

/**
 * The result of resetting a user's password. Keycloak cannot tell whether the new password equals
 * the old one, so a reset is always sent; sending the same one again leaves the same state.
 *
 * @param temporary whether the user must choose another at next sign-in
 * @param requiredActionsBefore the user's required actions before the reset
 * @param requiredActionsAfter after it, with {@code UPDATE_PASSWORD} when temporary
 */
public record PasswordReset(boolean temporary, List<String> requiredActionsBefore, List<String> requiredActionsAfter) {
  public PasswordReset {
    requiredActionsBefore = List.copyOf(requiredActionsBefore);
    requiredActionsAfter = List.copyOf(requiredActionsAfter);
  }
}
