package dev.accountadmin.server.domain;

/** One kind of step of a procedure; names match {@code accountadmin.v1.StepKind}. */
public enum StepKind {
  LIFT_SENDING_RESTRICTION(Action.LIFT_SENDING_RESTRICTION),
  CLEAR_LOCKOUT(Action.CLEAR_LOCKOUT),
  RESET_PASSWORD(Action.RESET_PASSWORD),
  ALLOW_SIGN_IN(Action.ALLOW_SIGN_IN),
  REVOKE_SESSIONS(Action.REVOKE_SESSIONS),
  BLOCK_SIGN_IN(Action.BLOCK_SIGN_IN),
  SET_MAIL_PROTOCOLS(Action.SET_MAIL_PROTOCOLS),
  REMOVE_ADMIN_ROLES(Action.MANAGE_ADMIN_ROLES),
  ASSIGN_ADMIN_ROLES(Action.MANAGE_ADMIN_ROLES),
  RESTRICT_SENDING(Action.RESTRICT_SENDING);

  private final Action action;

  StepKind(Action action) {
    this.action = action;
  }

  /** The action whose permission the step needs. */
  public Action action() {
    return action;
  }
}
