package dev.accountadmin.connector.keycloak;

/**
 * Keycloak refused the service account: its credentials were not accepted (401) or it lacks a
 * role the call needs (403). Someone has to change the client's secret or roles in Keycloak.
 */
public final class KeycloakPermissionException extends KeycloakException {
  private final String operation;
  private final int status;

  KeycloakPermissionException(String directory, String operation, int status, String detail) {
    super(directory, operation + " refused (HTTP " + status + "): " + detail, null);
    this.operation = operation;
    this.status = status;
  }

  /** What was being done, e.g. "remove role mappings". */
  public String operation() {
    return operation;
  }

  /** 401 or 403 (or 400 with invalid_client / unauthorized_client from the token endpoint). */
  public int status() {
    return status;
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
