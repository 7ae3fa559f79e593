package dev.accountadmin.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * One step of a procedure, or a single step on its own: everything about it in its record. Each
 * record says which action it needs permission for, how to tell it is already done, what a plan
 * shows, what it changes and with which typed details, and how (or whether) restore undoes it.
 * A step that lacks any of these does not compile.
 *
 * <p>Every step is idempotent: one that is {@link #alreadyDone} changes nothing. Every change is
 * in effect at once, because sign-in, refresh, introspection and mail submission check live state.
 */
public sealed interface Step permits LiftSendingRestriction, ClearLockout, ResetPassword, AllowSignIn,
    RevokeSessions, BlockSignIn, SetMailProtocols, RemoveAdminRoles, AssignAdminRoles, RestrictSending,
    WipeDevices, BlockDevices, UnblockDevices, CancelDeviceWipes,
    RemoveGroupMemberships, RemoveLicences, RestoreGroupMemberships, RestoreLicences,
    RemoveAuthMethods, RequireReregistration, LiftReregistration, RestoreAuthMethods, ReviewAdminRoles,
    DeleteUser, UndeleteUser, GrantFilesAccess, RevokeFilesAccess,
    PlaceLitigationHold, RemoveLitigationHold, RemoveFlaggedInboxRules, ReportDeletedInboxRules, ConvertToShared,
    ConvertToUserMailbox, SetForwarding, RestoreForwarding, RemoveForwarding, SetAutoReplies, RestoreAutoReplies,
    HideFromAddressList, ShowInAddressList {

  /**
   * A changed user and what the step did; {@code failure} when part of it could not be done (a
   * licence without a free seat to restore): the step reports FAILED with what it did do.
   */
  record Applied(User user, StepDetails details, StepResult.Failure failure) {
    public Applied(User user, StepDetails details) {
      this(user, details, null);
    }
  }

  /** A step as a procedure asks for it: the step, and whether this request includes it. */
  record Planned(Step step, boolean requested) {}

  /** What restore has to work with: the state the offboarding recorded, and a new password. */
  record Restoring(PriorState prior, PreparedPassword password) {}

  StepKind kind();

  /** The action whose permission the step needs. */
  Action action();

  /** True when there is nothing to change. */
  boolean alreadyDone(User user, UnitOfWork unit, Instant now);

  /**
   * Since when an already-done step's state has held, where the directory records it (a
   * restriction's start, the last password change); null where it does not.
   */
  Instant inEffectSince(User user);

  /** What the step would change, for a plan: the same details as a real run, without the secrets. */
  StepDetails plan(User user, UnitOfWork unit, Instant now);

  /** Makes the change; the caller writes the returned user. */
  Applied apply(User user, UnitOfWork unit, Instant now);

  /** The step that undoes this one when an offboarding is restored; empty when nothing does. */
  Optional<Planned> undo(Restoring restoring);
}
