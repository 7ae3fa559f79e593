package dev.accountadmin.portal;

import dev.accountadmin.client.AccountAdminException;
import dev.accountadmin.v1.ClientApp;
import dev.accountadmin.v1.SignInRequest;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Set;

/**
 * The second page of a sign-in, for a user with an authenticator app: the API said the password
 * is right and asked for a code (MFA_CODE_REQUIRED). The portal holds the password in memory for
 * a few minutes ({@link PendingSignIns}) and signs in with both once the code comes. Every attempt
 * is the API's: a wrong code counts toward the lockout there, as a wrong password does.
 */
final class SecondFactorPages {
  static final String PATH = "/sign-in/code";
  /** Refusals after which the same password may still be tried with another code. */
  private static final Set<String> TRY_AGAIN = Set.of("MFA_CODE_INVALID", "MFA_CODE_ALREADY_USED", "MFA_CODE_REQUIRED");

  private SecondFactorPages() {}

  static void routes(Javalin app, Web web) {
    app.get(PATH, ctx -> {
      var pending = web.pendingSignIns.find(web.existingSession(ctx));
      if (pending == null) {
        ctx.redirect(web.pendingSignIns.expired(web.existingSession(ctx)) ? "/sign-in?expired=1" : "/sign-in",
            HttpStatus.SEE_OTHER);
        return;
      }
      web.render(ctx, "sign-in-code.jte", web.page(ctx, "portal.secondFactor.title"), "error", null,
          "user", pending.user());
    });
    app.post(PATH, ctx -> verify(ctx, web));
  }

  /** Called by the sign-in form when the API wants a code: holds the password, asks for the code. */
  static void ask(Context ctx, Web web, String user, String password) {
    web.pendingSignIns.hold(web.session(ctx), user, password);
    ctx.redirect(PATH, HttpStatus.SEE_OTHER);
  }

  private static void verify(Context ctx, Web web) {
    var session = web.existingSession(ctx);
    var pending = web.pendingSignIns.find(session);
    if (pending == null) {
      var page = web.page(ctx, "portal.signIn.title");
      ctx.status(401);
      web.render(ctx, "sign-in.jte", page, "error", page.t("portal.secondFactor.expired"), "user", "");
      return;
    }
    var code = ctx.formParamAsClass("code", String.class).getOrDefault("").replace(" ", "").strip();
    try {
      var response = web.api.withLanguage(Preferences.locale(ctx)).auth(s -> s.signIn(SignInRequest.newBuilder()
          .setUserPrincipalName(pending.user()).setPassword(pending.password()).setVerificationCode(code)
          .setClientApp(ClientApp.CLIENT_APP_ADMIN_API).build()));
      web.pendingSignIns.forget(session);
      SignInPages.signedIn(ctx, web, pending.user(), response);
    } catch (AccountAdminException e) {
      ctx.status(e.code() == io.grpc.Status.Code.RESOURCE_EXHAUSTED ? 429 : 401);
      if (TRY_AGAIN.contains(e.reason())) {
        var page = web.page(ctx, "portal.secondFactor.title");
        web.render(ctx, "sign-in-code.jte", page, "error", page.messages().renderUserError(e.reason(), e.metadata()),
            "user", pending.user());
        return;
      }
      // Locked now, or blocked: this password is of no more use here; the sign-in page says why.
      web.pendingSignIns.forget(session);
      var page = web.page(ctx, "portal.signIn.title");
      web.render(ctx, "sign-in.jte", page, "error", page.messages().renderUserError(e.reason(), e.metadata()),
          "user", pending.user());
    }
  }
}
