package dev.accountadmin.portal;

import io.javalin.Javalin;
import io.javalin.http.HttpStatus;
import java.time.ZoneId;
import java.util.List;
import java.util.TreeSet;

/**
 * The admin's language and time zone, kept in cookies of this site so that the admin's next
 * visit speaks the same language; the language switcher of every page posts here too.
 */
final class SettingsPages {
  static final List<String> ZONES = List.copyOf(new TreeSet<>(ZoneId.getAvailableZoneIds()).stream()
      .filter(z -> z.contains("/") && !z.startsWith("Etc/") && !z.startsWith("SystemV/")).toList());

  private SettingsPages() {}

  static void routes(Javalin app, Web web) {
    app.get("/settings", ctx -> web.render(ctx, "settings.jte", web.page(ctx, "portal.settings.title"),
        "zones", withUtc()));
    app.post("/preferences", ctx -> {
      var lang = ctx.formParam("lang");
      if (Preferences.supported(lang)) {
        web.preference(ctx, Preferences.LANGUAGE_COOKIE, lang);
      }
      var zone = Preferences.zoneOf(ctx.formParam("zone"));
      if (zone != null) {
        web.preference(ctx, Preferences.ZONE_COOKIE, zone.getId());
      }
      ctx.redirect(safeReturn(ctx.formParam("return")), HttpStatus.SEE_OTHER);
    });
  }

  private static List<String> withUtc() {
    var zones = new java.util.ArrayList<String>();
    zones.add("UTC");
    zones.addAll(ZONES);
    return zones;
  }

  /** Back to the page the form was on, never to another site ("//evil.example", "https://…"). */
  static String safeReturn(String path) {
    if (path == null || !path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) {
      return "/";
    }
    return path;
  }
}
