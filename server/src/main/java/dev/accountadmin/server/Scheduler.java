package dev.accountadmin.server;

import dev.accountadmin.domain.Action;
import dev.accountadmin.domain.AuditRecord;
import dev.accountadmin.domain.Caller;
import dev.accountadmin.domain.ClientApp;
import dev.accountadmin.domain.DirectoryPort;
import dev.accountadmin.domain.Procedures;
import dev.accountadmin.domain.ScheduledOffboarding;
import dev.accountadmin.domain.StepResult;
import dev.accountadmin.failure.DirectoryException;
import dev.accountadmin.failure.Reason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs scheduled offboardings when their time comes, by the injected clock: every
 * {@code interval} on a thread of its own, and whenever {@link #runDue} is called (tests move
 * their clock and call it, so no test races a timer).
 *
 * <p>Design note — exactly once: each due offboarding is claimed (a conditional UPDATE from
 * SCHEDULED) and run in one unit of work, so the claim commits with the offboarding and its audit
 * record or not at all. A second replica's claim waits for the first's row lock and then finds
 * the row no longer SCHEDULED; a crash mid-run rolls the claim back and the next tick runs it.
 * A run that fails (the user is gone, a step is denied to the scheduler's roles now) is FAILED
 * with its error, audited, and never retried: nothing half-done is left behind.
 */
final class Scheduler implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Scheduler.class.getName());
  private static final int BATCH = 100;
  /** Where an audit record of a scheduled run says it came from. */
  static final String ADDRESS = "scheduler";

  private final DirectoryPort port;
  private final Procedures procedures;
  private final Clock clock;
  private final ScheduledExecutorService timer;

  Scheduler(DirectoryPort port, Procedures procedures, Clock clock, Duration interval) {
    this.port = port;
    this.procedures = procedures;
    this.clock = clock;
    if (interval.isZero() || interval.isNegative()) {
      timer = null;
    } else {
      timer = Executors.newSingleThreadScheduledExecutor(r -> {
        var thread = new Thread(r, "accountadmin-scheduler");
        thread.setDaemon(true);
        return thread;
      });
      timer.scheduleWithFixedDelay(this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void tick() {
    try {
      runDue();
    } catch (RuntimeException e) {
      // The next tick tries again; a database that is away for a while must not stop the timer.
      LOG.log(Level.WARNING, "scheduled offboardings: tick failed", e);
    }
  }

  /** Runs every offboarding due by the clock's now; returns how many this call ran. */
  int runDue() {
    var now = clock.instant();
    int ran = 0;
    while (true) {
      var due = port.read(unit -> unit.schedules().due(now, BATCH));
      int before = ran;
      for (var id : due) {
        if (run(id, now)) {
          ran++;
        }
      }
      // Another replica took the rest, or there is nothing more.
      if (due.size() < BATCH || ran == before) {
        return ran;
      }
    }
  }

  private boolean run(String id, Instant now) {
    try {
      return port.write(unit -> {
        if (!unit.schedules().claim(id, now)) {
          return false;
        }
        var job = unit.schedules().find(id).orElseThrow();
        try {
          var caller = caller(unit, job);
          var choices = StepOptionProtos.choices("options", TemplateOptions.parse(job.options()));
          // Joins this unit of work as a savepoint: a failure undoes the offboarding, not the claim.
          var result = procedures.offboard(caller, job.user(), null, choices, job.requestId(), false, null);
          unit.schedules().finish(id, ScheduledOffboarding.State.DONE, Protos.toProto(result).toByteArray(), null,
              clock.instant());
        } catch (DirectoryException e) {
          var metadata = new TreeMap<String, String>(e.metadata());
          fail(unit, job, new StepResult.Failure(e.reason(), metadata));
        }
        return true;
      });
    } catch (RuntimeException e) {
      // Not the directory's answer but a fault (a bug, a lost connection): the unit rolled back.
      // Report it as FAILED in a unit of its own rather than retry something that may fail again.
      LOG.log(Level.WARNING, "scheduled offboarding " + id + " failed", e);
      return port.write(unit -> {
        if (!unit.schedules().claim(id, now)) {
          return false;
        }
        fail(unit, unit.schedules().find(id).orElseThrow(), new StepResult.Failure(Reason.INTERNAL, Map.of()));
        return true;
      });
    }
  }

  private void fail(dev.accountadmin.domain.UnitOfWork unit, ScheduledOffboarding job, StepResult.Failure error) {
    unit.schedules().finish(job.id(), ScheduledOffboarding.State.FAILED, null, error, clock.instant());
    var details = new TreeMap<String, String>();
    details.put("procedure", "OFFBOARD");
    details.put("schedule", job.id());
    details.put("reason", error.reason().name());
    unit.audit().append(AuditRecord.of(job.creator().value(), ADDRESS, Action.OFFBOARD_USER, job.user().value(),
        job.requestId(), AuditRecord.Outcome.FAILURE, details));
  }

  /** The admin who scheduled it, with the roles they hold now: a demoted admin's schedule is denied. */
  private static Caller caller(dev.accountadmin.domain.UnitOfWork unit, ScheduledOffboarding job) {
    var creator = unit.users().findById(job.creatorId()).filter(u -> !u.deleted())
        .orElseThrow(() -> DirectoryException.of(Reason.USER_NOT_FOUND, "user", job.creator().value()));
    return new Caller(creator.id(), creator.name(), creator.roles(), ClientApp.ADMIN_API, null, ADDRESS);
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
