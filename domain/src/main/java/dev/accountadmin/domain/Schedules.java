package dev.accountadmin.domain;

import dev.accountadmin.failure.DirectoryException;
import dev.accountadmin.failure.FieldViolation;
import dev.accountadmin.failure.Reason;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Scheduling offboardings for later: schedule, read, change and cancel, each checked against
 * {@link Permissions} (SCHEDULE_OFFBOARDING: the tiers of an offboarding) and audited. Running
 * them is the server's scheduler, which claims each due one so that it runs exactly once.
 *
 * <p>A schedule keeps the options it will run (the template as it was when it was scheduled,
 * refined by the request): what the admin saw in the plan is what runs.
 */
public final class Schedules {
  private final DirectoryPort port;
  private final Directory directory;
  private final Clock clock;
  private final SchedulePolicy policy;

  public Schedules(DirectoryPort port, Directory directory, Clock clock, SchedulePolicy policy) {
    this.port = port;
    this.directory = directory;
    this.clock = clock;
    this.policy = policy;
  }

  public SchedulePolicy policy() {
    return policy;
  }

  /** Schedules an offboarding of {@code name}; its time must be in the future. */
  public ScheduledOffboarding schedule(Caller caller, UserName name, OffboardingTime when, byte[] options,
      long templateVersion, String requestId, boolean validateOnly) {
    // Checked before the unit of work, whose rollback would take the denial's record with it.
    // The user's own directory: an external one reads them there, and keeps the schedule in the store.
    var users = directory.portOf(name);
    authorize(caller, users.read(unit -> directory.live(unit, name, clock.instant())), requestId);
    return users.write(unit -> {
      var now = clock.instant();
      var user = directory.live(unit, name, now);
      var zone = when.zone(userZone(unit, user));
      var runAt = future(when, zone, now);
      var scheduled = new ScheduledOffboarding(UUID.randomUUID().toString(), user.id(), user.name(), when, runAt, zone,
          options, ScheduledOffboarding.State.SCHEDULED, null, null, caller.userId(), caller.name(),
          requestId == null || requestId.isEmpty() ? UUID.randomUUID().toString() : requestId, now, now, 1, templateVersion);
      if (!validateOnly) {
        unit.schedules().insert(scheduled);
      }
      unit.audit().append(Directory.record(caller, Action.SCHEDULE_OFFBOARDING, name, requestId,
          validateOnly ? AuditRecord.Outcome.PLANNED : AuditRecord.Outcome.SUCCESS, details(scheduled, "schedule")));
      return scheduled;
    });
  }

  public ScheduledOffboarding get(Caller caller, String id) {
    directory.requireAnyRole(caller);
    return port.read(unit -> found(unit, id));
  }

  /** Those in {@code state} (null: all) of {@code user} (null: all), earliest first. */
  public List<ScheduledOffboarding> list(Caller caller, ScheduledOffboarding.State state, UserName user) {
    directory.requireAnyRole(caller);
    return (user == null ? port : directory.portOf(user)).read(unit -> {
      String userId = null;
      if (user != null) {
        userId = unit.users().find(user).map(User::id).orElse(null);
        if (userId == null) {
          return List.of();
        }
      }
      return unit.schedules().list(state, userId);
    });
  }

  /**
   * Changes the time (null: keeps it) or the options (null: keeps them) while it is SCHEDULED;
   * {@code expectedVersion} 0 skips the version check.
   */
  public ScheduledOffboarding update(Caller caller, String id, OffboardingTime when, byte[] options,
      long expectedVersion, String requestId, boolean validateOnly) {
    return change(caller, id, expectedVersion, requestId, validateOnly, (unit, s, now) -> {
      var user = directory.live(unit, s.user(), now);
      var newWhen = when == null ? s.when() : when;
      var zone = newWhen.zone(userZone(unit, user));
      var runAt = when == null ? s.runAt() : future(newWhen, zone, now);
      return s.changed(newWhen, runAt, zone, options == null ? s.options() : options, ScheduledOffboarding.State.SCHEDULED, now);
    }, "change");
  }

  /** Cancels it while it is SCHEDULED: it never runs. */
  public ScheduledOffboarding cancel(Caller caller, String id, long expectedVersion, String requestId) {
    return change(caller, id, expectedVersion, requestId, false, (unit, s, now) ->
        s.changed(s.when(), s.runAt(), s.zone(), s.options(), ScheduledOffboarding.State.CANCELLED, now), "cancel");
  }

