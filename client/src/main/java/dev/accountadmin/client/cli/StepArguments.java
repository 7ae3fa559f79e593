package dev.accountadmin.client.cli;

import dev.accountadmin.i18n.Messages;
import dev.accountadmin.v1.AdminRole;
import dev.accountadmin.v1.DeviceWipe;
import dev.accountadmin.v1.DeviceWipeState;
import dev.accountadmin.v1.StepKind;
import dev.accountadmin.v1.StepOutcome;
import dev.accountadmin.v1.StepResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The bundle key and arguments of a step's line, from the step's typed result: every argument
 * any {@code step.<KIND>.<OUTCOME>} message takes gets a value, so no line ever shows a raw
 * {@code {placeholder}} — a detail the server left out renders as zero, an empty list, or now.
 * Public so that the web portal says each step in the same words as the CLI.
 */
public final class StepArguments {
  private StepArguments() {}

  /** Steps whose ALREADY_DONE state the server dates (a restriction's start, a password change). */
  private static final java.util.Set<StepKind> DATED_WHEN_ALREADY_DONE =
      java.util.EnumSet.of(StepKind.STEP_KIND_RESTRICT_SENDING, StepKind.STEP_KIND_RESET_PASSWORD);

  /**
   * {@code step.<KIND>.<OUTCOME>}; a mail-protocol change is said by what it changes: offboarding
   * turns protocols off (every one of them has its own sentence), restore turns them back on, and
   * {@code mail-protocols} may do both; an already-done step the server dates says since when.
   */
  public static String key(StepResult step) {
    var kind = ApiNames.of(step.getKind());
    var outcome = ApiNames.of(step.getOutcome());
    boolean changes = step.getOutcome() == StepOutcome.STEP_OUTCOME_DONE || step.getOutcome() == StepOutcome.STEP_OUTCOME_PLANNED;
    if (step.getKind() == StepKind.STEP_KIND_SET_MAIL_PROTOCOLS && changes && step.getDetails().hasMailProtocols()) {
      var protocols = step.getDetails().getMailProtocols();
      boolean on = !minus(protocols.getAfterList(), protocols.getBeforeList()).isEmpty();
      boolean off = !minus(protocols.getBeforeList(), protocols.getAfterList()).isEmpty();
      if (on) {
        return "step." + kind + "." + outcome + (off ? "_BOTH" : "_ENABLED");
      }
      if (step.getOutcome() == StepOutcome.STEP_OUTCOME_DONE && protocols.getAfterCount() == 0) {
        return "step." + kind + ".DONE_ALL_DISABLED";
      }
    }
    // Leaving a group ownerless is a warning of its own sentence; so is a licence restore would
    // not find a free seat for.
    if (step.getKind() == StepKind.STEP_KIND_REMOVE_GROUP_MEMBERSHIPS && changes
        && step.getDetails().getGroupMemberships().getOwnerlessGroupsCount() > 0) {
      return "step." + kind + "." + outcome + "_OWNERLESS";
    }
    // What restore cannot give back is a sentence of its own.
    if (step.getKind() == StepKind.STEP_KIND_RESTORE_AUTH_METHODS && changes
        && step.getDetails().getAuthMethods().getNotRestorableCount() > 0) {
      return "step." + kind + "." + outcome + "_NOT_RESTORABLE";
    }
    if (step.getKind() == StepKind.STEP_KIND_RESTORE_LICENCES && step.getOutcome() == StepOutcome.STEP_OUTCOME_PLANNED
        && step.getDetails().getLicences().getLicencesWithoutFreeSeatCount() > 0) {
      return "step." + kind + ".PLANNED_WITHOUT_FREE_SEAT";
    }
    // Automatic replies that end at a time the admin gave say between which times they answer.
    if ((step.getKind() == StepKind.STEP_KIND_SET_AUTO_REPLIES) && changes
        && step.getDetails().getAutomaticReplies().getReplies().hasEndTime()) {
      return "step." + kind + "." + outcome + "_WINDOW";
    }
    // An already-done step whose state the server dates says since when.
    if (step.getOutcome() == StepOutcome.STEP_OUTCOME_ALREADY_DONE && step.hasEffectiveTime()
        && DATED_WHEN_ALREADY_DONE.contains(step.getKind())) {
      return "step." + kind + ".ALREADY_DONE_SINCE";
    }
    return "step." + kind + "." + outcome;
  }

