package dev.accountadmin.client.cli;

import com.google.protobuf.Timestamp;
import dev.accountadmin.v1.Action;
import dev.accountadmin.v1.AuditEvent;
import dev.accountadmin.v1.ListAuditEventsRequest;
import dev.accountadmin.v1.ListAuditEventsResponse;
import dev.accountadmin.v1.VerifyAuditLogRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code acctadmin audit list|verify}. */
@Command(name = "audit", description = "Read and verify the audit log.",
    subcommands = {AuditCommand.ListEvents.class, AuditCommand.Verify.class})
final class AuditCommand {
  @ParentCommand Acctadmin root;

  @Command(name = "list", description = "List audit events, newest first.")
  static final class ListEvents implements Callable<Integer> {
    @ParentCommand AuditCommand audit;

    @Option(names = "--actor", description = "Only events by this user.")
    String actor;

    @Option(names = "--target", description = "Only events on this user.")
    String target;

    @Option(names = "--action", description = "Only this action, e.g. OFFBOARD_USER.",
        converter = ActionConverter.class, completionCandidates = ActionNames.class)
    Action action;

    @Option(names = "--since", description = "Only events at or after this time (ISO-8601, e.g. 2026-11-23T08:00:00Z).")
    Instant since;

    @Option(names = "--until", description = "Only events before this time (ISO-8601).")
    Instant until;

    @Option(names = "--limit", defaultValue = "50", description = "At most this many events (default ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
      var root = audit.root;
      var request = ListAuditEventsRequest.newBuilder();
      if (actor != null) {
        request.setActor(actor);
      }
      if (target != null) {
        request.setTarget(target);
      }
      if (action != null) {
        request.setAction(action);
      }
      if (since != null) {
        request.setStartTime(Timestamp.newBuilder().setSeconds(since.getEpochSecond()).setNanos(since.getNano()));
      }
      if (until != null) {
        request.setEndTime(Timestamp.newBuilder().setSeconds(until.getEpochSecond()).setNanos(until.getNano()));
      }
      var client = root.signedIn();
      var events = new ArrayList<AuditEvent>();
      String token = "";
      do {
        final var page = token;
        var response = client.call(s -> s.listAuditEvents(request.setPageSize(Math.min(1000, Math.max(1, limit)))
            .setPageToken(page).build()));
        events.addAll(response.getEventsList());
        token = response.getNextPageToken();
      } while (!token.isEmpty() && events.size() < limit);
      var shown = events.size() > limit ? events.subList(0, limit) : events;
      if (root.output == Acctadmin.Output.json) {
        Render.json(root.out(), ListAuditEventsResponse.newBuilder().addAllEvents(shown).build());
        return ExitCode.OK;
      }
      var m = root.messages();
      for (var e : shown) {
        root.out().println(m.render("cli.audit.line", Map.of(
            "sequence", e.getSequence(),
            "time", Render.instant(e.getTime()),
            "actor", e.getActor(),
            "auditAction", m.label("auditAction", ApiNames.of(e.getAction())),
            "target", e.getTarget().isEmpty() ? "–" : e.getTarget(),
            "outcome", m.label("auditOutcome", ApiNames.of(e.getOutcome())))));
      }
      root.out().println(m.render("cli.audit.count", Map.of("count", shown.size())));
      return ExitCode.OK;
    }
  }

  /** The actions an event can record, as typed: OFFBOARD_USER, offboard-user. */
  static final class ActionNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(Action.values())
          .filter(a -> a != Action.ACTION_UNSPECIFIED && a != Action.UNRECOGNIZED)
          .map(ApiNames::of).iterator();
    }
  }

  // Checked while parsing, so a misspelt action is a usage error (exit 2), not a crash.
  static final class ActionConverter implements CommandLine.ITypeConverter<Action> {
    @Override
    public Action convert(String value) {
      var name = value.toUpperCase(Locale.ROOT).replace('-', '_');
      for (var known : Action.values()) {
        if (known != Action.ACTION_UNSPECIFIED && known != Action.UNRECOGNIZED && ApiNames.of(known).equals(name)) {
          return known;
        }
      }
      throw new CommandLine.TypeConversionException(value);
    }
  }

  @Command(name = "verify", description = "Recompute the audit log's hash chain; exit 7 if it was tampered with.")
  static final class Verify implements Callable<Integer> {
    @ParentCommand AuditCommand audit;

    @Override
    public Integer call() {
      var root = audit.root;
      var result = root.signedIn().call(s -> s.verifyAuditLog(VerifyAuditLogRequest.getDefaultInstance()));
      if (root.output == Acctadmin.Output.json) {
        Render.json(root.out(), result);
      } else {
        var m = root.messages();
        root.out().println(result.getValid()
            ? root.style(m.render("cli.audit.valid", Map.of("count", result.getCheckedCount())), "green")
            : root.style(m.render("cli.audit.broken", Map.of("sequence", result.getFirstBrokenSequence())), "bold,red"));
      }
      return result.getValid() ? ExitCode.OK : ExitCode.ERROR;
    }
  }
}
