package dev.accountadmin.domain;

/** An administrator role. Names match {@code accountadmin.v1.AdminRole} without its prefix. */
public enum Role {
  GLOBAL_ADMIN,
  USER_ADMIN,
  HELPDESK_ADMIN,
  EXCHANGE_ADMIN,
  SECURITY_ADMIN
}
