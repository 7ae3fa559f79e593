package dev.accountadmin.i18n;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Turns {@code ErrorInfo} / field-violation metadata (all strings on the wire) back into typed
 * message arguments, by the key naming convention the server follows:
 *
 * <ul>
 *   <li>{@code *Time}: ISO-8601 instant; {@code *Seconds}: a duration in whole seconds;
 *   <li>{@code *Roles}, {@code *Protocols}, {@code *Steps}: comma-separated enum names, shown as a
 *       list of their {@code role.}, {@code protocol.}, {@code stepKind.} labels;
 *   <li>{@code clientApp}, {@code protocol}, {@code restrictionReason}: one enum name, shown as its
 *       label;
 *   <li>{@code action}, {@code procedure}: one enum name, kept as it is: the messages select a whole
 *       sentence with it, since a translated verb or noun phrase dropped into a sentence cannot
 *       agree with the words around it;
 *   <li>any other integer value: a number (so plurals work); anything else: the string itself.
 * </ul>
 */
final class MetadataArguments {

  private static final Pattern INTEGER = Pattern.compile("-?\\d+");

  /** Exact keys whose value is one enum constant, and the label group that names it. */
  private static final Map<String, String> SINGLE_LABELS =
      Map.of(
          "clientApp", "clientApp",
          "protocol", "protocol",
          "restrictionReason", "restrictionReason");

  /** Key suffixes whose value is a comma-separated list of enum constants. */
  private static final Map<String, String> LIST_LABELS =
      Map.of("Roles", "role", "Protocols", "protocol", "Steps", "stepKind");

  private MetadataArguments() {}

  /**
   * @param label renders {@code (group, name)} as a label in the reader's locale
   * @throws IllegalArgumentException naming the key when a time, duration or label is malformed
   */
  static Map<String, Object> convert(
      Map<String, String> metadata, BiFunction<String, String, String> label) {
    Map<String, Object> args = new LinkedHashMap<>();
    metadata.forEach((key, value) -> args.put(key, convert(key, value, label)));
    return args;
  }

  private static Object convert(
      String key, String value, BiFunction<String, String, String> label) {
    try {
      if (SINGLE_LABELS.containsKey(key)) {
        return label.apply(SINGLE_LABELS.get(key), value.strip());
      }
      for (Map.Entry<String, String> suffix : LIST_LABELS.entrySet()) {
        if (key.endsWith(suffix.getKey())) {
          var labels = Arrays.stream(value.split(","))
              .map(String::strip)
              .filter(name -> !name.isEmpty())
              .map(name -> label.apply(suffix.getValue(), name))
              .toList();
          // Roles in an error are the ones that would allow the action: any one of them.
          return suffix.getKey().equals("Roles") ? new Messages.Alternatives(labels) : labels;
        }
      }
      if (key.endsWith("Time")) {
        return Instant.parse(value.strip());
      }
      if (key.endsWith("Seconds")) {
        return Duration.ofSeconds(Long.parseLong(value.strip()));
      }
      if (INTEGER.matcher(value).matches()) {
        return Long.parseLong(value);
      }
      return value;
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new IllegalArgumentException(
          "metadata " + key + "=" + value + " does not follow its key's convention", e);
    }
  }
}
