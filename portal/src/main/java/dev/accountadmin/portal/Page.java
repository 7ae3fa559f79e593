package dev.accountadmin.portal;

import com.google.protobuf.Timestamp;
import dev.accountadmin.i18n.Messages;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What every template gets: the admin's messages (language and time zone), the session's CSRF
 * token for its forms, who is signed in, and the page's own path for the language switcher to
 * come back to. Every word a template shows comes through {@link #t}.
 */
public final class Page {
  /** A language the switcher offers: its tag and its name in itself ("français"). */
  public record Language(String tag, String name, boolean current) {}

  private final Messages messages;
  private final String csrf;
  private final String admin;
  private final String path;
  private final String title;
  private final boolean administers;

  Page(Messages messages, String csrf, String admin, String path, String titleKey, boolean administers) {
    this.administers = administers;
    this.messages = messages;
    this.csrf = csrf;
    this.admin = admin;
    this.path = path;
    this.title = messages.render(titleKey, Map.of());
  }

  public String t(String key) {
    return messages.render(key, Map.of());
  }

  /** A message with named arguments given as name, value, name, value… */
  public String t(String key, Object... namesAndValues) {
    var args = new HashMap<String, Object>();
    for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
      args.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return messages.render(key, args);
  }

  /** A time in the admin's zone, with its date and the zone named. */
  public String time(Timestamp time) {
    return time(Instant.ofEpochSecond(time.getSeconds(), time.getNanos()));
  }

  public Instant instant(Timestamp time) {
    return Instant.ofEpochSecond(time.getSeconds(), time.getNanos());
  }

  public String time(Instant time) {
    return messages.render("portal.time", Map.of("time", time));
  }

  /** A value for a URL's query or path, percent-encoded. */
  public String encode(String value) {
    return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
  }

  public Messages messages() {
    return messages;
  }

  public String lang() {
    return messages.locale().toLanguageTag();
  }

  public ZoneId zone() {
    return messages.zone();
  }

  public String zoneName() {
    return messages.zone().getId();
  }

  public String csrf() {
    return csrf;
  }

  public boolean signedIn() {
    return admin != null;
  }

  /** Signed in with an admin role: the admin pages are offered (the API still decides each call). */
  public boolean administers() {
    return administers;
  }

  public String admin() {
    return admin;
  }

  public String path() {
    return path;
  }

  public String title() {
    return title;
  }

  public List<Language> languages() {
    return Preferences.LANGUAGES.stream()
        .map(l -> new Language(l.toLanguageTag(), name(l), l.equals(messages.locale())))
        .toList();
  }

  private static String name(Locale l) {
    var name = l.getDisplayLanguage(l);
    return name.substring(0, 1).toUpperCase(l) + name.substring(1);
  }
}
