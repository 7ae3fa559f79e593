package dev.accountadmin.server.store;

import dev.accountadmin.domain.AutoReplies;
import dev.accountadmin.domain.Forwarding;
import dev.accountadmin.domain.InboxRule;
import dev.accountadmin.domain.Mailbox;
import dev.accountadmin.domain.StepKind;
import dev.accountadmin.domain.UnitOfWork;
import dev.accountadmin.domain.UserName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Mailbox settings, delegates, inbox rules and what offboarding recorded about them; plain SQL
 * that SQLite and PostgreSQL share. The settings of {@code mailboxes} and {@code mailbox_priors}
 * are the same columns, read and written by one pair of methods.
 */
final class MailboxStore implements UnitOfWork.Mailboxes {
  private static final String SETTINGS = "m.shared, m.hidden, m.forward_to, m.keep_copy, m.auto_reply_internal,"
      + " m.auto_reply_external, m.auto_reply_start, m.auto_reply_end, m.litigation_hold_at, t.upn AS forward_to_upn";
  private static final String RULE = "id, name, subject_contains, forward_to, redirect_to, delete_message,"
      + " move_to_folder, created_at";

  private final Connection c;

  MailboxStore(Connection c) {
    this.c = c;
  }

  @Override
  public Mailbox get(String userId) {
    return Sql.call(() -> {
      try (var s = c.prepareStatement("SELECT " + SETTINGS + " FROM mailboxes m LEFT JOIN users t ON t.id = m.forward_to"
          + " WHERE m.user_id = ?")) {
        s.setString(1, userId);
        try (var rows = s.executeQuery()) {
          return rows.next() ? settings(userId, rows) : Mailbox.of(userId);
        }
      }
    });
  }

