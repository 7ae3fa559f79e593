package dev.accountadmin.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * When a scheduled offboarding runs, as the admin said it: a wall-clock time in a named zone, or
 * the end of the user's last working day. Resolved to an instant when it is scheduled or changed.
 */
public sealed interface OffboardingTime {

  /** The instant this is, for a user whose time zone is {@code userZone}. */
  Instant resolve(ZoneId userZone, LocalTime endOfWorkingDay);

  /** The zone the time is read in. */
  ZoneId zone(ZoneId userZone);

  /**
   * A wall-clock time in a zone. A time a daylight-saving change skips moves forward by the gap;
   * one that happens twice is the earlier (java.time's rule for ZonedDateTime.of).
   */
  record At(LocalDateTime local, ZoneId zone) implements OffboardingTime {
    @Override
    public Instant resolve(ZoneId userZone, LocalTime endOfWorkingDay) {
      return local.atZone(zone).toInstant();
    }

    @Override
    public ZoneId zone(ZoneId userZone) {
      return zone;
    }
  }

  /**
   * The end of the last working day: {@code date} at the tenant's end of the working day (18:00
   * unless the server is told otherwise), in the user's time zone. The admin names the date: a
   * leaver's last day is a fact of their contract, not something a calendar can work out.
   */
  record EndOfLastWorkingDay(LocalDate date) implements OffboardingTime {
    @Override
    public Instant resolve(ZoneId userZone, LocalTime endOfWorkingDay) {
      return date.atTime(endOfWorkingDay).atZone(userZone).toInstant();
    }

    @Override
    public ZoneId zone(ZoneId userZone) {
      return userZone;
    }
  }
}
