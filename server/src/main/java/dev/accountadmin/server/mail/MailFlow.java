package dev.accountadmin.server.mail;

import dev.accountadmin.server.audit.AuditLog;
import dev.accountadmin.server.audit.AuditRecord;
import dev.accountadmin.server.directory.Action;
import dev.accountadmin.server.directory.Caller;
import dev.accountadmin.server.directory.DirectoryException;
import dev.accountadmin.server.directory.FieldViolation;
import dev.accountadmin.server.directory.Reason;
import dev.accountadmin.server.directory.SendingRestriction;
import dev.accountadmin.server.directory.UserName;
import dev.accountadmin.server.store.Database;
import dev.accountadmin.server.store.UserStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Message submission, where outbound limits and sending restrictions are enforced. A submission
 * that would cross a limit is refused and restricts its sender (outbound spam); every later one
 * is refused until the restriction is lifted or, by policy, the next UTC day. Receiving mail is
 * not affected by any of this.
 */
public final class MailFlow {
  static final int MAX_RECIPIENTS = 1000;

  /** An accepted message. */
  public record Accepted(String messageId, int internal, int external) {}

  private final Database database;
  private final UserStore users;
  private final AuditLog audit;
  private final OutboundPolicy policy;
  private final Clock clock;
  private final String domain;

  public MailFlow(Database database, UserStore users, AuditLog audit, OutboundPolicy policy, Clock clock, String domain) {
    this.database = database;
    this.users = users;
    this.audit = audit;
    this.policy = policy;
    this.clock = clock;
    this.domain = domain.toLowerCase(Locale.ROOT);
  }

  /**
   * Submits a message from {@code sender}, who must have signed in through a mail app that sends
   * mail; a browser or admin-API session, or a POP3 or IMAP one (those only read), may not send.
   */
  public Accepted submit(Caller sender, java.util.List<String> recipients) {
    if (!sender.clientApp().submitsMail()) {
      throw DirectoryException.of(Reason.MAIL_CLIENT_REQUIRED, "user", sender.name().value(),
          "clientApp", sender.clientApp().name());
    }
    if (recipients.isEmpty()) {
      throw DirectoryException.invalid(FieldViolation.required("recipients"));
    }
    if (recipients.size() > MAX_RECIPIENTS) {
      throw DirectoryException.invalid(FieldViolation.outOfRange("recipients", recipients.size(), 1, MAX_RECIPIENTS));
    }
    int internal = 0;
    int external = 0;
    for (int i = 0; i < recipients.size(); i++) {
      var address = UserName.parse("recipients[" + i + "]", recipients.get(i));
      if (address.domain().equals(domain)) {
        internal++;
      } else {
        external++;
      }
    }
    final int in = internal;
    final int out = external;
    // A refusal that restricts the sender must commit; it is returned, then thrown.
    var outcome = database.inTransaction(c -> {
      // Locked, so that submissions on any replica count against the limits one after another.
      var user = users.findByIdForUpdate(c, sender.userId()).orElseThrow(() -> DirectoryException.of(Reason.SESSION_REVOKED));
      var now = clock.instant();
      // Checked again on the locked row: an offboarding that turned the protocol off while this
      // call was on its way wins.
      var protocol = sender.clientApp().protocol().orElseThrow();
      if (!user.enabledProtocols().contains(protocol)) {
        throw DirectoryException.of(Reason.PROTOCOL_DISABLED, "user", user.name().value(),
            "clientApp", sender.clientApp().name());
      }
      if (user.restriction() != null && !user.restrictedAt(now)) {
        // A restriction that ran out (next UTC day) goes away when the sender next sends.
        user = users.update(c, user.withRestriction(null, user.restrictionLiftCount()), now);
      }
      if (user.restrictedAt(now)) {
        return DirectoryException.of(Reason.SENDING_RESTRICTED, "user", user.name().value(),
            "restrictionReason", user.restriction().reason().name());
      }
      prune(c, user.id(), now);
      var hour = sums(c, user.id(), now.minus(Duration.ofHours(1)));
      var day = sums(c, user.id(), now.truncatedTo(ChronoUnit.DAYS));
      String limit = null;
      long count = 0;
      if (hour[1] + out > policy.externalPerHour()) {
        limit = "externalPerHour";
        count = hour[1] + out;
      } else if (hour[0] + in > policy.internalPerHour()) {
        limit = "internalPerHour";
        count = hour[0] + in;
      } else if (day[0] + day[1] + in + out > policy.perDay()) {
        limit = "perDay";
        count = day[0] + day[1] + in + out;
      }
      if (limit != null) {
        var expires = policy.action() == OutboundPolicy.Action.RESTRICT_UNTIL_NEXT_DAY
            ? now.atOffset(ZoneOffset.UTC).toLocalDate().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC)
            : null;
        users.update(c, user.withRestriction(
            new SendingRestriction(SendingRestriction.Reason.OUTBOUND_SPAM, now, expires), user.restrictionLiftCount()), now);
        int max = switch (limit) {
          case "externalPerHour" -> policy.externalPerHour();
          case "internalPerHour" -> policy.internalPerHour();
          default -> policy.perDay();
        };
        audit.append(c, AuditRecord.of("system", sender.clientAddress(), Action.RESTRICT_SENDING, user.name().value(), "",
            AuditRecord.Outcome.SUCCESS, Map.of("restrictionReason", "OUTBOUND_SPAM", "limit", limit,
                "limitValue", Integer.toString(max), "recipientCount", Long.toString(count))));
        return DirectoryException.of(Reason.OUTBOUND_LIMIT_EXCEEDED, "user", user.name().value(),
            "limit", Integer.toString(max), "recipientCount", Long.toString(count));
      }
      var id = UUID.randomUUID().toString();
      try (var statement = c.prepareStatement("INSERT INTO mail_submissions (id, user_id, time, internal_count,"
          + " external_count) VALUES (?, ?, ?, ?, ?)")) {
        statement.setString(1, id);
        statement.setString(2, user.id());
        statement.setLong(3, now.toEpochMilli());
        statement.setInt(4, in);
        statement.setInt(5, out);
        statement.executeUpdate();
      }
      return new Accepted(id, in, out);
    });
    if (outcome instanceof DirectoryException refusal) {
      throw refusal;
    }
    return (Accepted) outcome;
  }

  private static void prune(Connection c, String userId, Instant now) throws SQLException {
    try (var statement = c.prepareStatement("DELETE FROM mail_submissions WHERE user_id = ? AND time < ?")) {
      statement.setString(1, userId);
      statement.setLong(2, now.minus(Duration.ofDays(1)).toEpochMilli());
      statement.executeUpdate();
    }
  }

  /** {internal, external} recipients since {@code from}. */
  private static long[] sums(Connection c, String userId, Instant from) throws SQLException {
    try (var statement = c.prepareStatement("SELECT COALESCE(SUM(internal_count), 0), COALESCE(SUM(external_count), 0)"
        + " FROM mail_submissions WHERE user_id = ? AND time > ?")) {
      statement.setString(1, userId);
      statement.setLong(2, from.toEpochMilli());
      try (var rows = statement.executeQuery()) {
        rows.next();
        return new long[] {rows.getLong(1), rows.getLong(2)};
      }
    }
  }
}
