package dev.accountadmin.client.cli;

import java.time.Duration;

/**
 * The batch progress line on a terminal: a bar, the count, the rate and the time left, all from
 * the CLI's clock (so tests can drive it). The bar falls back to ASCII when the terminal's charset
 * cannot show block characters, which would otherwise come out as {@code ????}.
 */
final class BatchProgress {
  private static final int WIDTH = 30;

  private BatchProgress() {}

  /**
   * @param unit the localized unit of the rate, e.g. "users"
   * @param unicode whether the terminal can show block characters
   */
  static String line(String task, int done, int total, Duration elapsed, String unit, boolean unicode) {
    int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
    var bar = new StringBuilder();
    for (int i = 0; i < WIDTH; i++) {
      bar.append(i < filled ? (unicode ? '\u2588' : '=') : (unicode ? '\u2591' : ' '));
    }
    double seconds = elapsed.toMillis() / 1000.0;
    String rate;
    String eta;
    if (done == 0 || seconds <= 0) {
      // Nothing to go by yet: say so rather than print a made-up figure.
      rate = "? " + unit + "/s";
      eta = "?:??:??";
    } else {
      double perSecond = done / seconds;
      rate = String.format(java.util.Locale.ROOT, "%.1f %s/s", perSecond, unit);
      eta = clock(Duration.ofMillis((long) ((total - done) / perSecond * 1000)));
    }
    return String.format(java.util.Locale.ROOT, "%s [%s] %d/%d (%s) %s", task, bar, done, total, rate, eta);
  }

  static String clock(Duration d) {
    long s = Math.max(0, (d.toMillis() + 999) / 1000);
    return String.format(java.util.Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
  }

  /** Whether {@code charset} can encode the bar's block characters. */
  static boolean unicode(java.nio.charset.Charset charset) {
    return charset != null && charset.newEncoder().canEncode("\u2588\u2591");
  }
}
