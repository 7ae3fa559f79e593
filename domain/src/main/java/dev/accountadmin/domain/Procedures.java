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
 */
public final class Procedures {

  /** Work to do in the procedure's unit of work after it succeeded (a batch marks its item). */
  @FunctionalInterface
  public interface InTransaction {
    void run(UnitOfWork unit, ProcedureResult result);
  }

  private final DirectoryPort port;
  private final Directory directory;
  private final Clock clock;

  public Procedures(DirectoryPort port, Directory directory, Clock clock) {
    this.port = port;
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
        : directory.prepareUndisclosedPassword(validateOnly);
    return run(caller, ProcedureDefinition.OFFBOARD, name, new Request(Set.of(), password, null, choices), requestId, validateOnly, then);
  }

  /** Restore: undo an offboarding exactly, from the state it recorded, with a new temporary password. */
  public ProcedureResult restore(Caller caller, UserName name, String requestId, boolean validateOnly) {
    var prior = port.read(unit -> offboarded(directory.restorable(unit, name, clock.instant())).priorState());
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
    return directory.auditingDenials(caller, definition.action(), name, requestId, () -> port.write(unit -> {
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
      for (int i = 0; i < plan.size(); i++) {
        var step = plan.get(i).step();
        var kind = step.kind();
        int number = i + 1;
        var required = Permissions.requiredRoles(step.action(), tier);
        boolean permitted = caller.adminRoles().stream().anyMatch(required::contains);
        if (!plan.get(i).requested()) {
          results.add(StepResult.of(number, kind, Outcome.NOT_REQUESTED, null, StepDetails.NONE));
        } else if (!caller.adminRoles().isEmpty() && step.alreadyDone(current, unit, now)) {
          // Nothing to change needs no permission: any admin may read this state anyway, and a
          // helpdesk admin must be able to unlock a user whose sign-in was never blocked.
          results.add(StepResult.of(number, kind, Outcome.ALREADY_DONE, step.inEffectSince(current), StepDetails.NONE));
        } else if (!permitted) {
          results.add(new StepResult(number, kind, Outcome.DENIED, null, required, null, StepDetails.NONE));
          denied.add(kind);
          rolesForAll = rolesForAll == null ? EnumSet.copyOf(required) : intersect(rolesForAll, required);
        } else if (!port.supports(kind)) {
          // This directory has no counterpart for the step: say so, never report it done.
          results.add(new StepResult(number, kind, Outcome.FAILED, null, Set.of(),
              new StepResult.Failure(Reason.NOT_IMPLEMENTED, Map.of("step", kind.name())), StepDetails.NONE));
        } else if (validateOnly) {
          allowed.add(kind);
          results.add(StepResult.of(number, kind, Outcome.PLANNED, null, step.plan(current, unit, now)));
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
      if (changed) {
        current = switch (definition.restore()) {
          case RECORDS_PRIOR_STATE -> current.offboardedAt() == null ? current.withOffboarding(now, PriorState.of(user)) : current;
          case UNDOES_OFFBOARDING -> current.withOffboarding(null, null);
          case NOTHING -> current;
        };
        current = unit.users().update(current, now);
      }
      var outcome = validateOnly ? AuditRecord.Outcome.PLANNED
          : changed ? AuditRecord.Outcome.SUCCESS : AuditRecord.Outcome.NO_CHANGE;
      var details = new TreeMap<String, String>();
      details.put("procedure", procedure.name());
      details.put("steps", results.stream().map(r -> r.kind() + "=" + r.outcome()).collect(Collectors.joining(",")));
      unit.audit().append(Directory.record(caller, definition.action(), name, requestId, outcome, details));
      var result = new ProcedureResult(procedure, current, unit.sessions().active(user.id(), now).size(), validateOnly,
          List.copyOf(results), recommendations(procedure, user, results, now), residualAccess(results), now);
      if (then != null) {
        then.run(unit, result);
      }
      return result;
    }));
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
