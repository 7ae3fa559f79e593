package dev.accountadmin.portal;

import dev.accountadmin.v1.GetGuideRequest;
import dev.accountadmin.v1.Procedure;
import io.javalin.Javalin;
import java.util.List;
import java.util.Locale;

/** The procedures' guides from GetGuide, in the admin's language. */
public final class GuidePages {
  static final List<Procedure> PROCEDURES = List.of(Procedure.PROCEDURE_UNLOCK, Procedure.PROCEDURE_OFFBOARD,
      Procedure.PROCEDURE_SECURE_COMPROMISED, Procedure.PROCEDURE_RESTORE);

  private GuidePages() {}

  static void routes(Javalin app, Web web) {
    app.get("/guides", ctx -> ctx.redirect("/guides/" + slug(Procedure.PROCEDURE_UNLOCK)));
    app.get("/guides/{procedure}", ctx -> {
      var api = web.api(ctx);
      var procedure = PROCEDURES.stream().filter(p -> slug(p).equals(ctx.pathParam("procedure"))).findFirst()
          .orElseThrow(io.javalin.http.NotFoundResponse::new);
      var guide = api.call(s -> s.getGuide(GetGuideRequest.newBuilder().setProcedure(procedure)
          .setLanguageCode(Preferences.locale(ctx).toLanguageTag()).build())).getGuide();
      web.render(ctx, "guide.jte", web.page(ctx, "portal.guides.title"), "guide", guide, "procedures", PROCEDURES,
          "current", procedure);
    });
  }

  public static String slug(Procedure procedure) {
    return procedure.name().substring("PROCEDURE_".length()).toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static String label(Page page, Procedure procedure) {
    return page.t("portal.guides." + procedure.name().substring("PROCEDURE_".length()));
  }
}
