package dev.accountadmin.server;

import com.google.protobuf.Timestamp;
import dev.accountadmin.i18n.Messages;
import dev.accountadmin.domain.AuditRecord;
import dev.accountadmin.domain.ClientApp;
import dev.accountadmin.failure.DirectoryException;
import dev.accountadmin.failure.FieldViolation;
import dev.accountadmin.domain.MailProtocol;
import dev.accountadmin.domain.ProcedureResult;
import dev.accountadmin.domain.Role;
import dev.accountadmin.domain.StepDetails;
import dev.accountadmin.domain.StepResult;
import dev.accountadmin.domain.User;
import dev.accountadmin.domain.UserLifecycle;
import dev.accountadmin.v1.AdminRole;
import dev.accountadmin.v1.AdminRolesDetails;
import dev.accountadmin.v1.Lockout;
import dev.accountadmin.v1.LockoutClearedDetails;
import dev.accountadmin.v1.Mailbox;
import dev.accountadmin.v1.MailProtocolsDetails;
import dev.accountadmin.v1.PasswordResetDetails;
import dev.accountadmin.v1.SendingRestriction;
import dev.accountadmin.v1.SendingRestrictionDetails;
import dev.accountadmin.v1.SendingRestrictionReason;
import dev.accountadmin.v1.SessionsRevokedDetails;
import dev.accountadmin.v1.StepError;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Conversion between the domain and {@code accountadmin.v1}, in one place; enums go through
 * {@link ProtoEnums}.
 */
final class Protos {
  private Protos() {}

  static dev.accountadmin.v1.User toProto(User u, int activeSessions, Instant now) {
    var proto = dev.accountadmin.v1.User.newBuilder()
        .setName(u.name().resourceName())
        .setUserPrincipalName(u.name().value())
        .setDisplayName(u.displayName())
        .setPreferredLanguage(u.preferredLanguage())
        .addAllAdminRoles(roles(u.roles()))
        .setSignInBlocked(u.signInBlocked())
        .setPasswordChangeRequired(u.passwordChangeRequired())
        .setActiveSessionCount(activeSessions)
        .setCreateTime(timestamp(u.createdAt()))
        .setUpdateTime(timestamp(u.updatedAt()))
        .setEtag(Long.toString(u.version()))
        .setDirectory(u.directory() == null ? "" : u.directory());
    var lockout = Lockout.newBuilder()
        .setLocked(u.lockedAt(now))
        .setFailedAttempts(u.failedAttempts())
        .setLockoutCount(u.lockoutCount());
    if (u.lockedAt(now)) {
      lockout.setLockedUntil(timestamp(u.lockedUntil()));
    }
    proto.setLockout(lockout);
    var mailbox = Mailbox.newBuilder()
        .addAllEnabledProtocols(protocols(u.enabledProtocols()))
        .setRestrictionLiftCount(u.restrictionLiftCount());
    if (u.restrictedAt(now)) {
      var r = u.restriction();
      var restriction = SendingRestriction.newBuilder()
          .setReason(ProtoEnums.toProto(r.reason()))
          .setRestrictTime(timestamp(r.restrictedAt()));
      if (r.expiresAt() != null) {
        restriction.setExpireTime(timestamp(r.expiresAt()));
      }
      mailbox.setSendingRestriction(restriction);
    }
    proto.setMailbox(mailbox);
    if (u.deletedAt() != null) {
      proto.setDeleteTime(timestamp(u.deletedAt()))
          .setPurgeTime(timestamp(u.deletedAt().plus(UserLifecycle.RESTORE_WINDOW)));
    }
    if (u.offboardedAt() != null) {
      proto.setOffboardTime(timestamp(u.offboardedAt()));
    }
    return proto.build();
  }

