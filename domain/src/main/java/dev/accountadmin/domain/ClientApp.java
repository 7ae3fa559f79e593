package dev.accountadmin.domain;

import java.util.Optional;

/** The app a sign-in comes through; mail apps are checked against the mailbox's protocols. */
public enum ClientApp {
  ADMIN_API(null, false),
  BROWSER(null, false),
  OUTLOOK_WEB(MailProtocol.OUTLOOK_WEB, true),
  OUTLOOK_DESKTOP(MailProtocol.MAPI, true),
  ACTIVE_SYNC(MailProtocol.ACTIVE_SYNC, true),
  EWS(MailProtocol.EWS, true),
  // POP3 and IMAP only read a mailbox; their apps send through SMTP AUTH.
  POP3(MailProtocol.POP3, false),
  IMAP(MailProtocol.IMAP, false),
  SMTP_AUTH(MailProtocol.SMTP_AUTH, true);

  private final MailProtocol protocol;
  private final boolean submitsMail;

  ClientApp(MailProtocol protocol, boolean submitsMail) {
    this.protocol = protocol;
    this.submitsMail = submitsMail;
  }

  /** The mail protocol this app uses, or empty for apps that do not reach the mailbox. */
  public Optional<MailProtocol> protocol() {
    return Optional.ofNullable(protocol);
  }

  /** True for the mail apps through which a user may submit messages. */
  public boolean submitsMail() {
    return submitsMail;
  }
}