  public static Map<String, Object> of(Messages m, String user, StepResult step, Instant now) {
    var details = step.getDetails();
    var args = new HashMap<String, Object>();
    args.put("user", user);
    args.put("effectiveTime", step.hasEffectiveTime() ? Render.instant(step.getEffectiveTime()) : now);
    args.put("requiredRoles", new Messages.Alternatives(Render.roles(m, step.getRequiredRolesList())));
    // A step without counterpart names the directory that has none.
    args.put("directory", step.hasError() ? step.getError().getMetadataOrDefault("directory", "") : "");
    args.put("error", step.hasError() ? m.renderError(step.getError().getReason(), step.getError().getMetadataMap()) : "");

    var sessions = details.getSessionsRevoked();
    args.put("revokedSessionCount", sessions.getRevokedSessionCount());
    args.put("accessTokensValidUntilTime",
        sessions.hasAccessTokensValidUntil() ? Render.instant(sessions.getAccessTokensValidUntil()) : now);

    var protocols = details.getMailProtocols();
    args.put("disabledProtocols", Render.protocols(m, minus(protocols.getBeforeList(), protocols.getAfterList())));
    args.put("enabledProtocols", Render.protocols(m, protocols.getAfterList()));
    args.put("turnedOnProtocols", Render.protocols(m, minus(protocols.getAfterList(), protocols.getBeforeList())));

    var roles = details.getAdminRoles();
    List<AdminRole> changed = step.getKind() == StepKind.STEP_KIND_ASSIGN_ADMIN_ROLES
        ? minus(roles.getAfterList(), roles.getBeforeList())
        : minus(roles.getBeforeList(), roles.getAfterList());
    // A review changes nothing: it shows the roles the user holds.
    args.put("roles", Render.roles(m, step.getKind() == StepKind.STEP_KIND_REVIEW_ADMIN_ROLES ? roles.getBeforeList() : changed));

    args.put("failedAttempts", details.getLockoutCleared().getFailedAttempts());

    var restriction = details.getSendingRestriction();
    args.put("restrictionLiftCount", restriction.getRestrictionLiftCount());
    // A restriction set by hand is a compromise (the server's only manual reason).
    var reason = restriction.getReason().getNumber() > 0
        ? ApiNames.of(restriction.getReason()) : "COMPROMISED";
    args.put("restrictionReason", m.label("restrictionReason", reason));

    // Device wipes by their honest state: a PENDING wipe is never counted as done.
    var wipes = details.getDevicesWiped().getDevicesList();
    args.put("pendingCount", wipes.stream().filter(w -> w.getState() == DeviceWipeState.DEVICE_WIPE_STATE_PENDING).count());
    args.put("confirmedCount", wipes.stream().filter(w -> w.getState() == DeviceWipeState.DEVICE_WIPE_STATE_CONFIRMED).count());
    args.put("cancelledCount", wipes.stream().filter(w -> w.getState() == DeviceWipeState.DEVICE_WIPE_STATE_CANCELLED).count());
    var blocked = details.getDevicesBlocked().getDeviceIdsList();
    args.put("deviceCount", details.hasDevicesWiped() ? wipes.size() : blocked.size());
    args.put("devices", details.hasDevicesWiped() ? wipes.stream().map(DeviceWipe::getDeviceId).toList() : blocked);
    // Groups: one list of the groups left or rejoined, as a member, an owner or both.
    var groups = details.getGroupMemberships();
    var groupNames = new java.util.LinkedHashSet<String>(groups.getMemberGroupsList());
    groupNames.addAll(groups.getOwnedGroupsList());
    args.put("groupCount", groupNames.size());
    args.put("groups", List.copyOf(groupNames));
    args.put("ownerlessGroupCount", groups.getOwnerlessGroupsCount());
    args.put("ownerlessGroups", groups.getOwnerlessGroupsList());

    var licences = details.getLicences();
    args.put("licenceCount", licences.getLicencesCount());
    args.put("licences", licences.getLicencesList());
    args.put("fullLicenceCount", licences.getLicencesWithoutFreeSeatCount());
    args.put("fullLicences", licences.getLicencesWithoutFreeSeatList());
    // Authentication methods, by kind, one entry each (two app passwords are two).
    var methods = details.hasReregistration() ? details.getReregistration().getMethodsList()
        : details.getAuthMethods().getMethodsList();
    args.put("methodCount", methods.size());
    args.put("methods", methods.stream().map(k -> m.label("methodKind", ApiNames.of(k))).toList());
    var lost = details.getAuthMethods().getNotRestorableList();
    args.put("notRestorableCount", lost.size());
    args.put("notRestorable", lost.stream().map(k -> m.label("methodKind", ApiNames.of(k))).toList());
    args.put("reregistration", details.getAuthMethods().getReregistrationRequired() ? "yes" : "no");

    var deletion = details.getDeletion();
    args.put("purgeTime", deletion.hasPurgeTime() ? Render.instant(deletion.getPurgeTime()) : now);
    var grantees = details.getFilesAccess().getGranteesList().stream().map(g -> g.substring(g.indexOf('/') + 1)).toList();
    args.put("granteeCount", grantees.size());
    args.put("grantees", grantees);

    // The mailbox: forwarding, automatic replies, shared mailbox, hold, inbox rules.
    var forwarding = details.getForwarding();
    args.put("forwardingTarget", forwarding.getTarget());
    args.put("forwarding", forwarding.getTarget().isEmpty() ? "off" : "on");
    args.put("keepCopy", forwarding.getKeepCopy() ? "yes" : "no");
    var replies = details.getAutomaticReplies();
    args.put("autoReplies", replies.hasReplies() ? "on" : "off");
    var start = replies.getReplies().hasStartTime() ? Render.instant(replies.getReplies().getStartTime())
        : args.get("effectiveTime");
    args.put("autoReplyStartTime", start);
    args.put("autoReplyEndTime", replies.getReplies().hasEndTime() ? Render.instant(replies.getReplies().getEndTime()) : now);
    var shared = details.getSharedMailbox();
    args.put("delegateCount", shared.getDelegatesCount());
    args.put("delegates", shared.getDelegatesList());
    var hold = details.getLitigationHold();
    args.put("holdTime", hold.hasHoldTime() ? Render.instant(hold.getHoldTime()) : now);
    var rules = details.getInboxRules();
    args.put("ruleCount", rules.getRulesCount());
    args.put("rules", rules.getRulesList().stream().map(dev.accountadmin.v1.InboxRule::getName).toList());
    args.put("keptRuleCount", rules.getKeptRuleCount());
    return args;
  }

  private static <T> List<T> minus(List<T> from, List<T> removed) {
    var left = new ArrayList<>(from);
    left.removeAll(removed);
    return left;
  }
}