  /**
   * A step result; {@code user} is the user it ran on, whose preferred language any notice
   * addressed to them is written in.
   */
  static dev.accountadmin.v1.StepResult toProto(StepResult step, User user) {
    var proto = dev.accountadmin.v1.StepResult.newBuilder()
        .setNumber(step.number())
        .setKind(ProtoEnums.toProto(step.kind()))
        .setOutcome(ProtoEnums.toProto(step.outcome()))
        .addAllRequiredRoles(roles(step.requiredRoles()));
    if (step.effectiveAt() != null) {
      proto.setEffectiveTime(timestamp(step.effectiveAt()));
    }
    if (step.error() != null) {
      proto.setError(StepError.newBuilder()
          .setReason(step.error().reason().name())
          .putAllMetadata(step.error().metadata()));
    }
    var details = step.details().accept(new DetailsToProto(user));
    if (details != null) {
      proto.setDetails(details);
    }
    return proto.build();
  }

  /** A step's details as the API's message; none is null, so a step without details has none set. */
  private record DetailsToProto(User user) implements StepDetails.Visitor<dev.accountadmin.v1.StepDetails> {
    @Override
    public dev.accountadmin.v1.StepDetails none() {
      return null;
    }

    @Override
    public dev.accountadmin.v1.StepDetails passwordReset(StepDetails.PasswordReset p) {
      var reset = PasswordResetDetails.newBuilder()
          .setTemporaryPassword(p.temporaryPassword() == null ? "" : p.temporaryPassword())
          .setChangeRequired(p.changeRequired())
          .setUndisclosed(p.undisclosed());
      if (p.temporaryPassword() != null) {
        // The notice is for the user, so it is in their preferred language, not the caller's.
        var messages = Messages.of(java.util.Locale.forLanguageTag(user.preferredLanguage()), java.time.ZoneOffset.UTC);
        reset.setUserNotice(dev.accountadmin.v1.UserNotice.newBuilder()
            .setLanguageCode(messages.locale().toLanguageTag())
            .setText(messages.render("notice.temporaryPassword",
                java.util.Map.of("user", user.name().value(), "password", p.temporaryPassword()))));
      }
      return dev.accountadmin.v1.StepDetails.newBuilder().setPasswordReset(reset).build();
    }

    @Override
    public dev.accountadmin.v1.StepDetails sessionsRevoked(StepDetails.SessionsRevoked s) {
      var revoked = SessionsRevokedDetails.newBuilder().setRevokedSessionCount(s.count());
      if (s.accessTokensValidUntil() != null) {
        revoked.setAccessTokensValidUntil(timestamp(s.accessTokensValidUntil()));
      }
      return dev.accountadmin.v1.StepDetails.newBuilder().setSessionsRevoked(revoked).build();
    }

    @Override
    public dev.accountadmin.v1.StepDetails mailProtocols(StepDetails.MailProtocols m) {
      return dev.accountadmin.v1.StepDetails.newBuilder().setMailProtocols(MailProtocolsDetails.newBuilder()
          .addAllBefore(protocols(m.before())).addAllAfter(protocols(m.after()))).build();
    }

    @Override
    public dev.accountadmin.v1.StepDetails adminRoles(StepDetails.AdminRoles r) {
      return dev.accountadmin.v1.StepDetails.newBuilder().setAdminRoles(AdminRolesDetails.newBuilder()
          .addAllBefore(roles(r.before())).addAllAfter(roles(r.after()))).build();
    }

    @Override
    public dev.accountadmin.v1.StepDetails lockoutCleared(StepDetails.LockoutCleared l) {
      var cleared = LockoutClearedDetails.newBuilder().setFailedAttempts(l.failedAttempts());
      if (l.lockedUntil() != null) {
        cleared.setLockedUntil(timestamp(l.lockedUntil()));
      }
      return dev.accountadmin.v1.StepDetails.newBuilder().setLockoutCleared(cleared).build();
    }

