package dev.accountadmin.i18n;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Publishes the bundles as JSON for JavaScript portals: one file per locale, {@code
 * messages_<language>.json}, an object of key → ICU MessageFormat pattern, exactly the patterns of
 * the {@code .properties} (so a standard ICU MessageFormat library renders the same text).
 *
 * <p>Run at build time (exec-maven-plugin, process-classes) with the output directory as its one
 * argument. It writes JSON itself rather than pull in a JSON library: this module depends on ICU
 * only, and string escaping is all it needs.
 */
public final class BundleJson {

  private BundleJson() {}

  /** Writes {@code messages_<language>.json} for every supported locale into {@code args[0]}. */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: BundleJson <output directory>");
    }
    write(Path.of(args[0]));
  }

  /** Writes one file per supported locale into {@code directory}, creating it if needed. */
  public static void write(Path directory) throws IOException {
    Files.createDirectories(directory);
    for (Locale locale : Locales.SUPPORTED) {
      Files.writeString(directory.resolve(fileName(locale)), toJson(Bundle.load(locale)), StandardCharsets.UTF_8);
    }
  }

  /** The file name for a locale: {@code messages_fr.json}; English is {@code messages_en.json}. */
  public static String fileName(Locale locale) {
    return "messages_" + locale.getLanguage() + ".json";
  }

  /** A JSON object of the patterns, one key per line, in the map's order. */
  static String toJson(Map<String, String> patterns) {
    StringBuilder out = new StringBuilder();
    out.append("{\n");
    int i = 0;
    for (Map.Entry<String, String> entry : patterns.entrySet()) {
      out.append("  ");
      string(out, entry.getKey());
      out.append(": ");
      string(out, entry.getValue());
      out.append(++i < patterns.size() ? ",\n" : "\n");
    }
    return out.append("}\n").toString();
  }

  // RFC 8259 escaping; U+2028 and U+2029 too, which older JavaScript rejects inside a string.
  private static void string(StringBuilder out, String value) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      switch (ch) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (ch < 0x20 || ch == '\u2028' || ch == '\u2029') {
            out.append(String.format("\\u%04x", (int) ch));
          } else {
            out.append(ch);
          }
        }
      }
    }
    out.append('"');
  }
}
