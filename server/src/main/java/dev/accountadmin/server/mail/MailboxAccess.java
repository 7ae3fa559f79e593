package dev.accountadmin.server.mail;

import dev.accountadmin.domain.Action;
import dev.accountadmin.domain.AuditRecord;
import dev.accountadmin.domain.Caller;
import dev.accountadmin.domain.Directory;
import dev.accountadmin.domain.DirectoryPort;
import dev.accountadmin.domain.InboxRule;
import dev.accountadmin.domain.UnitOfWork;
import dev.accountadmin.domain.UserName;
import dev.accountadmin.failure.DirectoryException;
import dev.accountadmin.failure.Reason;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a signed-in user does with mailboxes besides sending: open one (their own, or a shared one
 * they are a delegate of), look up the address list, and make a rule for their own inbox.
 */
public final class MailboxAccess {
  /** How the caller reaches a mailbox it opened. */
  public enum Access { OWNER, DELEGATE }

  /** A mailbox opened: its address, how, and whether it is shared. */
  public record Opened(UserName mailbox, Access access, boolean shared) {}

  private final DirectoryPort port;
  private final Clock clock;

  public MailboxAccess(DirectoryPort port, Clock clock) {
    this.port = port;
    this.clock = clock;
  }

  /**
   * Opens {@code mailbox} (null: the caller's own). A shared mailbox opens for its delegates only;
   * a user mailbox for its user only. A refusal names the mailbox, whether or not it exists, so
   * that it tells nobody which addresses are real; it is audited.
   */
  public Opened open(Caller caller, UserName mailbox) {
    var target = mailbox == null ? caller.name() : mailbox;
    var opened = port.read(unit -> {
      var user = unit.users().find(target).filter(u -> !u.deleted()).orElse(null);
      if (user == null) {
        return null;
      }
      var settings = unit.mailboxes().get(user.id());
      if (user.id().equals(caller.userId()) && !settings.shared()) {
        return new Opened(user.name(), Access.OWNER, false);
      }
      if (settings.shared() && unit.mailboxes().delegates(user.id()).stream()
          .anyMatch(d -> d.userId().equals(caller.userId()))) {
        return new Opened(user.name(), Access.DELEGATE, true);
      }
      return null;
    });
    if (opened == null) {
      port.write(unit -> unit.audit().append(AuditRecord.of(caller.name().value(), caller.clientAddress(),
          Action.OPEN_MAILBOX, target.value(), "", AuditRecord.Outcome.DENIED,
          Map.of("reason", Reason.MAILBOX_ACCESS_DENIED.name()))));
      throw DirectoryException.of(Reason.MAILBOX_ACCESS_DENIED, "user", caller.name().value(), "mailbox", target.value());
    }
    return opened;
  }

  /** The address list: mailboxes not hidden from it whose address or display name starts with {@code prefix}. */
  public List<UnitOfWork.Mailboxes.AddressEntry> lookup(String prefix, int pageSize) {
    int size = Directory.pageSize(pageSize);
    return port.read(unit -> unit.mailboxes().addressList(prefix, size));
  }

  /** Stores a rule for the caller's own inbox, and audits it: a flagged rule is what an admin looks for. */
  public InboxRule createRule(Caller caller, String name, String subjectContains, String forwardTo, String redirectTo,
      boolean delete, String moveToFolder) {
    return port.write(unit -> {
      var now = clock.instant();
      var rule = new InboxRule(UUID.randomUUID().toString(), name, subjectContains, forwardTo, redirectTo, delete,
          moveToFolder, now);
      unit.mailboxes().insertRule(caller.userId(), rule);
      unit.audit().append(AuditRecord.of(caller.name().value(), caller.clientAddress(), Action.CREATE_INBOX_RULE,
          caller.name().value(), "", AuditRecord.Outcome.SUCCESS,
          Map.of("ruleId", rule.id(), "flagged", Boolean.toString(rule.flagged()))));
      return rule;
    });
  }
}