    @Override
    public dev.accountadmin.v1.StepDetails devicesWiped(StepDetails.DevicesWiped w) {
      var wiped = dev.accountadmin.v1.DevicesWipedDetails.newBuilder();
      for (var device : w.devices()) {
        var wipe = dev.accountadmin.v1.DeviceWipe.newBuilder().setDeviceId(device.deviceId()).setModel(device.model())
            .setState(ProtoEnums.toProto(device.state()));
        if (device.requestedAt() != null) {
          wipe.setRequestedTime(timestamp(device.requestedAt()));
        }
        if (device.confirmedAt() != null) {
          wipe.setConfirmedTime(timestamp(device.confirmedAt()));
        }
        wiped.addDevices(wipe);
      }
      return dev.accountadmin.v1.StepDetails.newBuilder().setDevicesWiped(wiped).build();
    }

    @Override
    public dev.accountadmin.v1.StepDetails devicesBlocked(StepDetails.DevicesBlocked b) {
      return dev.accountadmin.v1.StepDetails.newBuilder().setDevicesBlocked(
          dev.accountadmin.v1.DevicesBlockedDetails.newBuilder().addAllDeviceIds(b.deviceIds())).build();
    }

    @Override
    public dev.accountadmin.v1.StepDetails restriction(StepDetails.Restriction r) {
      return dev.accountadmin.v1.StepDetails.newBuilder().setSendingRestriction(SendingRestrictionDetails.newBuilder()
          .setReason(r.reason() == null ? SendingRestrictionReason.SENDING_RESTRICTION_REASON_UNSPECIFIED
              : ProtoEnums.toProto(r.reason()))
          .setRestrictionLiftCount(r.liftCount())).build();
    }

    @Override
    public dev.accountadmin.v1.StepDetails groupMemberships(StepDetails.GroupMemberships g) {
      return dev.accountadmin.v1.StepDetails.newBuilder().setGroupMemberships(
          dev.accountadmin.v1.GroupMembershipsDetails.newBuilder()
              .addAllMemberGroups(g.memberOf()).addAllOwnedGroups(g.ownerOf())
              .addAllOwnerlessGroups(g.leftWithoutOwner())).build();
    }

    @Override
    public dev.accountadmin.v1.StepDetails licences(StepDetails.Licences l) {
      return dev.accountadmin.v1.StepDetails.newBuilder().setLicences(dev.accountadmin.v1.LicencesDetails.newBuilder()
          .addAllLicences(l.licences()).addAllLicencesWithoutFreeSeat(l.withoutFreeSeat())).build();
    }

    @Override
    public dev.accountadmin.v1.StepDetails authMethods(StepDetails.AuthMethods a) {
      return dev.accountadmin.v1.StepDetails.newBuilder().setAuthMethods(dev.accountadmin.v1.AuthMethodsDetails.newBuilder()
          .addAllMethods(a.methods().stream().map(ProtoEnums::toProto).toList())
          .addAllNotRestorable(a.notRestorable().stream().map(ProtoEnums::toProto).toList())
          .setReregistrationRequired(a.reregistrationRequired())).build();
    }

    @Override
    public dev.accountadmin.v1.StepDetails reregistration(StepDetails.Reregistration r) {
      return dev.accountadmin.v1.StepDetails.newBuilder().setReregistration(dev.accountadmin.v1.ReregistrationDetails
          .newBuilder().addAllMethods(r.methods().stream().map(ProtoEnums::toProto).toList())).build();
    }
    @Override
    public dev.accountadmin.v1.StepDetails deletion(StepDetails.Deletion d) {
      var deletion = dev.accountadmin.v1.DeletionDetails.newBuilder();
      if (d.deletedAt() != null) {
        deletion.setDeleteTime(timestamp(d.deletedAt()));
      }
      if (d.purgeAt() != null) {
        deletion.setPurgeTime(timestamp(d.purgeAt()));
      }
      return dev.accountadmin.v1.StepDetails.newBuilder().setDeletion(deletion).build();
    }

