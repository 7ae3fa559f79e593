package dev.accountadmin.domain;

/** A protocol that reaches a mailbox. Names match {@code accountadmin.v1.MailProtocol}. */
public enum MailProtocol {
  ACTIVE_SYNC,
  OUTLOOK_WEB,
  MAPI,
  EWS,
  POP3,
  IMAP,
  /** Authenticated SMTP submission: how POP3 and IMAP apps, printers and scripts send mail. */
  SMTP_AUTH
}
