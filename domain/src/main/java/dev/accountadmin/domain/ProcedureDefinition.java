package dev.accountadmin.domain;

import dev.accountadmin.domain.ProcedureResult.Procedure;
import dev.accountadmin.domain.Step.Planned;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A procedure as a value (DESIGN.md §3): its steps in order, which of them a request option turns
 * on, and what it records for restore. The server runs it, GetGuide and the guides follow its
 * order, and restore is derived from offboarding's steps, each undone as its record says.
 *
 * @param slots the steps in order, each given the request
 */
public record ProcedureDefinition(Procedure procedure, Action action, List<Slot> slots, Restore restore) {

  /** The request options that turn an optional step on. */
  public enum Option { RESET_PASSWORD, LIFT_SENDING_RESTRICTION }

  /** What a procedure does about restore. */
  public enum Restore {
    NOTHING,
    /** Records the user's state before its first change, once (a second offboarding keeps the first). */
    RECORDS_PRIOR_STATE,
    /** Needs an offboarded user, undoes what was recorded, and clears the record. */
    UNDOES_OFFBOARDING
  }

  /**
   * What a run is asked: its options, the password prepared for it, the state restore works from,
   * and the parameters of the steps it chose (whom to forward to, which delegate...).
   */
  public record Request(Set<Option> options, PreparedPassword password, PriorState prior, Choices choices) {
    /** The request a guide shows: no option, no secret. */
    static final Request GUIDE = new Request(Set.of(), PreparedPassword.planned(true, false),
        new PriorState(false, Set.of(), Set.of()), Choices.NONE);

    public Request {
      options = Set.copyOf(options);
    }

    boolean has(Option option) {
      return options.contains(option);
    }
  }

  /**
   * One position of the procedure: the step planned there for a request, and the {@code acctadmin}
   * command that carries it out on its own, as the procedure's guide shows it (null where the
   * procedure has no guide).
   */
  public record Slot(String command, Function<Request, Planned> plan) {
    static Slot always(String command, Function<Request, Step> step) {
      return new Slot(command, r -> new Planned(step.apply(r), true));
    }

    /** A step that runs only when the request's {@link Choices} pick it. */
    static Slot chosen(String command, java.util.function.Predicate<Choices> chosen, Function<Request, Step> step) {
      return new Slot(command, r -> new Planned(step.apply(r), chosen.test(r.choices())));
    }

    static Slot when(Option option, String command, Function<Request, Step> step) {
      return new Slot(command, r -> new Planned(step.apply(r), r.has(option)));
    }
  }

  /** Unlock: lift the sending restriction, clear the lockout, reset the password (if asked), allow sign-in. */
  public static final ProcedureDefinition UNLOCK = new ProcedureDefinition(Procedure.UNLOCK, Action.UNLOCK_USER, List.of(
      Slot.always("acctadmin lift-restriction USER", r -> new LiftSendingRestriction()),
      Slot.always("acctadmin clear-lockout USER", r -> new ClearLockout()),
      Slot.when(Option.RESET_PASSWORD, "acctadmin reset-password USER", r -> new ResetPassword(r.password())),
      Slot.always("acctadmin allow USER", r -> new AllowSignIn())), Restore.NOTHING);

  /**
   * Offboard: reset the password first (it closes the door even where a block is slow to reach),
   * sign out of every session, block sign-in, disable every mail protocol, remove admin roles;
   * and, when chosen, remove group memberships and licences, and delete the account.
   */
  public static final ProcedureDefinition OFFBOARD = new ProcedureDefinition(Procedure.OFFBOARD, Action.OFFBOARD_USER, List.of(
      Slot.always("acctadmin reset-password USER --undisclosed", r -> new ResetPassword(r.password())),
      Slot.always("acctadmin revoke-sessions USER", r -> new RevokeSessions()),
      // Authentication methods, when chosen, right after the door is closed: app passwords would
      // otherwise keep POP3 and IMAP open until the protocols go, and the authenticator's secret
      // should not outlive the account's use.
      Slot.chosen("acctadmin methods USER --remove-all", c -> c.methods().remove(), r -> new RemoveAuthMethods(Set.of(), true)),
      // The mailbox, when chosen, while the account is closed but mail still flows: keep its
      // contents first, then drop the rules that leak or delete mail, then hand it over (shared
      // with delegates, forwarded, answering) and hide it — all before mail protocols go off, and
      // the conversion to shared before the licence goes.
      Slot.chosen("acctadmin mailbox USER --litigation-hold", c -> c.mailbox().litigationHold(),
          r -> new PlaceLitigationHold(true)),
      Slot.chosen("acctadmin inbox-rules USER --remove-flagged", c -> c.mailbox().removeFlaggedInboxRules(),
          r -> new RemoveFlaggedInboxRules(true)),
      Slot.chosen("acctadmin mailbox USER --shared --delegate DELEGATE", c -> c.mailbox().convertToShared(),
          r -> new ConvertToShared(r.choices().mailbox().delegates(), true)),
      Slot.chosen("acctadmin mailbox USER --forward-to TARGET", c -> c.mailbox().forwardTo() != null,
          // A guide's request names no target: its step is listed, never run.
          r -> new SetForwarding(r.choices().mailbox().forwardTo(), r.choices().mailbox().keepCopy(), true)),
      Slot.chosen("acctadmin mailbox USER --auto-reply TEXT", c -> c.mailbox().autoReplies() != null,
          r -> new SetAutoReplies(r.choices().mailbox().autoReplies(), true)),
      Slot.chosen("acctadmin mailbox USER --hide-from-address-list", c -> c.mailbox().hideFromAddressList(),
          r -> new HideFromAddressList(true)),
      // Wipe before block: a wipe is delivered at the device's next sync, which a block would refuse
      // were it not for the pending wipe; both only when the request chose them.
      Slot.chosen("acctadmin devices USER --wipe DEVICE_ID", c -> c.devices().wipe(),
          r -> new WipeDevices(Set.of(), BlockDevices.OFFBOARDING)),
      Slot.chosen("acctadmin devices USER --block DEVICE_ID", c -> c.devices().block(),
          r -> new BlockDevices(Set.of(), BlockDevices.OFFBOARDING)),
      Slot.always("acctadmin block USER", r -> new BlockSignIn()),
      Slot.always("acctadmin mail-protocols USER --none", r -> new SetMailProtocols(Set.of())),
      Slot.always("acctadmin users roles USER --remove-all", r -> new RemoveAdminRoles(EnumSet.allOf(Role.class))),
      // The files kept for a colleague, when chosen: before the licence goes, which takes the
      // files' storage with it.
      Slot.chosen("acctadmin offboard USER --files-to COLLEAGUE", c -> c.files().grantTo() != null,
          r -> new GrantFilesAccess(r.choices().files().grantTo())),
      // Groups and licences, when chosen, after everything that closes the account. Licences go
      // last: a mailbox is converted to shared before its licence goes, or its mail goes too.
      Slot.chosen("acctadmin groups USER --remove-all", c -> c.memberships().removeGroups(), r -> new RemoveGroupMemberships(true)),
      Slot.chosen("acctadmin licences USER --remove-all", c -> c.memberships().removeLicences(), r -> new RemoveLicences(true)),
      // Delete last, when chosen: every step before works on a live account, and a deleted one
      // stays restorable for 30 days.
      Slot.chosen("acctadmin users delete USER", c -> c.deletion().deleteUser(), r -> new DeleteUser())),
      Restore.RECORDS_PRIOR_STATE);

