package dev.accountadmin.domain;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Typed facts about a step's change; the edge maps each to its proto message through a
 * {@link Visitor}, so a new kind of details does not compile until every edge maps it (Java 17
 * has no pattern switch over sealed types).
 */
public sealed interface StepDetails {

  /** One method per kind of details. */
  interface Visitor<R> {
    R none();

    R passwordReset(PasswordReset details);

    R sessionsRevoked(SessionsRevoked details);

    R mailProtocols(MailProtocols details);

    R adminRoles(AdminRoles details);

    R lockoutCleared(LockoutCleared details);

    R restriction(Restriction details);

    R devicesWiped(DevicesWiped details);

    R devicesBlocked(DevicesBlocked details);

    R groupMemberships(GroupMemberships details);

    R licences(Licences details);

    R authMethods(AuthMethods details);

    R reregistration(Reregistration details);
    R deletion(Deletion details);

    R filesAccess(FilesAccess details);

    R forwarding(MailboxForwarding details);

    R autoReplies(MailboxAutoReplies details);

    R sharedMailbox(SharedMailbox details);

    R addressList(AddressList details);

    R litigationHold(LitigationHold details);

    R inboxRules(InboxRules details);
  }

  <R> R accept(Visitor<R> visitor);

  /** No details. */
  record None() implements StepDetails {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.none();
    }
  }

  /** A password reset; {@code temporaryPassword} is returned once and never stored. */
  record PasswordReset(String temporaryPassword, boolean changeRequired, boolean undisclosed) implements StepDetails {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.passwordReset(this);
    }

    @Override
    public String toString() {
      return "PasswordReset[changeRequired=" + changeRequired + ", undisclosed=" + undisclosed + "]";
    }
  }

  /** Sessions revoked, and how long access tokens issued before stay valid where nobody checks. */
  record SessionsRevoked(int count, Instant accessTokensValidUntil) implements StepDetails {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.sessionsRevoked(this);
    }
  }

  /** Mail protocols before and after. */
  record MailProtocols(Set<MailProtocol> before, Set<MailProtocol> after) implements StepDetails {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.mailProtocols(this);
    }
  }

  /** Admin roles before and after. */
  record AdminRoles(Set<Role> before, Set<Role> after) implements StepDetails {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.adminRoles(this);
    }
  }

  /** A lockout cleared. */
  record LockoutCleared(int failedAttempts, Instant lockedUntil) implements StepDetails {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.lockoutCleared(this);
    }
  }

  /** A sending restriction set or lifted. */
  record Restriction(SendingRestriction.Reason reason, int liftCount) implements StepDetails {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.restriction(this);
    }
  }

  /** One device's wipe: requested when, and acknowledged when (null while PENDING or CANCELLED). */
  record DeviceWipe(String deviceId, String model, DeviceWipeState state, Instant requestedAt, Instant confirmedAt) {}

  /** Wipes asked for (PENDING, or CONFIRMED from before), or withdrawn by restore (CANCELLED, or CONFIRMED: not undone). */
  record DevicesWiped(java.util.List<DeviceWipe> devices) implements StepDetails {
    public DevicesWiped {
      devices = java.util.List.copyOf(devices);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.devicesWiped(this);
    }
  }

  /** Devices blocked ({@code blocked}) or unblocked by restore. */
  record DevicesBlocked(java.util.List<String> deviceIds, boolean blocked) implements StepDetails {
    public DevicesBlocked {
      deviceIds = java.util.List.copyOf(deviceIds);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.devicesBlocked(this);
    }
  }

  /**
   * Groups a user left or rejoined, by name: {@code memberOf} as a member, {@code ownerOf} as an
   * owner; {@code leftWithoutOwner} are groups whose last owner the user was, now ownerless.
   */
  record GroupMemberships(List<String> memberOf, List<String> ownerOf, List<String> leftWithoutOwner)
      implements StepDetails {
    public GroupMemberships {
      memberOf = List.copyOf(memberOf);
      ownerOf = List.copyOf(ownerOf);
      leftWithoutOwner = List.copyOf(leftWithoutOwner);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.groupMemberships(this);
    }
  }

  /**
   * Licences removed or re-assigned, by product name; {@code withoutFreeSeat} are those restore
   * could not re-assign because every seat is taken.
   */
  record Licences(List<String> licences, List<String> withoutFreeSeat) implements StepDetails {
    public Licences {
      licences = List.copyOf(licences);
      withoutFreeSeat = List.copyOf(withoutFreeSeat);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.licences(this);
    }
  }

  /**
   * Authentication methods removed or given back, by kind; {@code notRestorable} those restore
   * cannot give back (a secret is gone for good), and whether the user must register again.
   */
  record AuthMethods(List<MethodKind> methods, List<MethodKind> notRestorable, boolean reregistrationRequired)
      implements StepDetails {
    public AuthMethods {
      methods = List.copyOf(methods);
      notRestorable = List.copyOf(notRestorable);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.authMethods(this);
    }
  }

  /** A re-registration requirement set or lifted; {@code methods} the user's registered methods then. */
  record Reregistration(List<MethodKind> methods) implements StepDetails {
    public Reregistration {
      methods = List.copyOf(methods);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.reregistration(this);
    }
  }

  /**
   * An account deleted (or, for restore, brought back): when it was deleted and until when it can
   * be restored; both null when restore found it not deleted.
   */
  record Deletion(Instant deletedAt, Instant purgeAt) implements StepDetails {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.deletion(this);
    }
  }

  /** Who was given access to the user's files (or lost it again by restore), by user name. */
  record FilesAccess(List<String> grantees) implements StepDetails {
    public FilesAccess {
      grantees = List.copyOf(grantees);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.filesAccess(this);
    }
  }

  /** Forwarding set, restored or removed: its target (null: none) and whether the mailbox keeps a copy. */
  record MailboxForwarding(UserName target, boolean keepCopy) implements StepDetails {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.forwarding(this);
    }
  }

  /** Automatic replies after the step; null when they are off. */
  record MailboxAutoReplies(AutoReplies replies) implements StepDetails {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.autoReplies(this);
    }
  }

  /** The mailbox's type after the step, and the delegates it gave (or took back) full access. */
  record SharedMailbox(boolean shared, List<UserName> delegates) implements StepDetails {
    public SharedMailbox {
      delegates = List.copyOf(delegates);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.sharedMailbox(this);
    }
  }

  /** Whether the mailbox is hidden from the address list after the step. */
  record AddressList(boolean hidden) implements StepDetails {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.addressList(this);
    }
  }

  /** A litigation hold placed (since when) or removed. */
  record LitigationHold(boolean onHold, Instant since) implements StepDetails {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.litigationHold(this);
    }
  }

  /**
   * Inbox rules removed (or, for restore, removed earlier and gone for good), and how many of the
   * user's rules the step left in place because they neither forward, redirect nor delete.
   */
  record InboxRules(List<InboxRule> rules, int keptCount) implements StepDetails {
    public InboxRules {
      rules = List.copyOf(rules);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.inboxRules(this);
    }
  }

  StepDetails NONE = new None();
}
