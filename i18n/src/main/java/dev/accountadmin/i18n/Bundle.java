package dev.accountadmin.i18n;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * One locale's message patterns, read as UTF-8 from the classpath. We load each file ourselves
 * instead of going through {@code ResourceBundle}: no fallback chain can hide a missing key behind
 * the English text, and no JDK version can read the file as ISO-8859-1.
 */
final class Bundle {

  private static final String BASE = "/dev/accountadmin/i18n/messages";

  private Bundle() {}

  /** The resource path of a supported locale's bundle; English is the base file. */
  static String resourceName(Locale locale) {
    return locale.getLanguage().equals("en")
        ? BASE + ".properties"
        : BASE + "_" + locale.getLanguage() + ".properties";
  }

  /** Key → ICU MessageFormat pattern, sorted by key. */
  static Map<String, String> load(Locale locale) {
    String name = resourceName(locale);
    try (InputStream in = Bundle.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing bundle " + name);
      }
      return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read bundle " + name, e);
    }
  }

  static Map<String, String> parse(Reader reader) throws IOException {
    Properties properties = new Properties();
    properties.load(reader);
    Map<String, String> patterns = new TreeMap<>();
    properties.forEach((k, v) -> patterns.put((String) k, (String) v));
    return patterns;
  }
}
