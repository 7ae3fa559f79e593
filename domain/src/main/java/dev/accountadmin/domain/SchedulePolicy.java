package dev.accountadmin.domain;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The tenant's working-day facts for "end of the last working day": the time zone of a user who
 * has none, and when a working day ends.
 */
public record SchedulePolicy(ZoneId defaultZone, LocalTime endOfWorkingDay) {
  public static final SchedulePolicy DEFAULT = new SchedulePolicy(ZoneOffset.UTC, LocalTime.of(18, 0));
}
