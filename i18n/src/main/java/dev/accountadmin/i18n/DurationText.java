package dev.accountadmin.i18n;

import com.ibm.icu.text.MeasureFormat;
import com.ibm.icu.util.Measure;
import com.ibm.icu.util.MeasureUnit;
import com.ibm.icu.util.ULocale;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Spells a duration out in words ("1 minute, 30 seconds", "24 de ore") with ICU's MeasureFormat,
 * which knows each locale's unit names, plurals and list joiners.
 *
 * <p>Units: whole days only from two days up, so a token lifetime reads "24 hours" rather than "1
 * day"; below that hours, minutes and seconds. Zero parts are left out; sub-second remainders are
 * rounded away, since nothing we report is that precise.
 */
final class DurationText {

  private static final long SECONDS_PER_DAY = 86_400;

  private final MeasureFormat format;

  DurationText(ULocale locale) {
    // MeasureFormat is immutable and thread-safe, so one per Messages instance is enough.
    this.format = MeasureFormat.getInstance(locale, MeasureFormat.FormatWidth.WIDE);
  }

  String format(Duration duration) {
    long total = Math.max(0, Math.round(duration.toMillis() / 1000.0));
    if (total == 0) {
      return format.formatMeasures(new Measure(0, MeasureUnit.SECOND));
    }
    List<Measure> parts = new ArrayList<>(4);
    long rest = total;
    if (total >= 2 * SECONDS_PER_DAY) {
      add(parts, rest / SECONDS_PER_DAY, MeasureUnit.DAY);
      rest %= SECONDS_PER_DAY;
    }
    add(parts, rest / 3600, MeasureUnit.HOUR);
    add(parts, rest % 3600 / 60, MeasureUnit.MINUTE);
    add(parts, rest % 60, MeasureUnit.SECOND);
    return format.formatMeasures(parts.toArray(new Measure[0]));
  }

  private static void add(List<Measure> parts, long amount, MeasureUnit unit) {
    if (amount > 0) {
      parts.add(new Measure(amount, unit));
    }
  }
}
