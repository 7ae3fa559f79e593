package dev.accountadmin.server.domain;

import dev.accountadmin.server.failure.Reason;
import dev.accountadmin.server.failure.DirectoryException;

import com.google.gson.Gson;
import dev.accountadmin.server.audit.AuditLog;
import dev.accountadmin.server.domain.AuditRecord;
import dev.accountadmin.server.domain.ProcedureResult.Procedure;
import dev.accountadmin.server.domain.ProcedureResult.Recommendation;
import dev.accountadmin.server.store.Database;
import dev.accountadmin.server.store.SessionStore;
import dev.accountadmin.server.store.UserStore;
import java.sql.Connection;
import java.sql.SQLException;
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
 * The administrator procedures of DESIGN.md section 3: fixed, ordered lists of idempotent steps,
 * run in one transaction on one (locked) user.
 *
 * <p>Design note — all or nothing: every step's permission is checked before any step runs. A
 * plan ({@code validateOnly}) reports each step as PLANNED, ALREADY_DONE, NOT_REQUESTED or DENIED
 * and changes nothing but one audit record. A real run with a DENIED step changes nothing and
 * fails with STEPS_DENIED, so there is never a half-done offboarding. Otherwise the steps apply in
 * order to an in-memory copy of the user, which is written once, with the audit record, in the
 * same transaction; slow work (Argon2id for a temporary password) happens before it starts.
 */
public final class Procedures {
  private static final Gson GSON = new Gson();

  /** Work to do in the procedure's transaction after it succeeded (a batch marks its item). */
  @FunctionalInterface
  public interface InTransaction {
    void run(Connection c, ProcedureResult result) throws SQLException;
  }

  /** The state an offboarding records before it changes anything, for RestoreUser. */
  record PriorState(boolean signInBlocked, List<String> protocols, List<String> roles) {}

  private record Planned(StepKind kind, StepParams params, boolean requested) {}

  private final Database database;
  private final Directory directory;
  private final UserStore users;
  private final SessionStore sessions;
  private final AuditLog audit;
  private final Steps steps;
  private final Clock clock;

  public Procedures(Database database, Directory directory, UserStore users, SessionStore sessions,
      AuditLog audit, Clock clock) {
    this.database = database;
    this.directory = directory;
    this.users = users;
    this.sessions = sessions;
    this.audit = audit;
    this.steps = new Steps(users, sessions);
    this.clock = clock;
  }

  /** Unlock: lift the sending restriction, clear the lockout, reset the password (if asked), allow sign-in. */
  public ProcedureResult unlock(Caller caller, UserName name, boolean resetPassword, String requestId, boolean validateOnly) {
    var password = resetPassword ? directory.preparePassword(name, null, true, validateOnly) : StepParams.NONE;
    return run(caller, Procedure.UNLOCK, Action.UNLOCK_USER, name, List.of(
        new Planned(StepKind.LIFT_SENDING_RESTRICTION, StepParams.NONE, true),
        new Planned(StepKind.CLEAR_LOCKOUT, StepParams.NONE, true),
        new Planned(StepKind.RESET_PASSWORD, password, resetPassword),
        new Planned(StepKind.ALLOW_SIGN_IN, StepParams.NONE, true)), requestId, validateOnly, null);
  }

  /**
   * Respond to a compromised account: reset the password, sign out everywhere, then keep the user
   * restricted from sending while the admin investigates — or, when asked, lift the restriction.
   */
  public ProcedureResult secureCompromised(Caller caller, UserName name, boolean liftRestriction,
      String requestId, boolean validateOnly) {
    var password = directory.preparePassword(name, null, true, validateOnly);
    return run(caller, Procedure.SECURE_COMPROMISED, Action.SECURE_COMPROMISED_USER, name, List.of(
        new Planned(StepKind.RESET_PASSWORD, password, true),
        new Planned(StepKind.REVOKE_SESSIONS, StepParams.NONE, true),
        new Planned(liftRestriction ? StepKind.LIFT_SENDING_RESTRICTION : StepKind.RESTRICT_SENDING, StepParams.NONE, true)),
        requestId, validateOnly, null);
  }

  /**
   * Offboard: reset the password first (it closes the door even where a block is slow to reach),
   * sign out of every session, block sign-in, disable every mail protocol, remove admin roles.
   */
  public ProcedureResult offboard(Caller caller, UserName name, String chosenPassword, String requestId,
      boolean validateOnly, InTransaction then) {
    StepParams password;
    if (chosenPassword != null && !chosenPassword.isEmpty()) {
      password = directory.preparePassword(name, chosenPassword, false, validateOnly);
    } else {
      password = directory.prepareUndisclosedPassword(validateOnly);
    }
    return run(caller, Procedure.OFFBOARD, Action.OFFBOARD_USER, name, List.of(
        new Planned(StepKind.RESET_PASSWORD, password, true),
        new Planned(StepKind.REVOKE_SESSIONS, StepParams.NONE, true),
        new Planned(StepKind.BLOCK_SIGN_IN, StepParams.NONE, true),
        new Planned(StepKind.SET_MAIL_PROTOCOLS, StepParams.protocols(Set.of()), true),
        new Planned(StepKind.REMOVE_ADMIN_ROLES, StepParams.roles(EnumSet.allOf(Role.class)), true)),
        requestId, validateOnly, then);
  }

