package dev.accountadmin.i18n;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses the locale to speak: from a command line flag and the POSIX environment (CLI), or from
 * an HTTP/gRPC {@code accept-language} header (server). Always answers one of {@link #SUPPORTED}.
 */
public final class Locales {

  /** The locales with a complete bundle, English (the fallback) first. */
  public static final List<Locale> SUPPORTED =
      List.of(
          Locale.ENGLISH,
          Locale.FRENCH,
          Locale.forLanguageTag("ro"),
          Locale.forLanguageTag("nl"),
          Locale.forLanguageTag("sv"));

  /** The locale used when nothing else matches. */
  public static final Locale FALLBACK = Locale.ENGLISH;

  /**
   * Pseudo-localized English (accented, a third longer, bracketed), for finding truncation and
   * concatenation bugs: a private-use language, reached only by naming it explicitly ({@code
   * --locale qps}); never negotiated from the environment or an {@code accept-language}.
   */
  public static final Locale PSEUDO = Locale.forLanguageTag("qps");

  private Locales() {}

  /**
   * The CLI's locale: an explicit tag (a {@code --locale} flag) wins when not blank, then
   * {@code LC_ALL}, {@code LC_MESSAGES}, {@code LANG}, then English. The first source that is set
   * decides, as in POSIX: {@code LC_ALL=xx} gives English even when {@code LANG} is French.
   *
   * @param explicitTag a BCP 47 tag or a POSIX locale name, or null
   * @param env the process environment (e.g. {@code System.getenv()})
   */
  public static Locale fromEnvironment(String explicitTag, Map<String, String> env) {
    if (explicitTag != null && !explicitTag.isBlank()) {
      Locale explicit = parse(explicitTag);
      if (explicit.getLanguage().equals(PSEUDO.getLanguage())) {
        return PSEUDO;
      }
      return bestSupported(explicit);
    }
    for (String variable : List.of("LC_ALL", "LC_MESSAGES", "LANG")) {
      String value = env.get(variable);
      // POSIX: an empty variable counts as unset.
      if (value != null && !value.isBlank()) {
        return bestSupported(parse(value));
      }
    }
    return FALLBACK;
  }

  /**
   * The best supported locale for an {@code Accept-Language} header, honouring q-values; English
   * when the header is absent, malformed or names nothing we support.
   */
  /**
   * True when {@code header} asks for languages and none of them is supported (nor "*"), so the
   * answer falls back to English and the caller should be told so.
   */
  public static boolean isUnsupportedAcceptLanguage(String header) {
    if (header == null || header.isBlank()) {
      return false;
    }
    try {
      return Locale.LanguageRange.parse(header).stream()
          .filter(range -> range.getWeight() > 0)
          .noneMatch(range -> range.getRange().equals("*")
              || supported(Locale.forLanguageTag(range.getRange())).isPresent());
    } catch (IllegalArgumentException malformed) {
      return true;
    }
  }

  public static Locale fromAcceptLanguage(String header) {
    if (header == null || header.isBlank()) {
      return FALLBACK;
    }
    List<Locale.LanguageRange> ranges;
    try {
      ranges = Locale.LanguageRange.parse(header);
    } catch (IllegalArgumentException malformed) {
      return FALLBACK;
    }
    // parse() sorts by q-value (stable), so the first range we support wins. Lookup by language
    // only: "fr-CA;q=0.9" must still reach fr.
    for (Locale.LanguageRange range : ranges) {
      if (range.getWeight() <= 0) {
        continue;
      }
      String tag = range.getRange();
      if (tag.equals("*")) {
        return FALLBACK;
      }
      Optional<Locale> match = supported(Locale.forLanguageTag(tag));
      if (match.isPresent()) {
        return match.get();
      }
    }
    return FALLBACK;
  }

  /** The supported locale for this locale's language, if any ({@code fr-CA} gives {@code fr}). */
  static Optional<Locale> supported(Locale locale) {
    String language = locale.getLanguage();
    return SUPPORTED.stream().filter(l -> l.getLanguage().equals(language)).findFirst();
  }

  private static Locale bestSupported(Locale locale) {
    return supported(locale).orElse(FALLBACK);
  }

  /**
   * Parses a BCP 47 tag ({@code fr-CA}) or a POSIX name ({@code ro_RO.UTF-8}, {@code sv_SE@euro},
   * {@code C}, {@code POSIX}). Returns {@link Locale#ROOT} for C/POSIX, which no bundle matches.
   */
  static Locale parse(String value) {
    String name = value.strip();
    // POSIX: language[_territory][.codeset][@modifier]; drop codeset and modifier.
    int cut = indexOfAny(name, '.', '@');
    if (cut >= 0) {
      name = name.substring(0, cut);
    }
    if (name.equalsIgnoreCase("C") || name.equalsIgnoreCase("POSIX") || name.isEmpty()) {
      return Locale.ROOT;
    }
    return Locale.forLanguageTag(name.replace('_', '-'));
  }

  private static int indexOfAny(String s, char a, char b) {
    int i = s.indexOf(a);
    int j = s.indexOf(b);
    if (i < 0) {
      return j;
    }
    return j < 0 ? i : Math.min(i, j);
  }
}
