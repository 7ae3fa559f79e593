package dev.accountadmin.portal;

import dev.accountadmin.v1.MailProtocol;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/**
 * Every procedure and step as plan → confirm → result. The plan is the API's validate_only answer,
 * read with GET (it changes nothing); the confirm form carries a request id made with the plan,
 * so a second submit of the same form is answered from the server's kept response, never run twice.
 */
final class ActionPages {
  /** Protocols the mail-protocols step can keep on, in the order the form lists them. */
  static final List<MailProtocol> PROTOCOLS = List.of(MailProtocol.MAIL_PROTOCOL_OUTLOOK_WEB,
      MailProtocol.MAIL_PROTOCOL_ACTIVE_SYNC, MailProtocol.MAIL_PROTOCOL_MAPI, MailProtocol.MAIL_PROTOCOL_EWS,
      MailProtocol.MAIL_PROTOCOL_POP3, MailProtocol.MAIL_PROTOCOL_IMAP, MailProtocol.MAIL_PROTOCOL_SMTP_AUTH);

  private ActionPages() {}

  static void routes(Javalin app, Web web) {
    app.get("/users/{upn}/actions/{action}", ctx -> plan(ctx, web));
    app.post("/users/{upn}/actions/{action}", ctx -> run(ctx, web));
  }

  private static void plan(Context ctx, Web web) {
    var action = action(ctx);
    var api = web.api(ctx);
    var upn = ctx.pathParam("upn");
    var choices = choices(action, ctx.queryParams("option"), ctx.queryParams("protocol"), ctx.queryParam("device"));
    var page = web.page(ctx, "portal.action." + action.name());
    var outcome = action.run(api, upn, choices, "", true);
    web.render(ctx, "plan.jte", page, "action", action, "upn", upn, "choices", choices,
        "steps", StepLines.of(page, upn, outcome, web.settings.clock().instant()),
        "requestId", UUID.randomUUID().toString(), "protocols", PROTOCOLS);
  }

  private static void run(Context ctx, Web web) {
    var action = action(ctx);
    var api = web.api(ctx);
    var upn = ctx.pathParam("upn");
    var requestId = ctx.formParam("requestId");
    try {
      UUID.fromString(requestId == null ? "" : requestId);
    } catch (IllegalArgumentException e) {
      throw new io.javalin.http.BadRequestResponse();
    }
    var choices = choices(action, ctx.formParams("option"), ctx.formParams("protocol"), ctx.formParam("device"));
    var page = web.page(ctx, "portal.action." + action.name());
    var outcome = action.run(api, upn, choices, requestId, false);
    web.render(ctx, "result.jte", page, "action", action, "upn", upn,
        "steps", StepLines.of(page, upn, outcome, web.settings.clock().instant()));
  }

  private static PortalAction action(Context ctx) {
    var action = PortalAction.ofSlug(ctx.pathParam("action"));
    if (action == null) {
      throw new io.javalin.http.NotFoundResponse();
    }
    return action;
  }

  /** The admin's choices, keeping only the options and protocols the action knows. */
  static PortalAction.Choices choices(PortalAction action, List<String> options, List<String> protocols, String device) {
    var chosen = new LinkedHashSet<String>();
    for (var option : options) {
      if (action.options().contains(option)) {
        chosen.add(option);
      }
    }
    var kept = new ArrayList<MailProtocol>();
    for (var protocol : PROTOCOLS) {
      if (protocols.contains(protocol.name())) {
        kept.add(protocol);
      }
    }
    return new PortalAction.Choices(chosen, kept, device == null ? "" : device);
  }
}