  /**
   * Respond to a compromised account: reset the password, sign out everywhere, require the user to
   * register their authentication methods again, review the admin roles, then keep the user
   * restricted from sending while the admin investigates — or, when asked, lift the restriction.
   */
  public static final ProcedureDefinition SECURE_COMPROMISED = new ProcedureDefinition(Procedure.SECURE_COMPROMISED,
      Action.SECURE_COMPROMISED_USER, List.of(
      Slot.always("acctadmin reset-password USER", r -> new ResetPassword(r.password())),
      Slot.always("acctadmin revoke-sessions USER", r -> new RevokeSessions()),
      // Right after the sign-out, what an attacker leaves in the mailbox to keep reading it or to
      // hide the replies to what they sent (Microsoft's compromised-account guidance).
      Slot.always("acctadmin mailbox USER --no-forwarding", r -> new RemoveForwarding()),
      Slot.always("acctadmin inbox-rules USER --remove-flagged", r -> new RemoveFlaggedInboxRules(false)),
      // Microsoft's order: once the attacker is out, make the user register their authentication
      // methods again (the old authenticator may be the attacker's), review the admin roles, and
      // only then lift the sending restriction.
      Slot.always("acctadmin methods USER --require-reregistration",
          r -> new RequireReregistration(RequireReregistration.SECURE_COMPROMISED)),
      Slot.always("acctadmin users roles USER", r -> new ReviewAdminRoles()),
      Slot.always("acctadmin restrict-sending USER",
          r -> r.has(Option.LIFT_SENDING_RESTRICTION) ? new LiftSendingRestriction() : new RestrictSending())),
      Restore.NOTHING);

  /**
   * Restore: offboarding's steps undone in its order, from the state it recorded; what nothing
   * undoes is left out. A deleted account is brought back first, because every other undo works
   * on a live account (offboarding deletes it last for the same reason).
   */
  public static final ProcedureDefinition RESTORE = new ProcedureDefinition(Procedure.RESTORE, Action.RESTORE_USER,
      OFFBOARD.slots().stream()
          .filter(slot -> undo(slot, Request.GUIDE).isPresent())
          .sorted(java.util.Comparator.comparing(slot -> undo(slot, Request.GUIDE).orElseThrow().step() instanceof UndeleteUser ? 0 : 1))
          .map(slot -> new Slot(null, r -> undo(slot, r).orElseThrow()))
          .toList(), Restore.UNDOES_OFFBOARDING);

  public ProcedureDefinition {
    slots = List.copyOf(slots);
  }

  private static Optional<Planned> undo(Slot offboarding, Request r) {
    return offboarding.plan().apply(r).step().undo(new Step.Restoring(r.prior(), r.password()));
  }

  public static ProcedureDefinition of(Procedure procedure) {
    return switch (procedure) {
      case UNLOCK -> UNLOCK;
      case OFFBOARD -> OFFBOARD;
      case SECURE_COMPROMISED -> SECURE_COMPROMISED;
      case RESTORE -> RESTORE;
    };
  }

  /** The steps planned for {@code request}, in order. */
  public List<Planned> plan(Request request) {
    return slots.stream().map(slot -> slot.plan().apply(request)).toList();
  }

  /** The step kinds in order, as a guide lists them (no option asked for). */
  public List<StepKind> stepKinds() {
    return plan(Request.GUIDE).stream().map(p -> p.step().kind()).toList();
  }

  /** A step as the procedure's guide lists it: its kind and the command that carries it out. */
  public record GuideStep(StepKind kind, String command) {}

  /** The steps as the procedure's guide lists them, in order. */
  public List<GuideStep> guideSteps() {
    return slots.stream().map(slot -> new GuideStep(slot.plan().apply(Request.GUIDE).step().kind(), slot.command())).toList();
  }
}