    @Override
    public dev.accountadmin.v1.StepDetails filesAccess(StepDetails.FilesAccess f) {
      return dev.accountadmin.v1.StepDetails.newBuilder().setFilesAccess(dev.accountadmin.v1.FilesAccessDetails.newBuilder()
          .addAllGrantees(f.grantees().stream().map(g -> "users/" + g).toList())).build();
    }

    @Override
    public dev.accountadmin.v1.StepDetails forwarding(StepDetails.MailboxForwarding f) {
      return MailboxProtos.forwarding(f);
    }

    @Override
    public dev.accountadmin.v1.StepDetails autoReplies(StepDetails.MailboxAutoReplies a) {
      return MailboxProtos.autoReplies(a);
    }

    @Override
    public dev.accountadmin.v1.StepDetails sharedMailbox(StepDetails.SharedMailbox s) {
      return MailboxProtos.sharedMailbox(s);
    }

    @Override
    public dev.accountadmin.v1.StepDetails addressList(StepDetails.AddressList a) {
      return MailboxProtos.addressList(a);
    }

    @Override
    public dev.accountadmin.v1.StepDetails litigationHold(StepDetails.LitigationHold h) {
      return MailboxProtos.litigationHold(h);
    }

    @Override
    public dev.accountadmin.v1.StepDetails inboxRules(StepDetails.InboxRules r) {
      return MailboxProtos.inboxRules(r);
    }
  }

  static dev.accountadmin.v1.AuthenticationMethod toProto(dev.accountadmin.domain.AuthMethod m) {
    var method = dev.accountadmin.v1.AuthenticationMethod.newBuilder().setId(m.id()).setKind(ProtoEnums.toProto(m.kind()))
        .setDisplayName(m.displayName());
    if (m.registeredAt() != null) {
      method.setRegisteredTime(timestamp(m.registeredAt()));
    }
    if (m.lastUsedAt() != null) {
      method.setLastUsedTime(timestamp(m.lastUsedAt()));
    }
    return method.build();
  }

  static dev.accountadmin.v1.MobileDevice toProto(dev.accountadmin.domain.Device d) {
    var device = dev.accountadmin.v1.MobileDevice.newBuilder().setDeviceId(d.deviceId()).setModel(d.model())
        .setFirstSyncTime(timestamp(d.firstSyncAt())).setLastSyncTime(timestamp(d.lastSyncAt()))
        .setBlocked(d.blocked());
    if (d.blocked()) {
      device.setBlockedTime(timestamp(d.blockedAt()));
    }
    if (d.wipeRequestedAt() != null) {
      device.setWipeState(ProtoEnums.toProto(d.wipeConfirmed()
          ? dev.accountadmin.domain.DeviceWipeState.CONFIRMED : dev.accountadmin.domain.DeviceWipeState.PENDING));
      device.setWipeRequestedTime(timestamp(d.wipeRequestedAt()));
    }
    if (d.wipeConfirmedAt() != null) {
      device.setWipeConfirmedTime(timestamp(d.wipeConfirmedAt()));
    }
    return device.build();
  }

  static List<AdminRole> roles(Collection<Role> roles) {
    return roles.stream().sorted().map(ProtoEnums::toProto).toList();
  }

  static List<dev.accountadmin.v1.MailProtocol> protocols(Collection<MailProtocol> protocols) {
    return protocols.stream().sorted()
        .map(ProtoEnums::toProto).toList();
  }

  /** Roles from a request; an unspecified or unknown value is a field violation. */
  static Set<Role> roles(String field, List<AdminRole> roles) {
    var set = EnumSet.noneOf(Role.class);
    for (var role : roles) {
      set.add(specified(field, ProtoEnums.fromProto(role)));
    }
    return set;
  }

