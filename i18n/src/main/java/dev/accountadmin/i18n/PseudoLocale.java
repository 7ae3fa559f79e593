package dev.accountadmin.i18n;

import com.ibm.icu.text.MessagePattern;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Pseudo-localization of ICU patterns: every letter of the text accented, each message framed in
 * brackets and padded by about a third ("[Ŝîĝñ-îñ ƀļöçķéð ƒöŕ {user} ~~~~]"). Rendering the CLI
 * with it shows, in English-readable text, what a real translation would break: text truncated
 * by a fixed width, sentences glued from pieces (the brackets show up in the middle of a line),
 * strings that never went through a bundle (no accents), and placeholders left unsubstituted.
 *
 * <p>Only literal text changes: argument names, types, styles, plural and select keywords, and
 * {@code #} stay as they are, so the pseudo pattern takes exactly the English arguments.
 */
final class PseudoLocale {

  /** How much longer pseudo text is than the English: translations run 30–40% longer. */
  static final double EXPANSION = 0.35;

  private static final String PLAIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  // One precomposed code point per letter, so widths counted in code points stay honest.
  private static final String ACCENTED = "åƀçðéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ";

  private PseudoLocale() {}

  /** Pseudo-localizes every pattern of a bundle. */
  static Map<String, String> bundle(Map<String, String> english) {
    Map<String, String> pseudo = new LinkedHashMap<>();
    english.forEach((key, pattern) -> pseudo.put(key, pattern(pattern)));
    return pseudo;
  }

  /** One pattern: accented text, padded by {@link #EXPANSION}, framed in brackets. */
  static String pattern(String pattern) {
    MessagePattern parsed = new MessagePattern(MessagePattern.ApostropheMode.DOUBLE_OPTIONAL).parse(pattern);
    StringBuilder out = new StringBuilder(pattern.length() * 2);
    // Open constructs, innermost on top: literal text lies directly inside a message, never
    // directly inside an argument (where it is a name, a type, a style or a selector).
    Deque<MessagePattern.Part.Type> open = new ArrayDeque<>();
    int textLength = 0;
    boolean letters = false;
    int previousLimit = 0;
    for (int i = 0; i < parsed.countParts(); i++) {
      MessagePattern.Part part = parsed.getPart(i);
      // An explicit selector (=0) is followed by its number as a part of its own, inside it.
      if (part.getIndex() < previousLimit) {
        continue;
      }
      String gap = pattern.substring(previousLimit, part.getIndex());
      if (!open.isEmpty() && open.peek() == MessagePattern.Part.Type.MSG_START) {
        out.append(accent(gap));
        textLength += gap.codePointCount(0, gap.length());
        letters |= gap.codePoints().anyMatch(Character::isLetter);
      } else {
        out.append(gap);
      }
      out.append(pattern, part.getIndex(), part.getLimit());
      previousLimit = part.getLimit();
      switch (part.getType()) {
        case MSG_START, ARG_START -> open.push(part.getType());
        case MSG_LIMIT, ARG_LIMIT -> open.pop();
        default -> {}
      }
    }
    out.append(pattern.substring(previousLimit));
    int padding = (int) Math.ceil(textLength * EXPANSION);
    // Layout-only patterns ("{label} — {title}") get no frame: they are not sentences.
    if (!letters) {
      return out.toString();
    }
    return "[" + out + " " + "~".repeat(Math.max(1, padding - 3)) + "]";
  }

  private static String accent(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(cp -> {
      int index = cp < 128 ? PLAIN.indexOf(cp) : -1;
      out.appendCodePoint(index >= 0 ? ACCENTED.codePointAt(ACCENTED.offsetByCodePoints(0, index)) : cp);
    });
    return out.toString();
  }
}
