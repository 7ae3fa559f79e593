package dev.accountadmin.client.cli;

import dev.accountadmin.v1.LastWorkingDay;
import dev.accountadmin.v1.OffboardingTime;
import dev.accountadmin.v1.ZonedTime;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * {@code --at} as an admin types it: {@code "2026-12-31 18:00 Europe/Paris"} (a date, a time, an
 * IANA zone; a T between date and time works too, and 18h00 as well as 18:00), or {@code end-of-last-working-day} with
 * {@code --date 2026-12-31}, which the server reads in the user's time zone. What the CLI can
 * check itself — the shape, the zone, a time already past — is a localized usage error.
 */
final class OffboardingTimes {
  static final String END_OF_LAST_WORKING_DAY = "end-of-last-working-day";
  private static final Pattern AT = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})[ T](\\d{1,2})[:h](\\d{2}(?::\\d{2})?)\\s+(\\S+)");

  private OffboardingTimes() {}

  static OffboardingTime parse(CommandLine commandLine, String at, String date, Instant now) {
    if (END_OF_LAST_WORKING_DAY.equals(at)) {
      if (date == null) {
        throw new UsageError(commandLine, "--date", "MISSING_DATE", "cli.usage.atNeedsDate",
            Map.of("value", END_OF_LAST_WORKING_DAY));
      }
      try {
        LocalDate.parse(date);
      } catch (DateTimeParseException e) {
        throw new UsageError(commandLine, "--date", "MALFORMED_DATE", "cli.usage.badDate", Map.of("value", date));
      }
      return OffboardingTime.newBuilder().setEndOfLastWorkingDay(LastWorkingDay.newBuilder().setDate(date)).build();
    }
    var matcher = AT.matcher(at.strip());
    LocalDateTime local;
    if (!matcher.matches()) {
      throw new UsageError(commandLine, "--at", "MALFORMED_TIME", "cli.usage.badTime", Map.of("value", at));
    }
    // 18:00, or 18h00 as French writes it.
    var time = (matcher.group(2).length() == 1 ? "0" : "") + matcher.group(2) + ":" + matcher.group(3);
    try {
      local = LocalDateTime.parse(matcher.group(1) + "T" + time);
    } catch (DateTimeParseException e) {
      throw new UsageError(commandLine, "--at", "MALFORMED_TIME", "cli.usage.badTime", Map.of("value", at));
    }
    ZoneId zone;
    try {
      zone = ZoneId.of(matcher.group(4));
    } catch (DateTimeException e) {
      throw new UsageError(commandLine, "--at", "UNKNOWN_TIME_ZONE", "cli.usage.unknownTimeZone",
          Map.of("value", matcher.group(4)));
    }
    var instant = local.atZone(zone).toInstant();
    if (!instant.isAfter(now)) {
      throw new UsageError(commandLine, "--at", "TIME_IN_PAST", "cli.usage.timeInPast", Map.of("time", instant));
    }
    return OffboardingTime.newBuilder().setAt(ZonedTime.newBuilder()
        .setLocalDateTime(local.toString()).setTimeZone(zone.getId())).build();
  }
}
