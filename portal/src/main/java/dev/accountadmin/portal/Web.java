package dev.accountadmin.portal;

import dev.accountadmin.client.AccountAdminClient;
import dev.accountadmin.i18n.Messages;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;

/**
 * What the pages share: the compiled templates, the API client, the sessions, and the request's
 * session, messages and page. A page handler asks this for what it needs and renders one template.
 */
final class Web {
  static final String SESSION_COOKIE = "aa_session";
  private static final String SESSION_ATTRIBUTE = "aa.session";

  // The portal's own class loader: hosted by the server, the portal has a loader of its own.
  final TemplateEngine templates = TemplateEngine.createPrecompiled(null, gg.jte.ContentType.Html,
      Web.class.getClassLoader(), "gg.jte.generated.precompiled");
  final AccountAdminClient api;
  final Sessions sessions;
  final PortalSettings settings;
  final PendingSignIns pendingSignIns;

  Web(AccountAdminClient api, Sessions sessions, PortalSettings settings) {
    this.api = api;
    this.sessions = sessions;
    this.settings = settings;
    this.pendingSignIns = new PendingSignIns(settings.clock());
  }

  static Messages messages(Context ctx) {
    return Messages.of(Preferences.locale(ctx), Preferences.zone(ctx));
  }

  /** The request's session, made anonymous (for the sign-in and language forms) when there is none. */
  AdminSession session(Context ctx) {
    var session = existingSession(ctx);
    if (session == null) {
      session = sessions.anonymous();
      attach(ctx, session);
    }
    return session;
  }

  AdminSession existingSession(Context ctx) {
    AdminSession session = ctx.attribute(SESSION_ATTRIBUTE);
    if (session == null) {
      session = sessions.find(ctx.cookie(SESSION_COOKIE));
      if (session != null) {
        ctx.attribute(SESSION_ATTRIBUTE, session);
      }
    }
    return session;
  }

  void attach(Context ctx, AdminSession session) {
    ctx.attribute(SESSION_ATTRIBUTE, session);
    ctx.res().addHeader("Set-Cookie", SESSION_COOKIE + "=" + session.id + "; Path=/; HttpOnly; SameSite=Strict"
        + (settings.tls() ? "; Secure" : ""));
  }

  /** A long-lived preference cookie (language, time zone): not secret, but only for this site. */
  void preference(Context ctx, String name, String value) {
    ctx.res().addHeader("Set-Cookie", name + "=" + value + "; Path=/; Max-Age=31536000; HttpOnly; SameSite=Strict"
        + (settings.tls() ? "; Secure" : ""));
  }

  /** The API as the signed-in admin, in the admin's language. */
  AccountAdminClient api(Context ctx) {
    var session = existingSession(ctx);
    if (session == null || !session.signedIn()) {
      throw new SignInRequired();
    }
    return api.withToken(session.accessToken).withLanguage(Preferences.locale(ctx));
  }

  Page page(Context ctx, String titleKey) {
    var session = session(ctx);
    var query = ctx.queryString();
    return new Page(messages(ctx), session.csrf, session.admin, ctx.path() + (query == null ? "" : "?" + query), titleKey,
        session.signedIn() && !session.ownPagesOnly());
  }

  void render(Context ctx, String template, Page page, Object... namesAndValues) {
    var params = new HashMap<String, Object>();
    params.put("page", page);
    for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
      params.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    render(ctx, template, params);
  }

  void render(Context ctx, String template, Map<String, Object> params) {
    var output = new StringOutput();
    templates.render(template, params, output);
    ctx.contentType("text/html; charset=utf-8").result(output.toString());
  }

  /** Thrown by a page that needs a signed-in admin; the portal answers with the sign-in page. */
  static final class SignInRequired extends RuntimeException {
    SignInRequired() {
      super(null, null, false, false);
    }
  }
}
