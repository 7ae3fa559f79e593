package dev.accountadmin.server.mail;

import dev.accountadmin.domain.AuditRecord;
import dev.accountadmin.domain.Action;
import dev.accountadmin.domain.Caller;
import dev.accountadmin.failure.DirectoryException;
import dev.accountadmin.failure.FieldViolation;
import dev.accountadmin.failure.Reason;
import dev.accountadmin.domain.SendingRestriction;
import dev.accountadmin.domain.User;
import dev.accountadmin.domain.UserName;
import dev.accountadmin.domain.DirectoryPort;
import dev.accountadmin.domain.UnitOfWork;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Message submission, where outbound limits and sending restrictions are enforced. A submission
 * that would cross a limit is refused and restricts its sender (outbound spam); every later one
 * is refused until the restriction is lifted or, by policy, the next UTC day. Either way the
 * sender then starts from a fresh allowance. Receiving mail is not affected by any of this.
 */
public final class MailFlow {
  static final int MAX_RECIPIENTS = 1000;

  /** An accepted message, with its distinct recipients counted, and where it went for each of the tenant's. */
  public record Accepted(String messageId, int internal, int external, List<Delivery> deliveries) {}

  /** The limits, by the names the error metadata ({@code limitWindow}) and the audit use. */
  enum Window { EXTERNAL_PER_HOUR, INTERNAL_PER_HOUR, PER_DAY }

  /** How a restriction for crossing a limit ends, by the name the error metadata ({@code restrictionEnd}) uses. */
  enum RestrictionEnd { LIFTED, NEXT_DAY }

  private final DirectoryPort port;
  private final OutboundPolicy policy;
  private final Clock clock;
  private final String domain;

  public MailFlow(DirectoryPort port, OutboundPolicy policy, Clock clock, String domain) {
    this.port = port;
    this.policy = policy;
    this.clock = clock;
    this.domain = domain.toLowerCase(Locale.ROOT);
  }

  /**
   * Submits a message from {@code sender}, who must have signed in through a mail app that sends
   * mail; a browser or admin-API session, or a POP3 or IMAP one (those only read), may not send.
   * Each recipient counts once however often, and in whatever case, it is listed.
   */
  public Accepted submit(Caller sender, List<String> recipients) {
    return submit(sender, recipients, "");
  }

  /** As {@link #submit(Caller, List)}, with the subject that inbox rules match. */
  public Accepted submit(Caller sender, List<String> recipients, String subject) {
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
    var distinct = new HashSet<String>();
    var tenant = new ArrayList<UserName>();
    int internal = 0;
    int external = 0;
    for (int i = 0; i < recipients.size(); i++) {
      var address = UserName.parse("recipients[" + i + "]", recipients.get(i));
      if (!distinct.add(address.key())) {
        continue;
      }
      if (address.domain().equals(domain)) {
        internal++;
        tenant.add(address);
      } else {
        external++;
      }
    }
    final int in = internal;
    final int out = external;
    // A refusal that restricts the sender must commit; it is returned, then thrown.
    var outcome = port.write(unit -> {
      // Locked, so that submissions on any replica count against the limits one after another.
      var user = unit.users().findByIdForUpdate(sender.userId()).orElseThrow(() -> DirectoryException.of(Reason.SESSION_REVOKED));
      var now = clock.instant();
      // Checked again on the locked row: an offboarding that turned the protocol off while this
      // call was on its way wins.
      var protocol = sender.clientApp().protocol().orElseThrow();
      if (!user.enabledProtocols().contains(protocol)) {
        throw DirectoryException.of(Reason.PROTOCOL_DISABLED, "user", user.name().value(),
            "clientApp", sender.clientApp().name());
      }
      if (user.restriction() != null && !user.restrictedAt(now)) {
        // A restriction that ran out (next UTC day) goes away when the sender next sends, and
        // like a lift it leaves a fresh allowance: the hour before midnight must not count again.
        user = unit.users().update(user.withRestriction(null, user.restrictionLiftCount()), now);
        unit.mail().forgive(user.id(), now);
      }
      if (user.restrictedAt(now)) {
        return restricted(user, now);
      }
      unit.mail().prune(user.id(), now);
      var hour = unit.mail().since(user.id(), now.minus(Duration.ofHours(1)));
      var day = unit.mail().since(user.id(), now.truncatedTo(ChronoUnit.DAYS));
      Window window = null;
      long count = 0;
      int max = 0;
      if (hour.external() + out > policy.externalPerHour()) {
        window = Window.EXTERNAL_PER_HOUR;
        count = hour.external() + out;
        max = policy.externalPerHour();
      } else if (hour.internal() + in > policy.internalPerHour()) {
        window = Window.INTERNAL_PER_HOUR;
        count = hour.internal() + in;
        max = policy.internalPerHour();
      } else if (day.total() + in + out > policy.perDay()) {
        window = Window.PER_DAY;
        count = day.total() + in + out;
        max = policy.perDay();
      }
      if (window != null) {
        return restrict(unit, sender, user, now, window, max, count);
      }
      var id = UUID.randomUUID().toString();
      unit.mail().insert(id, user.id(), now, in, out);
      var deliveries = new ArrayList<Delivery>();
      for (var recipient : tenant) {
        var delivery = Delivery.route(unit, recipient, subject, now);
        if (delivery != null) {
          deliveries.add(delivery);
        }
      }
      return new Accepted(id, in, out, deliveries);
    });
    if (outcome instanceof DirectoryException refusal) {
      throw refusal;
    }
    return (Accepted) outcome;
  }

