package dev.accountadmin.portal;

import dev.accountadmin.client.AccountAdminException;
import io.javalin.http.Context;

/** Error pages, in the admin's language like every other page: the API's reason, said in words. */
final class ErrorPages {
  private ErrorPages() {}

  static final String SHOWN = "aa.errorShown";

  static void show(Context ctx, Web web, int status, String messageKey) {
    ctx.attribute(SHOWN, true);
    var page = web.page(ctx, "portal.error.title");
    ctx.status(status);
    web.render(ctx, "error.jte", page, "message", page.t(messageKey));
  }

  static void apiError(Context ctx, Web web, AccountAdminException e) {
    ctx.attribute(SHOWN, true);
    var page = web.page(ctx, "portal.error.title");
    ctx.status(switch (e.code()) {
      case PERMISSION_DENIED -> 403;
      case NOT_FOUND -> 404;
      case INVALID_ARGUMENT, FAILED_PRECONDITION, ALREADY_EXISTS, OUT_OF_RANGE -> 400;
      case RESOURCE_EXHAUSTED -> 429;
      case UNAVAILABLE, DEADLINE_EXCEEDED -> 503;
      default -> 500;
    });
    web.render(ctx, "error.jte", page, "message", text(page, e));
  }

  /** An API failure as one localized sentence, with each invalid field's own sentence after it. */
  static String text(Page page, AccountAdminException e) {
    var text = new StringBuilder(page.messages().renderError(e.reason(), e.metadata()));
    for (var violation : e.violations()) {
      // The server wrote it in the call's language, which is the admin's.
      text.append(' ').append(violation.localizedMessage());
    }
    return text.toString();
  }
}
