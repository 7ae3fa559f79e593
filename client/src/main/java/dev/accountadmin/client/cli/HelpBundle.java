package dev.accountadmin.client.cli;

import dev.accountadmin.i18n.Messages;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code help.*} messages of one locale as the {@link java.util.ResourceBundle} picocli reads
 * usage help from: picocli's key {@code K} ({@code acctadmin.offboard.usage.description}, {@code
 * acctadmin.offboard.from-file}, {@code usage.optionListHeading}, …) is our key {@code help.K}.
 *
 * <p>The texts go through {@link Messages#render} like every other message, so the bundles stay
 * ICU MessageFormat, linted in every locale, and the pseudo-locale reaches the help too. Picocli's
 * own syntax stays out of them: a translator writes {@code {defaultValue}} and {@code
 * {candidates}}, which become picocli's {@code ${DEFAULT-VALUE}} and {@code
 * ${COMPLETION-CANDIDATES}} here; a heading is just its words ("Options:"), and the line breaks
 * picocli needs around it are added here; an exit code's line is its meaning only, and the code
 * (its index: ours run 0 to 7) is put in front here.
 */
final class HelpBundle extends java.util.ResourceBundle {

  static final String PREFIX = "help.";

  // Picocli interpolates these variables after it reads the bundle.
  private static final Map<String, Object> PICOCLI_VARIABLES = Map.of(
      "defaultValue", "${DEFAULT-VALUE}",
      "candidates", "${COMPLETION-CANDIDATES}");

  private static final Pattern EXIT_CODE = Pattern.compile("(?:.*\\.)?usage\\.exitCodeList\\.(\\d+)");

  private final Messages messages;
  private final Map<String, String> picocliKeyToOurs = new LinkedHashMap<>();

  HelpBundle(Messages messages) {
    this.messages = messages;
    for (String key : messages.keys()) {
      if (key.startsWith(PREFIX)) {
        picocliKeyToOurs.put(key.substring(PREFIX.length()), key);
      }
    }
  }

  /** The locale the help is written in. */
  @Override
  public java.util.Locale getLocale() {
    return messages.locale();
  }

  @Override
  protected Object handleGetObject(String picocliKey) {
    String key = picocliKeyToOurs.get(picocliKey);
    if (key == null) {
      return null;
    }
    // Picocli passes descriptions and headings through String.format.
    String text = messages.render(key, PICOCLI_VARIABLES).replace("%", "%%");
    var exitCode = EXIT_CODE.matcher(picocliKey);
    if (exitCode.matches()) {
      return exitCode.group(1) + ":" + text;
    }
    if (picocliKey.endsWith("usage.synopsisHeading")) {
      return text + " ";
    }
    if (picocliKey.endsWith("Heading")) {
      return "%n" + text + "%n";
    }
    return text;
  }

  @Override
  protected Set<String> handleKeySet() {
    return Collections.unmodifiableSet(picocliKeyToOurs.keySet());
  }

  @Override
  public Enumeration<String> getKeys() {
    return Collections.enumeration(picocliKeyToOurs.keySet());
  }
}
