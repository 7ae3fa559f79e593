package dev.accountadmin.domain;

/** A kind of authentication method; names match {@code accountadmin.v1.AuthMethodKind}. */
public enum MethodKind {
  /** An authenticator app (TOTP, RFC 6238): the second factor at sign-in. */
  AUTHENTICATOR_APP,
  /** An alternate email address, for self-service password reset; not a sign-in factor. */
  ALTERNATE_EMAIL,
  /** A password for one mail app that cannot ask for a code (POP3, IMAP, SMTP AUTH). */
  APP_PASSWORD
}
