package dev.accountadmin.portal;

import dev.accountadmin.client.AccountAdminException;
import dev.accountadmin.v1.BeginRecoveryRequest;
import dev.accountadmin.v1.CompleteRecoveryRequest;
import dev.accountadmin.v1.RecoveryChoice;
import dev.accountadmin.v1.RecoveryMethod;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * "I can't sign in": a locked-out user proves who they are with their authenticator app or a
 * code sent to their alternate email, then clears the lockout or sets a new password, in their
 * own language, through the SelfService API. The pages say the same to everyone, whether the user
 * exists or not: the API decides, and answers alike.
 */
final class SelfServicePages {
  private SelfServicePages() {}

  static void routes(Javalin app, Web web) {
    var flows = new SelfServiceFlows(web.settings.clock());
    app.get("/self-service", ctx -> start(ctx, web, null, "", RecoveryMethod.RECOVERY_METHOD_AUTHENTICATOR_APP, 200));
    app.post("/self-service", ctx -> begin(ctx, web, flows));
    app.get("/self-service/code", ctx -> {
      var flow = flows.find(web.session(ctx));
      if (flow == null || flow.done() != null) {
        ctx.redirect("/self-service", HttpStatus.SEE_OTHER);
        return;
      }
      code(ctx, web, flow, null, 200);
    });
    app.post("/self-service/code", ctx -> complete(ctx, web, flows));
    app.get("/self-service/done", ctx -> {
      var flow = flows.find(web.session(ctx));
      if (flow == null || flow.done() == null) {
        ctx.redirect("/self-service", HttpStatus.SEE_OTHER);
        return;
      }
      done(ctx, web, flow);
    });
  }

  private static void start(Context ctx, Web web, String error, String user, RecoveryMethod method, int status) {
    var page = web.page(ctx, "portal.self.title");
    ctx.status(status);
    web.render(ctx, "self-service.jte", page, "error", error, "user", user,
        "emailChosen", method == RecoveryMethod.RECOVERY_METHOD_ALTERNATE_EMAIL);
  }

  private static void begin(Context ctx, Web web, SelfServiceFlows flows) {
    var user = ctx.formParamAsClass("user", String.class).getOrDefault("").strip();
    var method = "ALTERNATE_EMAIL".equals(ctx.formParam("method"))
        ? RecoveryMethod.RECOVERY_METHOD_ALTERNATE_EMAIL : RecoveryMethod.RECOVERY_METHOD_AUTHENTICATOR_APP;
    var locale = Preferences.locale(ctx);
    try {
      var begun = web.api.withLanguage(locale).selfService(s -> s.beginRecovery(BeginRecoveryRequest.newBuilder()
          .setUserPrincipalName(user).setMethod(method).setLanguage(locale.toLanguageTag())
          .setClientAddress(ctx.ip()).build()));
      var expires = Instant.ofEpochSecond(begun.getExpireTime().getSeconds(), begun.getExpireTime().getNanos());
      flows.put(web.session(ctx), new SelfServiceFlows.Flow(user, method, begun.getRecoveryId(), expires,
          begun.getCodeLength(), null));
      ctx.redirect("/self-service/code", HttpStatus.SEE_OTHER);
    } catch (AccountAdminException e) {
      start(ctx, web, text(web.page(ctx, "portal.self.title"), e), user, method, status(e));
    }
  }

  private static void code(Context ctx, Web web, SelfServiceFlows.Flow flow, String error, int status) {
    var page = web.page(ctx, "portal.self.code.title");
    ctx.status(status);
    var method = flow.method() == RecoveryMethod.RECOVERY_METHOD_ALTERNATE_EMAIL ? "ALTERNATE_EMAIL" : "AUTHENTICATOR_APP";
    web.render(ctx, "self-service-code.jte", page, "error", error,
        "instructions", page.t("portal.self.code." + method, "user", flow.user(), "digits", flow.codeLength(),
            "expireTime", flow.expiresAt()),
        "codeLength", flow.codeLength());
  }

  private static void complete(Context ctx, Web web, SelfServiceFlows flows) {
    var session = web.session(ctx);
    var flow = flows.find(session);
    if (flow == null || flow.done() != null) {
      start(ctx, web, web.page(ctx, "portal.self.title").t("portal.self.ended"), "",
          RecoveryMethod.RECOVERY_METHOD_AUTHENTICATOR_APP, 400);
      return;
    }
    var choice = "SET_PASSWORD".equals(ctx.formParam("choice"))
        ? RecoveryChoice.RECOVERY_CHOICE_SET_PASSWORD : RecoveryChoice.RECOVERY_CHOICE_UNLOCK;
    var request = CompleteRecoveryRequest.newBuilder().setRecoveryId(flow.recoveryId())
        .setVerificationCode(ctx.formParamAsClass("code", String.class).getOrDefault("").strip())
        .setChoice(choice).setClientAddress(ctx.ip());
    if (choice == RecoveryChoice.RECOVERY_CHOICE_SET_PASSWORD) {
      request.setNewPassword(ctx.formParamAsClass("newPassword", String.class).getOrDefault(""));
    }
    try {
      var done = web.api.withLanguage(Preferences.locale(ctx)).selfService(s -> s.completeRecovery(request.build()));
      flows.put(session, new SelfServiceFlows.Flow(flow.user(), flow.method(), "", flow.expiresAt(), flow.codeLength(), done));
      ctx.redirect("/self-service/done", HttpStatus.SEE_OTHER);
    } catch (AccountAdminException e) {
      var page = web.page(ctx, "portal.self.title");
      if ("RECOVERY_EXPIRED".equals(e.reason())) {
        flows.remove(session);
        start(ctx, web, text(page, e), flow.user(), flow.method(), status(e));
        return;
      }
      code(ctx, web, flow, text(page, e), status(e));
    }
  }

  private static void done(Context ctx, Web web, SelfServiceFlows.Flow flow) {
    var page = web.page(ctx, "portal.self.done.title");
    var result = flow.done();
    var time = Instant.ofEpochSecond(result.getEffectiveTime().getSeconds(), result.getEffectiveTime().getNanos());
    var lines = new ArrayList<String>();
    if (result.getChoice() == RecoveryChoice.RECOVERY_CHOICE_SET_PASSWORD) {
      lines.add(page.t("portal.self.done.password", "user", result.getUserPrincipalName(), "time", time));
      lines.add(page.t("portal.self.done.sessions", "sessions", result.getRevokedSessionCount()));
    } else if (result.getLockoutCleared()) {
      lines.add(page.t("portal.self.done.unlocked", "user", result.getUserPrincipalName(), "time", time));
    } else {
      lines.add(page.t("portal.self.done.notLocked", "user", result.getUserPrincipalName()));
    }
    web.render(ctx, "self-service-done.jte", page, "lines", List.copyOf(lines));
  }

  /** The API's refusal in the user's words, each invalid field's sentence after it. */
  private static String text(Page page, AccountAdminException e) {
    var text = new StringBuilder(page.messages().renderUserError(e.reason(), e.metadata()));
    for (var violation : e.violations()) {
      text.append(' ').append(violation.localizedMessage());
    }
    return text.toString();
  }

  private static int status(AccountAdminException e) {
    return switch (e.code()) {
      case RESOURCE_EXHAUSTED -> 429;
      case UNAUTHENTICATED -> 401;
      case INVALID_ARGUMENT, FAILED_PRECONDITION -> 400;
      case UNAVAILABLE, DEADLINE_EXCEEDED -> 503;
      default -> 500;
    };
  }
}
