package dev.accountadmin.domain;

import dev.accountadmin.domain.ProcedureDefinition.Option;
import dev.accountadmin.domain.ProcedureDefinition.Request;
import dev.accountadmin.domain.ProcedureResult.Procedure;
import dev.accountadmin.domain.ProcedureResult.Recommendation;
import dev.accountadmin.failure.DirectoryException;
import dev.accountadmin.failure.Reason;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Runs the administrator procedures of {@link ProcedureDefinition}: ordered lists of idempotent
 * steps, run in one unit of work on one (locked) user.
 *
 * <p>Design note — all or nothing: every step's permission is checked before any step runs. A
 * plan ({@code validateOnly}) reports each step as PLANNED, ALREADY_DONE, NOT_REQUESTED or DENIED
 * and changes nothing but one audit record. A real run with a DENIED step changes nothing and
 * fails with STEPS_DENIED, so there is never a half-done offboarding. Otherwise the steps apply in
 * order to an in-memory copy of the user, which is written once, with the audit record, in the
 * same unit of work; slow work (Argon2id for a temporary password) happens before it starts.
 *
 * <p>An external directory has no transaction ({@link DirectoryPort#atomic}): there each step's
 * change is written as it is made, an offboarding's prior state is recorded before the first, and
 * a directory failing midway ends the call with the steps done there named in its error (the
 * audit keeps them too); a retry with the same request id continues, the done steps now
 * ALREADY_DONE on the directory's live state.
 */
public final class Procedures {

  /** Work to do in the procedure's unit of work after it succeeded (a batch marks its item). */
  @FunctionalInterface
  public interface InTransaction {
    void run(UnitOfWork unit, ProcedureResult result);
  }

  private final Directory directory;
  private final Clock clock;

  /** Procedures on the directories of {@code directory}; {@code port} is its built-in one. */
  public Procedures(DirectoryPort port, Directory directory, Clock clock) {
    this.directory = directory;
    this.clock = clock;
  }

  public ProcedureResult unlock(Caller caller, UserName name, boolean resetPassword, String requestId, boolean validateOnly) {
    var password = resetPassword ? directory.preparePassword(name, null, true, validateOnly) : PreparedPassword.planned(true, false);
    var options = resetPassword ? Set.of(Option.RESET_PASSWORD) : Set.<Option>of();
    return run(caller, ProcedureDefinition.UNLOCK, name, new Request(options, password, null, Choices.NONE), requestId, validateOnly, null);
  }

  public ProcedureResult secureCompromised(Caller caller, UserName name, boolean liftRestriction, Choices choices,
      String requestId, boolean validateOnly) {
    var password = directory.preparePassword(name, null, true, validateOnly);
    var options = liftRestriction ? Set.of(Option.LIFT_SENDING_RESTRICTION) : Set.<Option>of();
    return run(caller, ProcedureDefinition.SECURE_COMPROMISED, name, new Request(options, password, null, choices),
        requestId, validateOnly, null);
  }

  /** Offboards with the admin's chosen password, or (usually) one nobody is shown. */
  public ProcedureResult offboard(Caller caller, UserName name, String chosenPassword, Choices choices, String requestId,
      boolean validateOnly, InTransaction then) {
    var password = chosenPassword != null && !chosenPassword.isEmpty()
        ? directory.preparePassword(name, chosenPassword, false, validateOnly)
        : directory.prepareUndisclosedPassword(name, validateOnly);
    return run(caller, ProcedureDefinition.OFFBOARD, name, new Request(Set.of(), password, null, choices), requestId, validateOnly, then);
  }

  /** Restore: undo an offboarding exactly, from the state it recorded, with a new temporary password. */
  public ProcedureResult restore(Caller caller, UserName name, String requestId, boolean validateOnly) {
    var prior = directory.portOf(name).read(unit -> offboarded(directory.restorable(unit, name, clock.instant())).priorState());
    var password = directory.preparePassword(name, null, true, validateOnly);
    return run(caller, ProcedureDefinition.RESTORE, name, new Request(Set.of(), password, prior, Choices.NONE), requestId, validateOnly, null);
  }

  private static User offboarded(User user) {
    if (user.offboardedAt() == null || user.priorState() == null) {
      throw DirectoryException.of(Reason.NOT_OFFBOARDED, "user", user.name().value());
    }
    return user;
  }

  private ProcedureResult run(Caller caller, ProcedureDefinition definition, UserName name, Request request,
      String requestId, boolean validateOnly, InTransaction then) {
    var procedure = definition.procedure();
    var plan = definition.plan(request);
    var port = directory.portOf(name);
    // Where the directory has no transaction: the failure that stopped the steps midway, thrown
    // once the unit holding the audit record and the prior state is durable.
    var midway = new DirectoryException[1];
    var ran = directory.auditingDenials(caller, definition.action(), name, requestId, () -> port.write(unit -> {
      var now = clock.instant();
      // Restore may find the account deleted by the offboarding it undoes; nothing else may.
      boolean restoring = definition.restore() == ProcedureDefinition.Restore.UNDOES_OFFBOARDING;
      var user = restoring ? offboarded(directory.restorable(unit, name, now)) : directory.live(unit, name, now);
      var tier = Permissions.TargetTier.of(user.roles());
      var results = new ArrayList<StepResult>();
      var denied = new ArrayList<StepKind>();
      var allowed = new ArrayList<StepKind>();
      Set<Role> rolesForAll = null;
      var current = user;
      boolean changed = false;
      // A step denied stops the run before anything changes; without a transaction, that means
      // before the first step is written, so the denial is found first.
      boolean refused = !port.atomic() && !validateOnly && anyDenied(plan, user, unit, now, caller, tier, port);
      boolean stepwise = !port.atomic() && !validateOnly && !refused;
      if (stepwise && definition.restore() == ProcedureDefinition.Restore.RECORDS_PRIOR_STATE && user.offboardedAt() == null
          && anyToChange(plan, user, unit, now, caller, tier, port)) {
        // Recorded before the first change: a retry after a failure midway must not take the
        // half-offboarded state for the one to restore.
        try {
          current = unit.users().update(current.withOffboarding(now, PriorState.of(user)), now);
        } catch (DirectoryException e) {
          if (e.reason() != Reason.DIRECTORY_UNAVAILABLE && e.reason() != Reason.DIRECTORY_REFUSED) {
            throw e;
          }
          midway[0] = stoppedAt(e, plan.get(0).step().kind(), List.of());
        }
      }
      for (int i = 0; i < plan.size(); i++) {
        var step = plan.get(i).step();
        var kind = step.kind();
        int number = i + 1;
        var required = Permissions.requiredRoles(step.action(), tier);
        boolean permitted = caller.adminRoles().stream().anyMatch(required::contains);
        if (!plan.get(i).requested()) {
          results.add(StepResult.of(number, kind, Outcome.NOT_REQUESTED, null, StepDetails.NONE));
        } else if (!port.supports(kind)) {
          // This directory has no counterpart for the step: say so, never report it done.
          results.add(Directory.notApplicable(port, number, kind, now));
        } else if (midway[0] != null) {
          // The directory failed at an earlier step: this one was not tried.
          results.add(StepResult.of(number, kind, Outcome.NOT_REQUESTED, null, StepDetails.NONE));
        } else if (!caller.adminRoles().isEmpty() && step.alreadyDone(current, unit, now)) {
          // Nothing to change needs no permission: any admin may read this state anyway, and a
          // helpdesk admin must be able to unlock a user whose sign-in was never blocked.
          results.add(StepResult.of(number, kind, Outcome.ALREADY_DONE, step.inEffectSince(current), StepDetails.NONE));
        } else if (!permitted) {
          results.add(new StepResult(number, kind, Outcome.DENIED, null, required, null, StepDetails.NONE));
          denied.add(kind);
          rolesForAll = rolesForAll == null ? EnumSet.copyOf(required) : intersect(rolesForAll, required);
        } else if (validateOnly) {
          allowed.add(kind);
          results.add(StepResult.of(number, kind, Outcome.PLANNED, null, step.plan(current, unit, now)));
        } else if (refused) {
          // Nothing is written: the run ends in STEPS_DENIED, naming this step as one still allowed.
          allowed.add(kind);
          results.add(StepResult.of(number, kind, Outcome.PLANNED, null, StepDetails.NONE));
        } else if (stepwise) {
          allowed.add(kind);
          Step.Applied applied;
          try {
            applied = step.apply(current, unit, now);
            current = unit.users().update(applied.user(), now);
          } catch (DirectoryException e) {
            if (e.reason() != Reason.DIRECTORY_UNAVAILABLE && e.reason() != Reason.DIRECTORY_REFUSED) {
              throw e;
            }
            midway[0] = stoppedAt(e, kind, results);
            results.add(new StepResult(number, kind, Outcome.FAILED, null, Set.of(),
                new StepResult.Failure(e.reason(), e.metadata()), StepDetails.NONE));
            continue;
          }
          changed = true;
          results.add(applied.failure() == null
              ? StepResult.of(number, kind, Outcome.DONE, now, applied.details())
              : new StepResult(number, kind, Outcome.FAILED, null, Set.of(), applied.failure(), applied.details()));
        } else {
          allowed.add(kind);
          var applied = step.apply(current, unit, now);
          current = applied.user();
          changed = true;
          results.add(applied.failure() == null
              ? StepResult.of(number, kind, Outcome.DONE, now, applied.details())
              : new StepResult(number, kind, Outcome.FAILED, null, Set.of(), applied.failure(), applied.details()));
        }
      }
      if (!denied.isEmpty() && !validateOnly) {
        var metadata = new TreeMap<String, String>(Map.of(
            "procedure", procedure.name(),
            "user", name.value(),
            "deniedSteps", denied.stream().map(Enum::name).collect(Collectors.joining(",")),
            "requiredRoles", Directory.names(rolesForAll)));
        if (!allowed.isEmpty()) {
          // What the caller may still do, one step at a time: the way forward from the denial.
          metadata.put("allowedSteps", allowed.stream().map(Enum::name).collect(Collectors.joining(",")));
        }
        throw DirectoryException.of(Reason.STEPS_DENIED, metadata);
      }
      if (changed && midway[0] == null) {
        current = switch (definition.restore()) {
          case RECORDS_PRIOR_STATE -> current.offboardedAt() == null ? current.withOffboarding(now, PriorState.of(user)) : current;
          case UNDOES_OFFBOARDING -> current.withOffboarding(null, null);
          case NOTHING -> current;
        };
        current = unit.users().update(current, now);
      }
      var outcome = validateOnly ? AuditRecord.Outcome.PLANNED
          : midway[0] != null ? AuditRecord.Outcome.FAILURE
          : changed ? AuditRecord.Outcome.SUCCESS : AuditRecord.Outcome.NO_CHANGE;
      var details = new TreeMap<String, String>();
      details.put("procedure", procedure.name());
      details.put("steps", results.stream().map(r -> r.kind() + "=" + r.outcome()).collect(Collectors.joining(",")));
      if (!port.name().isEmpty()) {
        details.put("directory", port.name());
      }
      unit.audit().append(Directory.record(caller, definition.action(), name, requestId, outcome, details));
      var result = new ProcedureResult(procedure, current, unit.sessions().active(user.id(), now).size(), validateOnly,
          List.copyOf(results), recommendations(procedure, user, results, now), residualAccess(results), now);
      if (then != null && midway[0] == null) {
        then.run(unit, result);
      }
      return result;
    }));
    if (midway[0] != null) {
      throw midway[0];
    }
    return ran;
  }

  /** The directory's failure at {@code kind}, naming the steps done there before it. */
  private static DirectoryException stoppedAt(DirectoryException e, StepKind kind, List<StepResult> before) {
    var metadata = new TreeMap<>(e.metadata());
    metadata.put("failedStep", kind.name());
    metadata.put("doneSteps", before.stream().filter(r -> r.outcome() == Outcome.DONE)
        .map(r -> r.kind().name()).collect(Collectors.joining(",")));
    return e.retryAfter() != null ? DirectoryException.retryable(e.reason(), e.retryAfter(), metadata)
        : DirectoryException.of(e.reason(), metadata);
  }

  /** Whether some requested step the directory supports and that is not done is one the caller may not do. */
  private static boolean anyDenied(List<Step.Planned> plan, User user, UnitOfWork unit, Instant now, Caller caller,
      Permissions.TargetTier tier, DirectoryPort port) {
    return plan.stream().anyMatch(p -> p.requested() && port.supports(p.step().kind())
        && caller.adminRoles().stream().noneMatch(Permissions.requiredRoles(p.step().action(), tier)::contains)
        && !(caller.adminRoles().size() > 0 && p.step().alreadyDone(user, unit, now)));
  }

  /** Whether a real run would change anything: some requested, supported, permitted step is not done. */
  private static boolean anyToChange(List<Step.Planned> plan, User user, UnitOfWork unit, Instant now, Caller caller,
      Permissions.TargetTier tier, DirectoryPort port) {
    return plan.stream().anyMatch(p -> p.requested() && port.supports(p.step().kind())
        && caller.adminRoles().stream().anyMatch(Permissions.requiredRoles(p.step().action(), tier)::contains)
        && !p.step().alreadyDone(user, unit, now));
  }

  /** Until when access tokens issued before a sign-out stay valid where nobody checks them. */
  private static Instant residualAccess(List<StepResult> results) {
    return results.stream()
        .filter(r -> r.details() instanceof StepDetails.SessionsRevoked)
        .map(r -> ((StepDetails.SessionsRevoked) r.details()).accessTokensValidUntil())
        .filter(java.util.Objects::nonNull)
        .max(Instant::compareTo).orElse(null);
  }

  private static List<Recommendation> recommendations(Procedure procedure, User before, List<StepResult> results, Instant now) {
    var recommendations = new LinkedHashSet<Recommendation>();
    // Outbound spam and a compromise both mean someone else may hold the password: lifting a
    // restriction anywhere but in the compromised-account response leaves that open.
    if (procedure != Procedure.SECURE_COMPROMISED && before.restrictedAt(now) && results.stream().anyMatch(r ->
        r.kind() == StepKind.LIFT_SENDING_RESTRICTION && (r.outcome() == Outcome.DONE || r.outcome() == Outcome.PLANNED))) {
      recommendations.add(Recommendation.SECURE_COMPROMISED_ACCOUNT);
    }
    if (results.stream().anyMatch(r -> r.details() instanceof StepDetails.PasswordReset p && p.temporaryPassword() != null)) {
      recommendations.add(Recommendation.SHARE_TEMPORARY_PASSWORD);
    }
    return List.copyOf(recommendations);
  }

  private static Set<Role> intersect(Set<Role> a, Set<Role> b) {
    var both = EnumSet.copyOf(a);
    both.retainAll(b);
    return both;
  }
}
