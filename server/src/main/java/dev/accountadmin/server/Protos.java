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
import dev.accountadmin.v1.StepKind;
import dev.accountadmin.v1.StepOutcome;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Conversion between the domain and {@code accountadmin.v1}, in one place. Domain enum names are
 * the proto names without their prefix.
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
        .setEtag(Long.toString(u.version()));
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
          .setReason(SendingRestrictionReason.valueOf("SENDING_RESTRICTION_REASON_" + r.reason().name()))
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
        .setKind(StepKind.valueOf("STEP_KIND_" + step.kind().name()))
        .setOutcome(StepOutcome.valueOf("STEP_OUTCOME_" + step.outcome().name()))
        .addAllRequiredRoles(roles(step.requiredRoles()));
    if (step.effectiveAt() != null) {
      proto.setEffectiveTime(timestamp(step.effectiveAt()));
    }
    if (step.error() != null) {
      proto.setError(StepError.newBuilder()
          .setReason(step.error().reason().name())
          .putAllMetadata(step.error().metadata()));
    }
    var details = dev.accountadmin.v1.StepDetails.newBuilder();
    // Java 17 has no pattern switch; the sealed interface keeps this chain complete by review.
    var d = step.details();
    if (d instanceof StepDetails.PasswordReset p) {
      var reset = PasswordResetDetails.newBuilder()
          .setTemporaryPassword(p.temporaryPassword() == null ? "" : p.temporaryPassword())
          .setChangeRequired(p.changeRequired())
          .setUndisclosed(p.undisclosed());
      if (p.temporaryPassword() != null) {
        var messages = Messages.of(java.util.Locale.forLanguageTag(user.preferredLanguage()), java.time.ZoneOffset.UTC);
        reset.setUserNotice(dev.accountadmin.v1.UserNotice.newBuilder()
            .setLanguageCode(messages.locale().toLanguageTag())
            .setText(messages.render("notice.temporaryPassword",
                java.util.Map.of("user", user.name().value(), "password", p.temporaryPassword()))));
      }
      details.setPasswordReset(reset);
    } else if (d instanceof StepDetails.SessionsRevoked s) {
      var revoked = SessionsRevokedDetails.newBuilder().setRevokedSessionCount(s.count());
      if (s.accessTokensValidUntil() != null) {
        revoked.setAccessTokensValidUntil(timestamp(s.accessTokensValidUntil()));
      }
      details.setSessionsRevoked(revoked);
    } else if (d instanceof StepDetails.MailProtocols m) {
      details.setMailProtocols(MailProtocolsDetails.newBuilder()
          .addAllBefore(protocols(m.before())).addAllAfter(protocols(m.after())));
    } else if (d instanceof StepDetails.AdminRoles r) {
      details.setAdminRoles(AdminRolesDetails.newBuilder()
          .addAllBefore(roles(r.before())).addAllAfter(roles(r.after())));
    } else if (d instanceof StepDetails.LockoutCleared l) {
      var cleared = LockoutClearedDetails.newBuilder().setFailedAttempts(l.failedAttempts());
      if (l.lockedUntil() != null) {
        cleared.setLockedUntil(timestamp(l.lockedUntil()));
      }
      details.setLockoutCleared(cleared);
    } else if (d instanceof StepDetails.Restriction r) {
      details.setSendingRestriction(SendingRestrictionDetails.newBuilder()
          .setReason(r.reason() == null ? SendingRestrictionReason.SENDING_RESTRICTION_REASON_UNSPECIFIED
              : SendingRestrictionReason.valueOf("SENDING_RESTRICTION_REASON_" + r.reason().name()))
          .setRestrictionLiftCount(r.liftCount()));
    }
    if (!(step.details() instanceof StepDetails.None)) {
      proto.setDetails(details);
    }
    return proto.build();
  }

  static List<AdminRole> roles(Collection<Role> roles) {
    return roles.stream().sorted().map(r -> AdminRole.valueOf("ADMIN_ROLE_" + r.name())).toList();
  }

  static List<dev.accountadmin.v1.MailProtocol> protocols(Collection<MailProtocol> protocols) {
    return protocols.stream().sorted()
        .map(p -> dev.accountadmin.v1.MailProtocol.valueOf("MAIL_PROTOCOL_" + p.name())).toList();
  }

  /** Roles from a request; an unspecified or unknown value is a field violation. */
  static Set<Role> roles(String field, List<AdminRole> roles) {
    var set = EnumSet.noneOf(Role.class);
    for (var role : roles) {
      if (role == AdminRole.ADMIN_ROLE_UNSPECIFIED || role == AdminRole.UNRECOGNIZED) {
        throw DirectoryException.invalid(new FieldViolation(field, "UNSPECIFIED_ENUM", java.util.Map.of("field", field)));
      }
      set.add(Role.valueOf(role.name().substring("ADMIN_ROLE_".length())));
    }
    return set;
  }

  /** Mail protocols from a request; an unspecified or unknown value is a field violation. */
  static Set<MailProtocol> protocols(String field, List<dev.accountadmin.v1.MailProtocol> protocols) {
    var set = EnumSet.noneOf(MailProtocol.class);
    for (var protocol : protocols) {
      if (protocol == dev.accountadmin.v1.MailProtocol.MAIL_PROTOCOL_UNSPECIFIED || protocol == dev.accountadmin.v1.MailProtocol.UNRECOGNIZED) {
        throw DirectoryException.invalid(new FieldViolation(field, "UNSPECIFIED_ENUM", java.util.Map.of("field", field)));
      }
      set.add(MailProtocol.valueOf(protocol.name().substring("MAIL_PROTOCOL_".length())));
    }
    return set;
  }

  static ClientApp clientApp(String field, dev.accountadmin.v1.ClientApp app) {
    if (app == dev.accountadmin.v1.ClientApp.CLIENT_APP_UNSPECIFIED || app == dev.accountadmin.v1.ClientApp.UNRECOGNIZED) {
      throw DirectoryException.invalid(new FieldViolation(field, "UNSPECIFIED_ENUM", java.util.Map.of("field", field)));
    }
    return ClientApp.valueOf(app.name().substring("CLIENT_APP_".length()));
  }

  static dev.accountadmin.v1.ProcedureResult toProto(ProcedureResult r) {
    var proto = dev.accountadmin.v1.ProcedureResult.newBuilder()
        .setProcedure(dev.accountadmin.v1.Procedure.valueOf("PROCEDURE_" + r.procedure().name()))
        .setUser(r.user().name().resourceName())
        .setValidateOnly(r.validateOnly())
        .setCompleteTime(timestamp(r.completedAt()));
    r.steps().forEach(step -> proto.addSteps(toProto(step, r.user())));
    r.recommendations().forEach(rec -> proto.addRecommendations(
        dev.accountadmin.v1.Recommendation.valueOf("RECOMMENDATION_" + rec.name())));
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
        .setAction(dev.accountadmin.v1.Action.valueOf("ACTION_" + r.action().name()))
        .setTarget(r.target())
        .setRequestId(r.requestId())
        .setOutcome(dev.accountadmin.v1.AuditOutcome.valueOf("AUDIT_OUTCOME_" + r.outcome().name()))
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
