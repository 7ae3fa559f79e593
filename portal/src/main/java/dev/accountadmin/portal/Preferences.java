package dev.accountadmin.portal;

import dev.accountadmin.i18n.Locales;
import io.javalin.http.Context;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * The admin's language and time zone: from the portal's cookies when the admin chose them, else
 * the browser's Accept-Language and UTC.
 */
final class Preferences {
  static final String LANGUAGE_COOKIE = "aa_lang";
  static final String ZONE_COOKIE = "aa_zone";
  static final ZoneId UTC = ZoneId.of("UTC");
  static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.FRENCH, Locale.forLanguageTag("ro"),
      Locale.forLanguageTag("nl"), Locale.forLanguageTag("sv"));

  private Preferences() {}

  static Locale locale(Context ctx) {
    var chosen = ctx.cookie(LANGUAGE_COOKIE);
    if (supported(chosen)) {
      return Locale.forLanguageTag(chosen);
    }
    return Locales.fromAcceptLanguage(ctx.header("Accept-Language"));
  }

  static ZoneId zone(Context ctx) {
    var zone = zoneOf(ctx.cookie(ZONE_COOKIE));
    // "UTC" by name: the offset's own id, "Z", is no name to show an admin.
    return zone == null ? UTC : zone;
  }

  /** A zone id the admin chose, or null when it is none. */
  static ZoneId zoneOf(String id) {
    if (id == null || id.isBlank()) {
      return null;
    }
    try {
      return ZoneId.of(id);
    } catch (DateTimeException e) {
      return null;
    }
  }

  static boolean supported(String tag) {
    return tag != null && LANGUAGES.stream().anyMatch(l -> l.toLanguageTag().equals(tag));
  }
}
