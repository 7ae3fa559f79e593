package dev.accountadmin.server.auth;

import dev.accountadmin.i18n.Messages;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Sends self-service codes through the configured SMTP relay (Eclipse Angus Mail), as plain text
 * in the user's language: one whole message from the bundles, which says the code, how long it
 * lasts and what to do when the user did not ask for it. The relay is the organisation's own
 * (it authenticates and signs outgoing mail); this speaks plain SMTP to it.
 */
public final class SmtpRelay implements SelfServiceRecovery.CodeMail {
  private static final int TIMEOUT_MILLIS = 10_000;
  private final String host;
  private final int port;
  private final String sender;

  public SmtpRelay(String host, int port, String sender) {
    this.host = host;
    this.port = port;
    this.sender = sender;
  }

  /** A relay from {@code host:port} (a bare host means port 25). */
  public static SmtpRelay parse(String hostAndPort, String sender) {
    var text = hostAndPort.strip();
    int colon = text.lastIndexOf(':');
    if (colon < 0 || text.endsWith("]")) {
      return new SmtpRelay(text.replace("[", "").replace("]", ""), 25, sender);
    }
    return new SmtpRelay(text.substring(0, colon).replace("[", "").replace("]", ""),
        Integer.parseInt(text.substring(colon + 1)), sender);
  }

  @Override
  public void send(String address, Locale locale, String code, Duration lifetime) {
    var messages = Messages.of(locale, ZoneOffset.UTC);
    var properties = new Properties();
    properties.put("mail.smtp.host", host);
    properties.put("mail.smtp.port", Integer.toString(port));
    properties.put("mail.smtp.connectiontimeout", Integer.toString(TIMEOUT_MILLIS));
    properties.put("mail.smtp.timeout", Integer.toString(TIMEOUT_MILLIS));
    properties.put("mail.smtp.writetimeout", Integer.toString(TIMEOUT_MILLIS));
    try {
      var message = new MimeMessage(Session.getInstance(properties));
      message.setFrom(new InternetAddress(sender));
      message.setRecipient(Message.RecipientType.TO, new InternetAddress(address));
      message.setSubject(messages.render("selfService.mail.subject", Map.of()), "UTF-8");
      message.setText(messages.render("selfService.mail.body", Map.of("code", code, "lifetime", lifetime)), "UTF-8");
      message.setHeader("Content-Language", messages.locale().toLanguageTag());
      message.setSentDate(new Date());
      Transport.send(message);
    } catch (MessagingException e) {
      throw new IllegalStateException("the SMTP relay refused the message", e);
    }
  }
}