  /** Mail protocols from a request; an unspecified or unknown value is a field violation. */
  static Set<MailProtocol> protocols(String field, List<dev.accountadmin.v1.MailProtocol> protocols) {
    var set = EnumSet.noneOf(MailProtocol.class);
    for (var protocol : protocols) {
      set.add(specified(field, ProtoEnums.fromProto(protocol)));
    }
    return set;
  }

  static ClientApp clientApp(String field, dev.accountadmin.v1.ClientApp app) {
    return specified(field, ProtoEnums.fromProto(app));
  }

  /** A value from request field {@code field}, which was unspecified or unknown if null. */
  static <E extends Enum<E>> E specified(String field, E value) {
    if (value == null) {
      throw DirectoryException.invalid(new FieldViolation(field, "UNSPECIFIED_ENUM", java.util.Map.of("field", field)));
    }
    return value;
  }

  static dev.accountadmin.v1.ProcedureResult toProto(ProcedureResult r) {
    var proto = dev.accountadmin.v1.ProcedureResult.newBuilder()
        .setProcedure(ProtoEnums.toProto(r.procedure()))
        .setUser(r.user().name().resourceName())
        .setValidateOnly(r.validateOnly())
        .setCompleteTime(timestamp(r.completedAt()))
        .setDirectory(r.user().directory() == null ? "" : r.user().directory());
    r.steps().forEach(step -> proto.addSteps(toProto(step, r.user())));
    r.recommendations().forEach(rec -> proto.addRecommendations(ProtoEnums.toProto(rec)));
    if (r.accessTokensValidUntil() != null && r.accessTokensValidUntil().isAfter(r.completedAt())) {
      var remaining = java.time.Duration.between(r.completedAt(), r.accessTokensValidUntil());
      proto.setResidualAccess(dev.accountadmin.v1.ResidualAccess.newBuilder()
          .setAccessTokensValidUntil(timestamp(r.accessTokensValidUntil()))
          .setRemaining(com.google.protobuf.Duration.newBuilder().setSeconds(remaining.getSeconds()).setNanos(remaining.getNano())));
    }
    return proto.build();
  }

  static dev.accountadmin.v1.AuditEvent toProto(AuditRecord r) {
    return dev.accountadmin.v1.AuditEvent.newBuilder()
        .setSequence(r.sequence())
        .setTime(timestamp(r.time()))
        .setActor(r.actor())
        .setClientAddress(r.clientAddress())
        .setAction(ProtoEnums.toProto(r.action()))
        .setTarget(r.target())
        .setRequestId(r.requestId())
        .setOutcome(ProtoEnums.toProto(r.outcome()))
        .putAllDetails(r.details())
        .setPreviousHash(r.previousHash())
        .setHash(r.hash())
        .build();
  }

  // google.protobuf.Timestamp's documented range: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z.
  static final long MIN_TIMESTAMP_SECONDS = -62_135_596_800L;
  static final long MAX_TIMESTAMP_SECONDS = 253_402_300_799L;

  /**
   * A time from request field {@code field}; seconds outside the Timestamp range, or nanos
   * outside 0 to 999,999,999, are field violations rather than an exception from java.time.
   */
  static Instant instant(String field, Timestamp t) {
    var violations = new java.util.ArrayList<FieldViolation>();
    if (t.getSeconds() < MIN_TIMESTAMP_SECONDS || t.getSeconds() > MAX_TIMESTAMP_SECONDS) {
      violations.add(FieldViolation.outOfRange(field + ".seconds", t.getSeconds(), MIN_TIMESTAMP_SECONDS, MAX_TIMESTAMP_SECONDS));
    }
    if (t.getNanos() < 0 || t.getNanos() > 999_999_999) {
      violations.add(FieldViolation.outOfRange(field + ".nanos", t.getNanos(), 0, 999_999_999));
    }
    if (!violations.isEmpty()) {
      throw DirectoryException.invalid(violations);
    }
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }

  static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
  }
}
