package dev.accountadmin.client.cli;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.JsonFormat;
import dev.accountadmin.i18n.Messages;
import dev.accountadmin.v1.AdminRole;
import dev.accountadmin.v1.MailProtocol;
import dev.accountadmin.v1.StepResult;
import dev.accountadmin.v1.User;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Renders API results as localized text, or as JSON (the typed results, for scripts). */
final class Render {
  private static final JsonFormat.Printer JSON = JsonFormat.printer().alwaysPrintFieldsWithNoPresence();
  private static final JsonFormat.Printer JSON_LINE = JSON.omittingInsignificantWhitespace();

  private Render() {}

  /** One compact object on one line: a stream of these is JSON Lines, which a script reads line by line. */
  static void jsonLine(PrintWriter out, MessageOrBuilder message) {
    try {
      out.println(JSON_LINE.print(message));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("our own messages always print", e);
    }
  }

  static void json(PrintWriter out, MessageOrBuilder message) {
    try {
      out.println(JSON.print(message));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("our own messages always print", e);
    }
  }

  static Instant instant(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }

  static List<String> roles(Messages m, List<AdminRole> roles) {
    return roles.stream().map(r -> m.label("role", ApiNames.of(r))).toList();
  }

  static List<String> protocols(Messages m, List<MailProtocol> protocols) {
    return protocols.stream().map(p -> m.label("protocol", ApiNames.of(p))).toList();
  }

  /** The states worth a glance: locked, blocked, restricted, deleted, offboarded — or active. */
  static String state(Messages m, User u) {
    var states = new ArrayList<String>();
    if (u.hasDeleteTime()) {
      states.add(m.render("cli.state.deleted", Map.of()));
    }
    if (u.hasOffboardTime()) {
      states.add(m.render("cli.state.offboarded", Map.of()));
    }
    if (u.getLockout().getLocked()) {
      states.add(m.render("cli.state.locked", Map.of("lockedUntilTime", instant(u.getLockout().getLockedUntil()))));
    }
    if (u.getSignInBlocked()) {
      states.add(m.render("cli.state.blocked", Map.of()));
    }
    if (u.getMailbox().hasSendingRestriction()) {
      states.add(m.render("cli.state.restricted", Map.of()));
    }
    if (states.isEmpty()) {
      states.add(m.render("cli.state.active", Map.of()));
    }
    return String.join(", ", states);
  }

  static void userTable(PrintWriter out, Messages m, List<User> users) {
    var rows = new ArrayList<String[]>();
    rows.add(new String[] {m.render("cli.users.column.user", Map.of()), m.render("cli.users.column.displayName", Map.of()),
        m.render("cli.users.column.roles", Map.of()), m.render("cli.users.column.state", Map.of())});
    for (var u : users) {
      rows.add(new String[] {u.getUserPrincipalName(), u.getDisplayName(),
          u.getAdminRolesCount() == 0 ? "–" : String.join(", ", roles(m, u.getAdminRolesList())), state(m, u)});
    }
    var widths = new int[4];
    for (var row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].codePointCount(0, row[i].length()));
      }
    }
    for (var row : rows) {
      var line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(row[i]);
        if (i < row.length - 1) {
          line.append(" ".repeat(widths[i] - row[i].codePointCount(0, row[i].length()) + 2));
        }
      }
      out.println(line.toString().stripTrailing());
    }
  }

  static void user(PrintWriter out, Messages m, User u) {
    var lines = new ArrayList<String[]>();
    lines.add(new String[] {"cli.user.name", u.getUserPrincipalName()});
    lines.add(new String[] {"cli.user.displayName", u.getDisplayName()});
    lines.add(new String[] {"cli.user.language", u.getPreferredLanguage()});
    lines.add(new String[] {"cli.user.roles", u.getAdminRolesCount() == 0
        ? m.render("cli.user.noRoles", Map.of()) : m.list(roles(m, u.getAdminRolesList()))});
    lines.add(new String[] {"cli.user.state", state(m, u)});
    lines.add(new String[] {"cli.user.protocols", u.getMailbox().getEnabledProtocolsCount() == 0
        ? m.render("cli.user.noProtocols", Map.of()) : m.list(protocols(m, u.getMailbox().getEnabledProtocolsList()))});
    lines.add(new String[] {"cli.user.sessions", m.render("cli.user.sessionCount", Map.of("count", u.getActiveSessionCount()))});
    lines.add(new String[] {"cli.user.created", m.render("cli.user.time", Map.of("time", instant(u.getCreateTime())))});
    int width = 0;
    var labels = new ArrayList<String>();
    for (var line : lines) {
      var label = m.render(line[0], Map.of());
      labels.add(label);
      width = Math.max(width, label.codePointCount(0, label.length()));
    }
    if (!u.getDirectory().isEmpty()) {
      out.println(m.render("cli.user.directory", Map.of("directory", u.getDirectory())));
    }
    for (int i = 0; i < lines.size(); i++) {
      var label = labels.get(i);
      out.println(label + " ".repeat(width - label.codePointCount(0, label.length()) + 2) + lines.get(i)[1]);
    }
  }

  /** One step as a line: its number, outcome and what it did, in the reader's language. */
  static String step(Messages m, String user, StepResult step, Instant now) {
    var outcome = ApiNames.of(step.getOutcome());
    var message = m.render(StepArguments.key(step), StepArguments.of(m, user, step, now));
    return m.render("cli.step.line", Map.of("number", step.getNumber(),
        "outcome", m.label("outcome", outcome), "message", message));
  }
}
