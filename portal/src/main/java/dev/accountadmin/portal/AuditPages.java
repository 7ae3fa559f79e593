package dev.accountadmin.portal;

import dev.accountadmin.client.cli.ApiNames;
import dev.accountadmin.v1.AuditEvent;
import dev.accountadmin.v1.ListAuditEventsRequest;
import dev.accountadmin.v1.VerifyAuditLogRequest;
import dev.accountadmin.v1.VerifyAuditLogResponse;
import io.javalin.Javalin;
import io.javalin.http.Context;

/** The audit log, newest first, filtered by actor and target, and the check of its hash chain. */
public final class AuditPages {
  private AuditPages() {}

  static void routes(Javalin app, Web web) {
    app.get("/audit", ctx -> show(ctx, web, null));
    app.post("/audit/verify", ctx -> show(ctx, web,
        web.api(ctx).call(s -> s.verifyAuditLog(VerifyAuditLogRequest.getDefaultInstance()))));
  }

  private static void show(Context ctx, Web web, VerifyAuditLogResponse verified) {
    var api = web.api(ctx);
    var actor = ctx.queryParamAsClass("actor", String.class).getOrDefault("").strip();
    var target = ctx.queryParamAsClass("target", String.class).getOrDefault("").strip();
    var response = api.call(s -> s.listAuditEvents(ListAuditEventsRequest.newBuilder().setPageSize(50)
        .setActor(actor).setTarget(target)
        .setPageToken(ctx.queryParamAsClass("page", String.class).getOrDefault("")).build()));
    var next = response.getNextPageToken().isEmpty() ? "" : "/audit?actor=" + UserPages.encode(actor)
        + "&target=" + UserPages.encode(target) + "&page=" + UserPages.encode(response.getNextPageToken());
    web.render(ctx, "audit.jte", web.page(ctx, "portal.audit.title"), "events", response.getEventsList(),
        "actor", actor, "target", target, "next", next, "verified", verified);
  }

  /** An event's action and outcome in words (the labels the CLI's audit list uses). */
  public static String action(Page page, AuditEvent event) {
    return label(page, "auditAction", ApiNames.of(event.getAction()));
  }

  public static String outcome(Page page, AuditEvent event) {
    return label(page, "auditOutcome", ApiNames.of(event.getOutcome()));
  }

  // A server newer than the portal may record an action it has no word for: shown by its name.
  private static String label(Page page, String group, String name) {
    try {
      return page.messages().label(group, name);
    } catch (IllegalArgumentException e) {
      return name;
    }
  }
}