  /** Sets the time zone a user's "end of the last working day" is read in; null: the tenant's default. */
  public ZoneId setUserTimeZone(Caller caller, UserName name, ZoneId zone, String requestId) {
    var users = directory.portOf(name);
    authorize(caller, users.read(unit -> directory.live(unit, name, clock.instant())), requestId);
    return users.write(unit -> {
      var now = clock.instant();
      var user = directory.live(unit, name, now);
      unit.schedules().setUserTimeZone(user.id(), zone == null ? null : zone.getId(), now);
      unit.audit().append(Directory.record(caller, Action.SCHEDULE_OFFBOARDING, name, requestId,
          AuditRecord.Outcome.SUCCESS, Map.of("timeZone", zone == null ? "" : zone.getId())));
      return zone == null ? policy.defaultZone() : zone;
    });
  }

  private interface Change {
    ScheduledOffboarding apply(UnitOfWork unit, ScheduledOffboarding current, Instant now);
  }

  private ScheduledOffboarding change(Caller caller, String id, long expectedVersion, String requestId,
      boolean validateOnly, Change change, String what) {
    directory.requireAnyRole(caller);
    // The schedule is in the store; its user in their own directory.
    var scheduled = port.read(unit -> found(unit, id));
    var users = directory.portOf(scheduled.user());
    var target = users.read(unit -> unit.users().findById(scheduled.userId()));
    if (target.isPresent()) {
      authorize(caller, target.get(), requestId);
    }
    return users.write(unit -> {
      var now = clock.instant();
      // The schedule first, then its user: the order a run takes them in.
      var current = found(unit, id);
      if (current.state() != ScheduledOffboarding.State.SCHEDULED) {
        throw DirectoryException.of(Reason.SCHEDULE_NOT_PENDING, "schedule", id, "state", current.state().name(),
            "user", current.user().value());
      }
      if (expectedVersion != 0 && expectedVersion != current.version()) {
        throw DirectoryException.of(Reason.SCHEDULE_VERSION_MISMATCH, "schedule", id,
            "expectedVersion", Long.toString(expectedVersion), "version", Long.toString(current.version()));
      }
      var changed = change.apply(unit, current, now);
      if (!validateOnly && !unit.schedules().update(changed, current.version())) {
        // Claimed by a run, or changed, since it was read: say which.
        var latest = found(unit, id);
        throw latest.state() != ScheduledOffboarding.State.SCHEDULED
            ? DirectoryException.of(Reason.SCHEDULE_NOT_PENDING, "schedule", id, "state", latest.state().name(),
                "user", current.user().value())
            : DirectoryException.of(Reason.SCHEDULE_VERSION_MISMATCH, "schedule", id,
                "expectedVersion", Long.toString(current.version()), "version", Long.toString(latest.version()));
      }
      unit.audit().append(Directory.record(caller, Action.SCHEDULE_OFFBOARDING, current.user(), requestId,
          validateOnly ? AuditRecord.Outcome.PLANNED : AuditRecord.Outcome.SUCCESS, details(changed, what)));
      return changed;
    });
  }

  /** SCHEDULE_DENIED, audited, unless the caller may offboard {@code user}. */
  private void authorize(Caller caller, User user, String requestId) {
    if (!Permissions.allows(caller.adminRoles(), Action.SCHEDULE_OFFBOARDING, user.roles())) {
      var required = Permissions.requiredRoles(Action.SCHEDULE_OFFBOARDING, Permissions.TargetTier.of(user.roles()));
      directory.appendAlone(Directory.record(caller, Action.SCHEDULE_OFFBOARDING, user.name(), requestId,
          AuditRecord.Outcome.DENIED, Map.of("requiredRoles", Directory.names(required))));
      throw DirectoryException.of(Reason.SCHEDULE_DENIED, "user", user.name().value(),
          "requiredRoles", Directory.names(required));
    }
  }

  private ZoneId userZone(UnitOfWork unit, User user) {
    return unit.schedules().userTimeZone(user.id()).map(ZoneId::of).orElse(policy.defaultZone());
  }

  private Instant future(OffboardingTime when, ZoneId zone, Instant now) {
    var runAt = when.resolve(zone, policy.endOfWorkingDay());
    if (!runAt.isAfter(now)) {
      throw DirectoryException.invalid(new FieldViolation("when", "TIME_IN_PAST",
          Map.of("field", "when", "runTime", runAt.toString(), "timeZone", zone.getId())));
    }
    return runAt;
  }

  private static ScheduledOffboarding found(UnitOfWork unit, String id) {
    return unit.schedules().find(id).orElseThrow(() -> DirectoryException.of(Reason.SCHEDULE_NOT_FOUND, "schedule", id));
  }

  private static Map<String, String> details(ScheduledOffboarding s, String what) {
    var details = new TreeMap<String, String>();
    details.put(what, s.id());
    details.put("runTime", s.runAt().toString());
    details.put("timeZone", s.zone().getId());
    details.put("state", s.state().name());
    return details;
  }
}
