package dev.accountadmin.server.directory;

import java.util.Optional;

/** The app a sign-in comes through; mail apps are checked against the mailbox's protocols. */
public enum ClientApp {
  ADMIN_API(null),
  BROWSER(null),
  OUTLOOK_WEB(MailProtocol.OUTLOOK_WEB),
  OUTLOOK_DESKTOP(MailProtocol.MAPI),
  ACTIVE_SYNC(MailProtocol.ACTIVE_SYNC),
  EWS(MailProtocol.EWS),
  POP3(MailProtocol.POP3),
  IMAP(MailProtocol.IMAP);

  private final MailProtocol protocol;

  ClientApp(MailProtocol protocol) {
    this.protocol = protocol;
  }

  /** The mail protocol this app uses, or empty for apps that do not reach the mailbox. */
  public Optional<MailProtocol> protocol() {
    return Optional.ofNullable(protocol);
  }
}
