package dev.accountadmin.server;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.accountadmin.domain.OffboardingTime;
import dev.accountadmin.domain.ScheduledOffboarding;
import dev.accountadmin.domain.TemplateVersion;
import dev.accountadmin.failure.DirectoryException;
import dev.accountadmin.failure.FieldViolation;
import dev.accountadmin.v1.LastWorkingDay;
import dev.accountadmin.v1.OffboardingTemplate;
import dev.accountadmin.v1.ProcedureResult;
import dev.accountadmin.v1.ScheduleState;
import dev.accountadmin.v1.StepError;
import dev.accountadmin.v1.ZonedTime;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** Scheduled offboardings and template versions between the API's messages and the domain's. */
final class ScheduleProtos {
  /** The resource name prefix of a scheduled offboarding. */
  static final String PREFIX = "scheduledOffboardings/";

  private ScheduleProtos() {}

  /** The id in {@code scheduledOffboardings/{id}}; anything else is a field violation. */
  static String id(String field, String name) {
    if (name.isEmpty()) {
      throw DirectoryException.invalid(FieldViolation.required(field));
    }
    if (!name.startsWith(PREFIX) || name.length() == PREFIX.length() || name.length() > 200) {
      throw DirectoryException.invalid(FieldViolation.of(field, "MALFORMED_SCHEDULE_NAME", name));
    }
    return name.substring(PREFIX.length());
  }

  /** The time a request gave; a missing, unparseable or unknown part is a field violation naming it. */
  static OffboardingTime when(String field, dev.accountadmin.v1.OffboardingTime when) {
    return switch (when.getTimeCase()) {
      case AT -> at(field + ".at", when.getAt());
      case END_OF_LAST_WORKING_DAY -> lastWorkingDay(field + ".end_of_last_working_day", when.getEndOfLastWorkingDay());
      case TIME_NOT_SET -> throw DirectoryException.invalid(FieldViolation.required(field));
    };
  }

  private static OffboardingTime at(String field, ZonedTime at) {
    LocalDateTime local;
    try {
      local = LocalDateTime.parse(at.getLocalDateTime());
    } catch (DateTimeParseException e) {
      throw DirectoryException.invalid(FieldViolation.of(field + ".local_date_time", "MALFORMED_DATE_TIME",
          at.getLocalDateTime()));
    }
    return new OffboardingTime.At(local, zone(field + ".time_zone", at.getTimeZone()));
  }

  private static OffboardingTime lastWorkingDay(String field, LastWorkingDay day) {
    try {
      return new OffboardingTime.EndOfLastWorkingDay(LocalDate.parse(day.getDate()));
    } catch (DateTimeParseException e) {
      throw DirectoryException.invalid(FieldViolation.of(field + ".date", "MALFORMED_DATE", day.getDate()));
    }
  }

  /** An IANA zone id; "Z" and offsets are refused too, since a zone's rules are the point. */
  static ZoneId zone(String field, String id) {
    if (id.isEmpty()) {
      throw DirectoryException.invalid(FieldViolation.required(field));
    }
    try {
      return ZoneId.of(id);
    } catch (DateTimeException e) {
      throw DirectoryException.invalid(FieldViolation.of(field, "UNKNOWN_TIME_ZONE", id));
    }
  }

  static dev.accountadmin.v1.OffboardingTime toProto(OffboardingTime when) {
    var proto = dev.accountadmin.v1.OffboardingTime.newBuilder();
    if (when instanceof OffboardingTime.At at) {
      proto.setAt(ZonedTime.newBuilder().setLocalDateTime(at.local().toString()).setTimeZone(at.zone().getId()));
    } else {
      proto.setEndOfLastWorkingDay(LastWorkingDay.newBuilder()
          .setDate(((OffboardingTime.EndOfLastWorkingDay) when).date().toString()));
    }
    return proto.build();
  }

  static dev.accountadmin.v1.ScheduledOffboarding toProto(ScheduledOffboarding s) {
    var proto = dev.accountadmin.v1.ScheduledOffboarding.newBuilder()
        .setName(PREFIX + s.id())
        .setUser("users/" + s.user().value())
        .setWhen(toProto(s.when()))
        .setRunTime(Protos.timestamp(s.runAt()))
        .setTimeZone(s.zone().getId())
        .setOptions(TemplateOptions.parse(s.options()))
        .setState(toProto(s.state()))
        .setCreator("users/" + s.creator().value())
        .setCreateTime(Protos.timestamp(s.createdAt()))
        .setUpdateTime(Protos.timestamp(s.updatedAt()))
        .setVersion(s.version())
        .setTemplateVersion(s.templateVersion());
    if (s.result() != null) {
      try {
        proto.setResult(ProcedureResult.parseFrom(s.result()));
      } catch (InvalidProtocolBufferException e) {
        throw new IllegalStateException("a stored scheduled result does not parse", e);
      }
    }
    if (s.error() != null) {
      proto.setError(StepError.newBuilder().setReason(s.error().reason().name()).putAllMetadata(s.error().metadata()));
    }
    return proto.build();
  }

  static ScheduleState toProto(ScheduledOffboarding.State state) {
    return switch (state) {
      // Nobody outside the run's unit of work sees RUNNING; were it read, it has not finished.
      case SCHEDULED, RUNNING -> ScheduleState.SCHEDULE_STATE_SCHEDULED;
      case DONE -> ScheduleState.SCHEDULE_STATE_DONE;
      case FAILED -> ScheduleState.SCHEDULE_STATE_FAILED;
      case CANCELLED -> ScheduleState.SCHEDULE_STATE_CANCELLED;
    };
  }

  /** A state filter; unspecified is none (null). */
  static ScheduledOffboarding.State fromProto(ScheduleState state) {
    return switch (state) {
      case SCHEDULE_STATE_SCHEDULED -> ScheduledOffboarding.State.SCHEDULED;
      case SCHEDULE_STATE_DONE -> ScheduledOffboarding.State.DONE;
      case SCHEDULE_STATE_FAILED -> ScheduledOffboarding.State.FAILED;
      case SCHEDULE_STATE_CANCELLED -> ScheduledOffboarding.State.CANCELLED;
      case SCHEDULE_STATE_UNSPECIFIED -> null;
      case UNRECOGNIZED -> throw DirectoryException.invalid(new FieldViolation("state", "UNSPECIFIED_ENUM",
          Map.of("field", "state")));
    };
  }

  static OffboardingTemplate toProto(TemplateVersion t) {
    return OffboardingTemplate.newBuilder()
        .setVersion(t.version())
        .setOptions(TemplateOptions.parse(t.options()))
        .setUpdater("users/" + t.updater().value())
        .setUpdateTime(Protos.timestamp(t.updatedAt()))
        .build();
  }
}
