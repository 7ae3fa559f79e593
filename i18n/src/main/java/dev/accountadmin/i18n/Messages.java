package dev.accountadmin.i18n;

import com.ibm.icu.text.DateFormat;
import com.ibm.icu.text.ListFormatter;
import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.util.TimeZone;
import com.ibm.icu.util.ULocale;
import java.text.Format;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders AccountAdmin's messages (guidance, step results, errors, labels) in one of the supported
 * locales, for a reader in one time zone.
 *
 * <p>Patterns are ICU MessageFormat with named arguments. Arguments may be {@link Number}s,
 * {@link Instant}s (shown in the reader's zone), {@link Duration}s (spelled out with ICU
 * MeasureFormat: "1 minute, 30 seconds"), {@link List}s (joined with ICU ListFormatter: "POP3,
 * IMAP, and MAPI") and strings. Instances are immutable and thread-safe; {@link #of} shares them.
 */
public final class Messages {

  private static final Map<Locale, Map<String, String>> BUNDLES = new ConcurrentHashMap<>();
  private static final Map<Key, Messages> INSTANCES = new ConcurrentHashMap<>();

  private record Key(Locale locale, ZoneId zone, boolean fallback) {}

  private final Locale locale;
  private final ULocale uLocale;
  private final ZoneId zone;
  private final boolean fallback;
  private final Map<String, String> patterns;
  private final Map<String, MessageFormat> compiled = new ConcurrentHashMap<>();
  private final ListFormatter lists;
  private final ListFormatter alternatives;
  private final DurationText durations;

  private Messages(Locale locale, ZoneId zone, boolean fallback) {
    this.locale = locale;
    // The pseudo-locale formats numbers, plurals and lists as English, whose text it disguises.
    this.uLocale = ULocale.forLocale(locale.equals(Locales.PSEUDO) ? Locales.FALLBACK : locale);
    this.zone = zone;
    this.fallback = fallback;
    this.patterns = BUNDLES.computeIfAbsent(locale, Messages::load);
    this.lists = ListFormatter.getInstance(uLocale, ListFormatter.Type.AND, ListFormatter.Width.WIDE);
    this.alternatives = ListFormatter.getInstance(uLocale, ListFormatter.Type.OR, ListFormatter.Width.WIDE);
    this.durations = new DurationText(uLocale);
  }

  private static Map<String, String> load(Locale locale) {
    return locale.equals(Locales.PSEUDO)
        ? PseudoLocale.bundle(Bundle.load(Locales.FALLBACK))
        : Bundle.load(locale);
  }

  /**
   * The messages for the supported locale closest to {@code requested}: its language if supported
   * ({@code fr-CA} gives French), otherwise English with {@link #isFallback()} set. The private-use
   * language {@code qps} ({@link Locales#PSEUDO}) gives pseudo-localized English, for testing.
   *
   * @param zone the reader's time zone, used for every date and time shown
   */
  public static Messages of(Locale requested, ZoneId zone) {
    Objects.requireNonNull(requested, "requested");
    Objects.requireNonNull(zone, "zone");
    if (requested.getLanguage().equals(Locales.PSEUDO.getLanguage())) {
      return INSTANCES.computeIfAbsent(new Key(Locales.PSEUDO, zone, false), k -> new Messages(k.locale(), k.zone(), false));
    }
    var supported = Locales.supported(requested);
    var key = new Key(supported.orElse(Locales.FALLBACK), zone, supported.isEmpty());
    return INSTANCES.computeIfAbsent(key, k -> new Messages(k.locale(), k.zone(), k.fallback()));
  }

  /** The locale the messages are written in: one of {@link Locales#SUPPORTED}. */
  public Locale locale() {
    return locale;
  }

  /** The zone dates and times are shown in. */
  public ZoneId zone() {
    return zone;
  }

  /** True when the requested language is not supported and these messages are English instead. */
  public boolean isFallback() {
    return fallback;
  }

  /** The message keys (those of English, which every locale has too). */
  public Set<String> keys() {
    return Collections.unmodifiableSet(BUNDLES.computeIfAbsent(Locales.FALLBACK, Bundle::load).keySet());
  }

  /**
   * Renders a message.
   *
   * @param args named arguments; see the class comment for the types understood
   * @throws IllegalArgumentException if there is no message {@code key}
   */
  public String render(String key, Map<String, ?> args) {
    MessageFormat format = compiled.computeIfAbsent(key, this::compile);
    Map<String, Object> icuArgs = new LinkedHashMap<>();
    args.forEach((name, value) -> icuArgs.put(name, toIcu(value)));
    // ICU formats cache date/number sub-formats that are not thread-safe.
    synchronized (format) {
      return format.format(icuArgs);
    }
  }

  /** The label of an enum constant, e.g. {@code label("role", "GLOBAL_ADMIN")} → "global admin". */
  public String label(String group, String name) {
    return render(group + "." + name, Map.of());
  }

  /**
   * Renders {@code error.<reason>} with an {@code ErrorInfo}'s metadata as arguments, converted by
   * key convention ({@code *Time} → instant, {@code *Seconds} → duration, {@code *Roles} → role
   * labels, …; see {@code MetadataArguments}). An unknown reason renders {@code
   * error.UNKNOWN_REASON}; an unknown enum constant in the metadata is shown by its name.
   *
   * <p>A value the server sends only sometimes has a sentence of its own, {@code
   * error.<reason>.<metadataKey>}, which follows the message when that value is present (so the
   * main sentence never has an empty slot): {@code error.STEPS_DENIED.allowedSteps} says which
   * steps the caller may still run.
   *
   * @throws IllegalArgumentException if a time or duration in the metadata is malformed
   */
  public String renderError(String reason, Map<String, String> metadata) {
    String key = "error." + reason;
    if (!patterns.containsKey(key)) {
      return render("error.UNKNOWN_REASON", Map.of("reason", reason));
    }
    var args = MetadataArguments.convert(metadata, this::labelOrName);
    var text = new StringBuilder(render(key, args));
    for (String optional : new java.util.TreeSet<>(metadata.keySet())) {
      String sentence = key + "." + optional;
      if (patterns.containsKey(sentence) && !metadata.get(optional).isBlank()) {
        text.append(' ').append(render(sentence, args));
      }
    }
    return text.toString();
  }

  /**
   * Renders an error for a user rather than an admin (a mail app, a sign-in page): {@code
   * userError.<reason>}, which says what a user can do, where the reason has one; otherwise the
   * same as {@link #renderError}.
   */
  public String renderUserError(String reason, Map<String, String> metadata) {
    String key = "userError." + reason;
    if (!patterns.containsKey(key)) {
      return renderError(reason, metadata);
    }
    return render(key, MetadataArguments.convert(metadata, this::labelOrName));
  }

  /**
   * Renders {@code violation.<code>} for a {@code BadRequest} field violation, with the same
   * metadata conversions as {@link #renderError}; an unknown code renders {@code
   * violation.UNKNOWN_CODE}.
   */
  public String renderViolation(String code, Map<String, String> metadata) {
    String key = "violation." + code;
    Map<String, Object> args = MetadataArguments.convert(metadata, this::labelOrName);
    if (!patterns.containsKey(key)) {
      args.put("code", code);
      args.putIfAbsent("field", "");
      return render("violation.UNKNOWN_CODE", args);
    }
    return render(key, args);
  }

  // A server newer than this client may send a constant we have no label for: show its name
  // rather than fail to render the whole error.
  private String labelOrName(String group, String name) {
    return patterns.containsKey(group + "." + name) ? label(group, name) : name;
  }

  private Object toIcu(Object value) {
    if (value instanceof Instant instant) {
      return Date.from(instant);
    }
    if (value instanceof Duration duration) {
      return durations.format(duration);
    }
    if (value instanceof List<?> list) {
      return list(list);
    }
    if (value instanceof Alternatives either) {
      return alternatives.format(either.items().stream().map(String::valueOf).toList());
    }
    return value;
  }

  /** Items joined as a list in the reader's language: "POP3, IMAP, and MAPI". */
  public String list(List<?> items) {
    return lists.format(items.stream().map(String::valueOf).toList());
  }

  /**
   * Items any one of which will do ("global admin or user admin"): an argument of this type is
   * joined with ICU's OR list instead of AND.
   */
  public record Alternatives(List<?> items) {
    public Alternatives {
      items = List.copyOf(items);
    }
  }

  private MessageFormat compile(String key) {
    String pattern = patterns.get(key);
    if (pattern == null) {
      throw new IllegalArgumentException("no message " + key + " in " + locale.toLanguageTag());
    }
    MessageFormat format = new MessageFormat(pattern, uLocale);
    // Date and time sub-formats start in the JVM's default zone; show the reader's instead. ICU
    // hands out its own top-level sub-formats here, so setting the zone on them sticks. (Nested
    // ones, inside a plural, would not: BundleLintTest keeps dates and times at the top level.)
    TimeZone icuZone = icuZone(zone);
    for (Format sub : format.getFormats()) {
      if (sub instanceof DateFormat date) {
        date.setTimeZone(icuZone);
      }
    }
    return format;
  }

  private static TimeZone icuZone(ZoneId zone) {
    ZoneId normalized = zone.normalized();
    if (normalized instanceof ZoneOffset offset) {
      return offset.getTotalSeconds() == 0
          ? TimeZone.getTimeZone("UTC")
          : TimeZone.getTimeZone("GMT" + offset.getId());
    }
    return TimeZone.getTimeZone(zone.getId());
  }
}