  @Override
  public void put(Mailbox mailbox) {
    Sql.run(() -> {
      try (var s = c.prepareStatement("UPDATE mailboxes SET shared = ?, hidden = ?, forward_to = ?, keep_copy = ?,"
          + " auto_reply_internal = ?, auto_reply_external = ?, auto_reply_start = ?, auto_reply_end = ?,"
          + " litigation_hold_at = ? WHERE user_id = ?")) {
        bindSettings(s, 1, mailbox);
        s.setString(10, mailbox.userId());
        if (s.executeUpdate() > 0) {
          return;
        }
      }
      try (var s = c.prepareStatement("INSERT INTO mailboxes (shared, hidden, forward_to, keep_copy, auto_reply_internal,"
          + " auto_reply_external, auto_reply_start, auto_reply_end, litigation_hold_at, user_id)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        bindSettings(s, 1, mailbox);
        s.setString(10, mailbox.userId());
        s.executeUpdate();
      }
    });
  }

  @Override
  public List<AddressEntry> addressList(String prefix, int limit) {
    return Sql.call(() -> {
      // LIKE with the prefix's wildcards escaped; lower() on both sides for display names.
      var pattern = prefix.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
          .replace("_", "\\_") + "%";
      try (var s = c.prepareStatement("SELECT u.upn, u.display_name, m.shared FROM users u"
          + " LEFT JOIN mailboxes m ON m.user_id = u.id WHERE u.deleted_at IS NULL"
          + " AND (m.hidden IS NULL OR m.hidden = ?) AND (u.upn_key LIKE ? ESCAPE '\\' OR lower(u.display_name) LIKE ? ESCAPE '\\')"
          + " ORDER BY u.upn_key LIMIT ?")) {
        s.setBoolean(1, false);
        s.setString(2, pattern);
        s.setString(3, pattern);
        s.setInt(4, limit);
        try (var rows = s.executeQuery()) {
          var entries = new ArrayList<AddressEntry>();
          while (rows.next()) {
            entries.add(new AddressEntry(new UserName(rows.getString(1)), rows.getString(2), rows.getBoolean(3)));
          }
          return entries;
        }
      }
    });
  }

  @Override
  public List<Delegate> delegates(String mailboxUserId) {
    return Sql.call(() -> {
      try (var s = c.prepareStatement("SELECT d.delegate_user_id, u.upn, d.added_by FROM mailbox_delegates d"
          + " JOIN users u ON u.id = d.delegate_user_id WHERE d.mailbox_user_id = ? ORDER BY u.upn_key")) {
        s.setString(1, mailboxUserId);
        try (var rows = s.executeQuery()) {
          var delegates = new ArrayList<Delegate>();
          while (rows.next()) {
            delegates.add(new Delegate(rows.getString(1), new UserName(rows.getString(2)), rows.getString(3)));
          }
          return delegates;
        }
      }
    });
  }

  @Override
  public boolean addDelegate(String mailboxUserId, String delegateUserId, String addedBy, Instant now) {
    return update("INSERT INTO mailbox_delegates (mailbox_user_id, delegate_user_id, added_by, added_at)"
        + " VALUES (?, ?, ?, ?) ON CONFLICT (mailbox_user_id, delegate_user_id) DO NOTHING",
        mailboxUserId, delegateUserId, addedBy, now.toEpochMilli()) > 0;
  }

  @Override
  public boolean removeDelegate(String mailboxUserId, String delegateUserId) {
    return update("DELETE FROM mailbox_delegates WHERE mailbox_user_id = ? AND delegate_user_id = ?",
        mailboxUserId, delegateUserId) > 0;
  }

  @Override
  public List<InboxRule> rules(String userId) {
    return rules("SELECT " + RULE + " FROM inbox_rules WHERE user_id = ? ORDER BY created_at, id", userId);
  }

  @Override
  public void insertRule(String userId, InboxRule rule) {
    insertRule("inbox_rules", userId, rule, null);
  }

  @Override
  public void deleteRule(String userId, String ruleId) {
    update("DELETE FROM inbox_rules WHERE user_id = ? AND id = ?", userId, ruleId);
  }

  @Override
  public void recordPrior(String userId, StepKind kind, Mailbox prior, Instant now) {
    Sql.run(() -> {
      try (var s = c.prepareStatement("INSERT INTO mailbox_priors (shared, hidden, forward_to, keep_copy,"
          + " auto_reply_internal, auto_reply_external, auto_reply_start, auto_reply_end, litigation_hold_at, user_id,"
          + " step_kind, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (user_id, step_kind) DO NOTHING")) {
        bindSettings(s, 1, prior);
        s.setString(10, userId);
        s.setString(11, kind.name());
        s.setLong(12, now.toEpochMilli());
        s.executeUpdate();
      }
    });
  }

  @Override
  public Optional<Mailbox> prior(String userId, StepKind kind) {
    return Sql.call(() -> {
      try (var s = c.prepareStatement("SELECT " + SETTINGS + " FROM mailbox_priors m LEFT JOIN users t"
          + " ON t.id = m.forward_to WHERE m.user_id = ? AND m.step_kind = ?")) {
        s.setString(1, userId);
        s.setString(2, kind.name());
        try (var rows = s.executeQuery()) {
          return rows.next() ? Optional.of(settings(userId, rows)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public void forgetPrior(String userId, StepKind kind) {
    update("DELETE FROM mailbox_priors WHERE user_id = ? AND step_kind = ?", userId, kind.name());
  }

  @Override
  public void recordDeletedRules(String userId, List<InboxRule> rules, Instant now) {
    for (var rule : rules) {
      insertRule("deleted_inbox_rules", userId, rule, now);
    }
  }

  @Override
  public List<InboxRule> deletedRules(String userId) {
    return rules("SELECT " + RULE + " FROM deleted_inbox_rules WHERE user_id = ? ORDER BY created_at, id", userId);
  }

  @Override
  public void forgetDeletedRules(String userId) {
    update("DELETE FROM deleted_inbox_rules WHERE user_id = ?", userId);
  }

  private void insertRule(String table, String userId, InboxRule rule, Instant deletedAt) {
    Sql.run(() -> {
      try (var s = c.prepareStatement("INSERT INTO " + table + " (" + RULE + ", user_id"
          + (deletedAt == null ? "" : ", deleted_at") + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?"
          + (deletedAt == null ? ")" : ", ?) ON CONFLICT (user_id, id) DO NOTHING"))) {
        s.setString(1, rule.id());
        s.setString(2, rule.name());
        s.setString(3, rule.subjectContains());
        s.setString(4, rule.forwardTo());
        s.setString(5, rule.redirectTo());
        s.setBoolean(6, rule.delete());
        s.setString(7, rule.moveToFolder());
        s.setLong(8, rule.createdAt().toEpochMilli());
        s.setString(9, userId);
        if (deletedAt != null) {
          s.setLong(10, deletedAt.toEpochMilli());
        }
        s.executeUpdate();
      }
    });
  }

  private List<InboxRule> rules(String sql, String userId) {
    return Sql.call(() -> {
      try (var s = c.prepareStatement(sql)) {
        s.setString(1, userId);
        try (var rows = s.executeQuery()) {
          var rules = new ArrayList<InboxRule>();
          while (rows.next()) {
            rules.add(new InboxRule(rows.getString("id"), rows.getString("name"), rows.getString("subject_contains"),
                rows.getString("forward_to"), rows.getString("redirect_to"), rows.getBoolean("delete_message"),
                rows.getString("move_to_folder"), Sql.instant(rows, "created_at")));
          }
          return rules;
        }
      }
    });
  }

  // Nine parameters from {@code first}, in the order of the columns of SETTINGS.
  private static void bindSettings(PreparedStatement s, int first, Mailbox m) throws SQLException {
    s.setBoolean(first, m.shared());
    s.setBoolean(first + 1, m.hidden());
    if (m.forwarding() == null) {
      s.setNull(first + 2, Types.VARCHAR);
    } else {
      s.setString(first + 2, m.forwarding().targetId());
    }
    s.setBoolean(first + 3, m.forwarding() != null && m.forwarding().keepCopy());
    var replies = m.autoReplies();
    if (replies == null) {
      s.setNull(first + 4, Types.VARCHAR);
      s.setNull(first + 5, Types.VARCHAR);
    } else {
      s.setString(first + 4, replies.internalMessage());
      s.setString(first + 5, replies.externalMessage());
    }
    Sql.setInstant(s, first + 6, replies == null ? null : replies.start());
    Sql.setInstant(s, first + 7, replies == null ? null : replies.end());
    Sql.setInstant(s, first + 8, m.litigationHoldSince());
  }

  private static Mailbox settings(String userId, ResultSet r) throws SQLException {
    var target = r.getString("forward_to");
    // A target deleted for good leaves no forwarding (ON DELETE SET NULL).
    var forwarding = target == null ? null
        : new Forwarding(target, new UserName(r.getString("forward_to_upn")), r.getBoolean("keep_copy"));
    var internal = r.getString("auto_reply_internal");
    var replies = internal == null ? null : new AutoReplies(internal, r.getString("auto_reply_external"),
        Sql.instant(r, "auto_reply_start"), Sql.instant(r, "auto_reply_end"));
    return new Mailbox(userId, r.getBoolean("shared"), r.getBoolean("hidden"), forwarding, replies,
        Sql.instant(r, "litigation_hold_at"));
  }

  private int update(String sql, Object... parameters) {
    return Sql.call(() -> {
      try (var statement = c.prepareStatement(sql)) {
        Sql.bind(statement, java.util.Arrays.asList(parameters));
        return statement.executeUpdate();
      }
    });
  }
}