  /** Restore: undo an offboarding exactly, from the state it recorded, with a new temporary password. */
  public ProcedureResult restore(Caller caller, UserName name, String requestId, boolean validateOnly) {
    var prior = database.read(c -> {
      var user = directory.live(c, name, clock.instant());
      if (user.offboardedAt() == null || user.priorState() == null) {
        throw DirectoryException.of(Reason.NOT_OFFBOARDED, "user", name.value());
      }
      return GSON.fromJson(user.priorState(), PriorState.class);
    });
    var protocols = prior.protocols().stream().map(MailProtocol::valueOf).collect(Collectors.toCollection(() -> EnumSet.noneOf(MailProtocol.class)));
    var roles = prior.roles().stream().map(Role::valueOf).collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
    var password = directory.preparePassword(name, null, true, validateOnly);
    return run(caller, Procedure.RESTORE, Action.RESTORE_USER, name, List.of(
        new Planned(StepKind.RESET_PASSWORD, password, true),
        new Planned(StepKind.ALLOW_SIGN_IN, StepParams.NONE, !prior.signInBlocked()),
        new Planned(StepKind.SET_MAIL_PROTOCOLS, StepParams.protocols(protocols), true),
        new Planned(StepKind.ASSIGN_ADMIN_ROLES, StepParams.roles(roles), !roles.isEmpty())),
        requestId, validateOnly, null);
  }

  private ProcedureResult run(Caller caller, Procedure procedure, Action action, UserName name,
      List<Planned> plan, String requestId, boolean validateOnly, InTransaction then) {
    return directory.auditingDenials(caller, action, name, requestId, () -> database.inTransaction(c -> {
      var now = clock.instant();
      var user = directory.live(c, name, now);
      if (procedure == Procedure.RESTORE && user.offboardedAt() == null) {
        throw DirectoryException.of(Reason.NOT_OFFBOARDED, "user", name.value());
      }
      var tier = Permissions.TargetTier.of(user.roles());
      var results = new ArrayList<StepResult>();
      var denied = new ArrayList<StepKind>();
      var allowed = new ArrayList<StepKind>();
      Set<Role> rolesForAll = null;
      var current = user;
      boolean changed = false;
      Instant validUntil = null;
      for (int i = 0; i < plan.size(); i++) {
        var step = plan.get(i);
        int number = i + 1;
        var required = Permissions.requiredRoles(step.kind().action(), tier);
        boolean permitted = caller.adminRoles().stream().anyMatch(required::contains);
        if (!step.requested()) {
          results.add(StepResult.of(number, step.kind(), Outcome.NOT_REQUESTED, null, StepDetails.NONE));
        } else if (!caller.adminRoles().isEmpty() && steps.alreadyDone(c, step.kind(), current, step.params(), now)) {
          // Nothing to change needs no permission: any admin may read this state anyway, and a
          // helpdesk admin must be able to unlock a user whose sign-in was never blocked.
          results.add(StepResult.of(number, step.kind(), Outcome.ALREADY_DONE,
              Steps.inEffectSince(step.kind(), current), StepDetails.NONE));
        } else if (!permitted) {
          results.add(new StepResult(number, step.kind(), Outcome.DENIED, null, required, null, StepDetails.NONE));
          denied.add(step.kind());
          rolesForAll = rolesForAll == null ? EnumSet.copyOf(required) : intersect(rolesForAll, required);
        } else if (validateOnly) {
          allowed.add(step.kind());
          results.add(StepResult.of(number, step.kind(), Outcome.PLANNED, null, steps.preview(c, step.kind(), current, step.params(), now)));
        } else {
          allowed.add(step.kind());
          var applied = steps.apply(c, step.kind(), current, step.params(), now);
          current = applied.user();
          changed = true;
          if (applied.details() instanceof StepDetails.SessionsRevoked revoked) {
            validUntil = revoked.accessTokensValidUntil();
          }
          results.add(StepResult.of(number, step.kind(), Outcome.DONE, now, applied.details()));
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
      if (validateOnly) {
        var planned = results.stream().anyMatch(r -> r.outcome() == Outcome.PLANNED);
        if (planned && results.stream().anyMatch(r -> r.kind() == StepKind.REVOKE_SESSIONS)) {
          validUntil = Steps.latestAccessExpiry(sessions.active(c, user.id(), now), now);
        }
      }
      if (changed) {
        if (procedure == Procedure.OFFBOARD && current.offboardedAt() == null) {
          current = current.withOffboarding(now, GSON.toJson(new PriorState(user.signInBlocked(),
              user.enabledProtocols().stream().sorted().map(Enum::name).toList(),
              user.roles().stream().sorted().map(Enum::name).toList())));
        } else if (procedure == Procedure.RESTORE) {
          current = current.withOffboarding(null, null);
        }
        current = users.update(c, current, now);
      }
      var outcome = validateOnly ? AuditRecord.Outcome.PLANNED
          : changed ? AuditRecord.Outcome.SUCCESS : AuditRecord.Outcome.NO_CHANGE;
      var details = new TreeMap<String, String>();
      details.put("procedure", procedure.name());
      details.put("steps", results.stream().map(r -> r.kind() + "=" + r.outcome()).collect(Collectors.joining(",")));
      audit.append(c, Directory.record(caller, action, name, requestId, outcome, details));
      var result = new ProcedureResult(procedure, current, sessions.active(c, user.id(), now).size(), validateOnly,
          List.copyOf(results), recommendations(procedure, user, results, now), validUntil, now);
      if (then != null) {
        then.run(c, result);
      }
      return result;
    }));
  }

  private static List<Recommendation> recommendations(Procedure procedure, User before, List<StepResult> results, Instant now) {
    var recommendations = new LinkedHashSet<Recommendation>();
    // Outbound spam and a compromise both mean someone else may hold the password.
    if (procedure == Procedure.UNLOCK && before.restrictedAt(now) && results.stream().anyMatch(r ->
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