  private static DirectoryException restricted(User user, Instant now) {
    var metadata = Map.of("user", user.name().value(), "restrictionReason", user.restriction().reason().name());
    var expires = user.restriction().expiresAt();
    // Waiting helps only when the restriction ends by itself; otherwise an admin must lift it.
    return expires == null
        ? DirectoryException.of(Reason.SENDING_RESTRICTED, metadata)
        : DirectoryException.retryable(Reason.SENDING_RESTRICTED, Duration.between(now, expires), metadata);
  }

  /**
   * Restricts the sender who would cross {@code window}'s limit, audits it as the submission that
   * did it (by the sender, refused), and returns the error that names the limit and, when the
   * restriction ends by itself, when.
   */
  private DirectoryException restrict(UnitOfWork unit, Caller sender, User user, Instant now,
      Window window, int max, long count) {
    var expires = policy.action() == OutboundPolicy.Action.RESTRICT_UNTIL_NEXT_DAY
        ? now.atOffset(ZoneOffset.UTC).toLocalDate().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC)
        : null;
    unit.users().update(user.withRestriction(
        new SendingRestriction(SendingRestriction.Reason.OUTBOUND_SPAM, now, expires), user.restrictionLiftCount()), now);
    var metadata = new TreeMap<String, String>();
    metadata.put("user", user.name().value());
    metadata.put("limitWindow", window.name());
    metadata.put("limit", Integer.toString(max));
    metadata.put("recipientCount", Long.toString(count));
    metadata.put("restrictionEnd", (expires == null ? RestrictionEnd.LIFTED : RestrictionEnd.NEXT_DAY).name());
    Duration wait = null;
    if (expires != null) {
      wait = Duration.between(now, expires);
      metadata.put("restrictedUntilTime", expires.toString());
      metadata.put("retryAfterSeconds", Long.toString((wait.toMillis() + 999) / 1000));
    }
    var details = new TreeMap<String, String>(metadata);
    details.remove("user");
    details.remove("retryAfterSeconds");
    details.put("reason", Reason.OUTBOUND_LIMIT_EXCEEDED.name());
    details.put("restrictionReason", SendingRestriction.Reason.OUTBOUND_SPAM.name());
    unit.audit().append(AuditRecord.of(sender.name().value(), sender.clientAddress(), Action.SUBMIT_MESSAGE,
        user.name().value(), "", AuditRecord.Outcome.FAILURE, details));
    return wait == null
        ? DirectoryException.of(Reason.OUTBOUND_LIMIT_EXCEEDED, metadata)
        : DirectoryException.retryable(Reason.OUTBOUND_LIMIT_EXCEEDED, wait, metadata);
  }
}
