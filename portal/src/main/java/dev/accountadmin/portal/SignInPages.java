package dev.accountadmin.portal;

import dev.accountadmin.client.AccountAdminException;
import dev.accountadmin.v1.ClientApp;
import dev.accountadmin.v1.SignInRequest;
import dev.accountadmin.v1.SignInResponse;
import dev.accountadmin.v1.SignOutRequest;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/** Sign-in and sign-out: the API checks the password; the portal keeps the token in its session. */
final class SignInPages {
  private SignInPages() {}

  static void routes(Javalin app, Web web) {
    app.get("/", ctx -> {
      var session = web.existingSession(ctx);
      ctx.redirect(session == null || !session.signedIn() ? "/sign-in"
          : session.ownPagesOnly() ? MethodPages.PATH : "/users", HttpStatus.SEE_OTHER);
    });
    app.get("/sign-in", ctx -> {
      var page = web.page(ctx, "portal.signIn.title");
      var notice = ctx.queryParam("expired") != null ? page.t("portal.signIn.expired") : null;
      web.render(ctx, "sign-in.jte", page, "error", notice, "user", "");
    });
    app.post("/sign-in", ctx -> signIn(ctx, web));
    app.post("/sign-out", ctx -> {
      var session = web.existingSession(ctx);
      if (session != null && session.signedIn()) {
        try {
          web.api(ctx).auth(s -> s.signOut(SignOutRequest.getDefaultInstance()));
        } catch (AccountAdminException e) {
          // Signed out of the portal all the same; the token runs out on its own.
        }
      }
      web.sessions.remove(session);
      web.pendingSignIns.forget(session);
      web.attach(ctx, web.sessions.anonymous());
      ctx.redirect("/sign-in", HttpStatus.SEE_OTHER);
    });
  }

  private static void signIn(Context ctx, Web web) {
    var user = ctx.formParamAsClass("user", String.class).getOrDefault("").strip();
    var password = ctx.formParamAsClass("password", String.class).getOrDefault("");
    try {
      var response = web.api.withLanguage(Preferences.locale(ctx)).auth(s -> s.signIn(SignInRequest.newBuilder()
          .setUserPrincipalName(user).setPassword(password).setClientApp(ClientApp.CLIENT_APP_ADMIN_API).build()));
      signedIn(ctx, web, user, response);
    } catch (AccountAdminException e) {
      if ("MFA_CODE_REQUIRED".equals(e.reason())) {
        SecondFactorPages.ask(ctx, web, user, password);
        return;
      }
      var page = web.page(ctx, "portal.signIn.title");
      ctx.status(e.code() == io.grpc.Status.Code.RESOURCE_EXHAUSTED ? 429 : 401);
      var error = page.messages().renderUserError(e.reason(), e.metadata());
      web.render(ctx, "sign-in.jte", page, "error", error, "user", user);
    }
  }

  /**
   * Opens the portal session for a sign-in the API accepted. A user without an admin role (or one
   * who must register an authenticator first) lands on their own sign-in methods, not on pages the
   * API would refuse them.
   */
  static void signedIn(Context ctx, Web web, String user, SignInResponse response) {
    var session = web.sessions.signedIn(web.existingSession(ctx), user, response.getAccessToken());
    session.adminRole = response.getAdminRolesCount() > 0;
    session.mustRegister = response.getRegistrationRequired();
    web.attach(ctx, session);
    ctx.redirect(session.ownPagesOnly() ? MethodPages.PATH : "/users", HttpStatus.SEE_OTHER);
  }
}
