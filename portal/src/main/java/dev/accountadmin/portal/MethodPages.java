package dev.accountadmin.portal;

import dev.accountadmin.client.AccountAdminException;
import dev.accountadmin.v1.BeginTotpRegistrationRequest;
import dev.accountadmin.v1.ConfirmTotpRegistrationRequest;
import dev.accountadmin.v1.CreateAppPasswordRequest;
import dev.accountadmin.v1.ListAuthenticationMethodsRequest;
import dev.accountadmin.v1.ListAuthenticationMethodsResponse;
import dev.accountadmin.v1.SetAlternateEmailRequest;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * "My sign-in methods": any signed-in user's own methods, with an admin role or without — register
 * an authenticator app (its secret shown once, confirmed with a code), set an alternate email,
 * create an app password (shown once). Each is the Auth RPC for the caller's own account.
 * A refused form answers 422 with the form and the API's reason (400 is the portal's page for a
 * malformed request).
 */
final class MethodPages {
  static final String PATH = "/methods";
  private static final int MAX_OPEN = 10_000;
  /** Notices a redirect back to the list may name (never anything secret). */
  private static final Map<String, String> DONE = Map.of("authenticator", "portal.methods.totp.done",
      "email", "portal.methods.email.done");

  /** A registration begun and not yet confirmed: what the page shows again after a wrong code. */
  record Begun(String methodId, String secret, String otpauthUri) {
    @Override
    public String toString() {
      return "Begun[" + methodId + "]";
    }
  }

  private MethodPages() {}

  static void routes(Javalin app, Web web) {
    // By session id: the secret is shown again after a mistyped code, and never leaves the portal otherwise.
    var open = new ConcurrentHashMap<String, Begun>();
    app.get(PATH, ctx -> {
      // Map.of refuses to look up null: a plain visit has no notice.
      var done = DONE.get(java.util.Objects.requireNonNullElse(ctx.queryParam("done"), ""));
      list(ctx, web, done, null);
    });
    app.post(PATH + "/authenticator", ctx -> {
      var api = web.api(ctx);
      var page = web.page(ctx, "portal.methods.totp.title");
      var name = ctx.formParamAsClass("name", String.class).getOrDefault("").strip();
      var begun = api.auth(s -> s.beginTotpRegistration(BeginTotpRegistrationRequest.newBuilder()
          .setDisplayName(name.isEmpty() ? page.t("portal.methods.authenticator.defaultName") : name).build()));
      if (open.size() >= MAX_OPEN) {
        open.clear();
      }
      var held = new Begun(begun.getMethodId(), begun.getSecret(), begun.getOtpauthUri());
      open.put(web.existingSession(ctx).id, held);
      web.render(ctx, "methods-totp.jte", page, "secret", held.secret(), "otpauthUri", held.otpauthUri(), "error", null);
    });
    app.post(PATH + "/authenticator/confirm", ctx -> {
      var api = web.api(ctx);
      var session = web.existingSession(ctx);
      var begun = open.get(session.id);
      if (begun == null) {
        list(ctx, web, null, web.page(ctx, "portal.methods.title").t("portal.methods.totp.gone"));
        return;
      }
      var code = ctx.formParamAsClass("code", String.class).getOrDefault("").replace(" ", "").strip();
      try {
        api.auth(s -> s.confirmTotpRegistration(ConfirmTotpRegistrationRequest.newBuilder()
            .setMethodId(begun.methodId()).setVerificationCode(code).build()));
      } catch (AccountAdminException e) {
        // A wrong code is UNAUTHENTICATED too, as at sign-in; only a session that ended signs out.
        if (e.code() == io.grpc.Status.Code.UNAUTHENTICATED && !e.reason().startsWith("MFA_CODE_")) {
          throw e;
        }
        var page = web.page(ctx, "portal.methods.totp.title");
        ctx.status(422);
        web.render(ctx, "methods-totp.jte", page, "secret", begun.secret(), "otpauthUri", begun.otpauthUri(), "error",
            page.messages().renderUserError(e.reason(), e.metadata()));
        return;
      }
      open.remove(session.id);
      // Registered: a re-registration an admin required is lifted, so the other pages open again.
      session.mustRegister = false;
      ctx.redirect(PATH + "?done=authenticator", HttpStatus.SEE_OTHER);
    });
    app.post(PATH + "/alternate-email", ctx -> {
      var api = web.api(ctx);
      var email = ctx.formParamAsClass("email", String.class).getOrDefault("").strip();
      try {
        api.auth(s -> s.setAlternateEmail(SetAlternateEmailRequest.newBuilder().setEmail(email).build()));
      } catch (AccountAdminException e) {
        if (e.code() == io.grpc.Status.Code.UNAUTHENTICATED) {
          throw e;
        }
        ctx.status(422);
        list(ctx, web, null, ErrorPages.text(web.page(ctx, "portal.methods.title"), e));
        return;
      }
      ctx.redirect(PATH + "?done=email", HttpStatus.SEE_OTHER);
    });
    app.post(PATH + "/app-password", ctx -> {
      var api = web.api(ctx);
      var name = ctx.formParamAsClass("name", String.class).getOrDefault("").strip();
      try {
        var created = api.auth(s -> s.createAppPassword(CreateAppPasswordRequest.newBuilder().setDisplayName(name).build()));
        web.render(ctx, "methods-app-password.jte", web.page(ctx, "portal.methods.appPassword.title"),
            "name", created.getMethod().getDisplayName(), "appPassword", created.getAppPassword());
      } catch (AccountAdminException e) {
        if (e.code() == io.grpc.Status.Code.UNAUTHENTICATED) {
          throw e;
        }
        ctx.status(422);
        list(ctx, web, null, ErrorPages.text(web.page(ctx, "portal.methods.title"), e));
      }
    });
  }

  private static void list(Context ctx, Web web, String doneKey, String error) {
    var api = web.api(ctx);
    var self = "users/" + web.existingSession(ctx).admin;
    var page = web.page(ctx, "portal.methods.title");
    UserPages.Section<ListAuthenticationMethodsResponse> methods = UserPages.section(page, () -> api.call(s ->
        s.listAuthenticationMethods(ListAuthenticationMethodsRequest.newBuilder().setName(self).build())));
    web.render(ctx, "methods.jte", page, "methods", methods, "done", doneKey == null ? null : page.t(doneKey),
        "error", error);
  }
}
