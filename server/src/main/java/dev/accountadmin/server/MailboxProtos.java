package dev.accountadmin.server;

import dev.accountadmin.domain.AutoReplies;
import dev.accountadmin.domain.InboxRule;
import dev.accountadmin.domain.MailboxView;
import dev.accountadmin.domain.StepDetails;
import dev.accountadmin.domain.UserName;
import dev.accountadmin.failure.DirectoryException;
import dev.accountadmin.failure.FieldViolation;
import dev.accountadmin.v1.AddressListDetails;
import dev.accountadmin.v1.AutomaticReplies;
import dev.accountadmin.v1.AutomaticRepliesDetails;
import dev.accountadmin.v1.ForwardingDetails;
import dev.accountadmin.v1.InboxRulesDetails;
import dev.accountadmin.v1.LitigationHoldDetails;
import dev.accountadmin.v1.MailboxForwarding;
import dev.accountadmin.v1.MailboxSettings;
import dev.accountadmin.v1.SharedMailboxDetails;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Mailbox settings, inbox rules and the mailbox steps' details, between the domain and {@code accountadmin.v1}. */
final class MailboxProtos {
  static final int MAX_RULE_TEXT = 256;

  private MailboxProtos() {}

  static MailboxSettings toProto(MailboxView view) {
    var m = view.mailbox();
    var proto = MailboxSettings.newBuilder()
        .setName(view.user().name().resourceName())
        .setShared(m.shared())
        .addAllDelegates(view.delegates().stream().map(d -> d.name().value()).toList())
        .setHiddenFromAddressList(m.hidden())
        .setFlaggedInboxRuleCount((int) view.rules().stream().filter(InboxRule::flagged).count());
    if (m.forwarding() != null) {
      proto.setForwarding(MailboxForwarding.newBuilder().setTarget(m.forwarding().target().value())
          .setKeepCopy(m.forwarding().keepCopy()));
    }
    if (m.autoReplies() != null) {
      proto.setAutomaticReplies(toProto(m.autoReplies()));
    }
    if (m.litigationHoldSince() != null) {
      proto.setLitigationHoldTime(Protos.timestamp(m.litigationHoldSince()));
    }
    return proto.build();
  }

  static AutomaticReplies toProto(AutoReplies replies) {
    var proto = AutomaticReplies.newBuilder().setInternalMessage(replies.internalMessage())
        .setExternalMessage(replies.externalMessage());
    if (replies.start() != null) {
      proto.setStartTime(Protos.timestamp(replies.start()));
    }
    if (replies.end() != null) {
      proto.setEndTime(Protos.timestamp(replies.end()));
    }
    return proto.build();
  }

  static dev.accountadmin.v1.InboxRule toProto(InboxRule rule) {
    return dev.accountadmin.v1.InboxRule.newBuilder().setId(rule.id()).setName(rule.name())
        .setSubjectContains(rule.subjectContains()).setForwardTo(rule.forwardTo()).setRedirectTo(rule.redirectTo())
        .setDeleteMessage(rule.delete()).setMoveToFolder(rule.moveToFolder())
        .setCreateTime(Protos.timestamp(rule.createdAt())).setFlagged(rule.flagged()).build();
  }

  /** Automatic replies from request field {@code field}: an internal message is required, the window in order. */
  static AutoReplies fromProto(String field, AutomaticReplies proto) {
    var violations = new ArrayList<FieldViolation>();
    if (proto.getInternalMessage().isBlank()) {
      violations.add(FieldViolation.required(field + ".internal_message"));
    }
    text(violations, field + ".internal_message", proto.getInternalMessage(), AutoReplies.MAX_MESSAGE, true);
    text(violations, field + ".external_message", proto.getExternalMessage(), AutoReplies.MAX_MESSAGE, true);
    var start = proto.hasStartTime() ? Protos.instant(field + ".start_time", proto.getStartTime()) : null;
    var end = proto.hasEndTime() ? Protos.instant(field + ".end_time", proto.getEndTime()) : null;
    if (start != null && end != null && !end.isAfter(start)) {
      violations.add(new FieldViolation(field + ".end_time", "END_BEFORE_START",
          Map.of("field", field + ".end_time", "startTime", start.toString(), "endTime", end.toString())));
    }
    if (!violations.isEmpty()) {
      throw DirectoryException.invalid(violations);
    }
    return new AutoReplies(proto.getInternalMessage(), proto.getExternalMessage(), start, end);
  }

  /** A rule as a user asks for it, from request field {@code field}: a name and at least one action. */
  static void validate(String field, dev.accountadmin.v1.InboxRule rule) {
    var violations = new ArrayList<FieldViolation>();
    if (rule.getName().isBlank()) {
      violations.add(FieldViolation.required(field + ".name"));
    }
    text(violations, field + ".name", rule.getName(), MAX_RULE_TEXT, false);
    text(violations, field + ".subject_contains", rule.getSubjectContains(), MAX_RULE_TEXT, false);
    text(violations, field + ".move_to_folder", rule.getMoveToFolder(), MAX_RULE_TEXT, false);
    for (var address : List.of(Map.entry("forward_to", rule.getForwardTo()), Map.entry("redirect_to", rule.getRedirectTo()))) {
      if (!address.getValue().isEmpty()) {
        try {
          UserName.parse(field + "." + address.getKey(), address.getValue());
        } catch (DirectoryException e) {
          violations.addAll(e.violations());
        }
      }
    }
    if (rule.getForwardTo().isEmpty() && rule.getRedirectTo().isEmpty() && !rule.getDeleteMessage()
        && rule.getMoveToFolder().isEmpty()) {
      violations.add(new FieldViolation(field, "NO_RULE_ACTION", Map.of("field", field)));
    }
    if (!violations.isEmpty()) {
      throw DirectoryException.invalid(violations);
    }
  }

  // Messages may hold line breaks; names and folders may not.
  private static void text(List<FieldViolation> violations, String field, String value, int max, boolean multiline) {
    if (value.length() > max) {
      violations.add(new FieldViolation(field, "TOO_LONG", Map.of("field", field, "max", Integer.toString(max))));
    }
    if (value.chars().anyMatch(c -> Character.isISOControl(c) && !(multiline && (c == '\n' || c == '\r' || c == '\t')))) {
      violations.add(FieldViolation.controlCharacters(field));
    }
  }

  static dev.accountadmin.v1.StepDetails forwarding(StepDetails.MailboxForwarding f) {
    return dev.accountadmin.v1.StepDetails.newBuilder().setForwarding(ForwardingDetails.newBuilder()
        .setTarget(f.target() == null ? "" : f.target().value()).setKeepCopy(f.keepCopy())).build();
  }

  static dev.accountadmin.v1.StepDetails autoReplies(StepDetails.MailboxAutoReplies a) {
    var details = AutomaticRepliesDetails.newBuilder();
    if (a.replies() != null) {
      details.setReplies(toProto(a.replies()));
    }
    return dev.accountadmin.v1.StepDetails.newBuilder().setAutomaticReplies(details).build();
  }

  static dev.accountadmin.v1.StepDetails sharedMailbox(StepDetails.SharedMailbox s) {
    return dev.accountadmin.v1.StepDetails.newBuilder().setSharedMailbox(SharedMailboxDetails.newBuilder()
        .setShared(s.shared()).addAllDelegates(s.delegates().stream().map(UserName::value).toList())).build();
  }

  static dev.accountadmin.v1.StepDetails addressList(StepDetails.AddressList a) {
    return dev.accountadmin.v1.StepDetails.newBuilder().setAddressList(AddressListDetails.newBuilder().setHidden(a.hidden()))
        .build();
  }

  static dev.accountadmin.v1.StepDetails litigationHold(StepDetails.LitigationHold h) {
    var details = LitigationHoldDetails.newBuilder().setOnHold(h.onHold());
    if (h.since() != null) {
      details.setHoldTime(Protos.timestamp(h.since()));
    }
    return dev.accountadmin.v1.StepDetails.newBuilder().setLitigationHold(details).build();
  }

  static dev.accountadmin.v1.StepDetails inboxRules(StepDetails.InboxRules r) {
    return dev.accountadmin.v1.StepDetails.newBuilder().setInboxRules(InboxRulesDetails.newBuilder()
        .addAllRules(r.rules().stream().map(MailboxProtos::toProto).toList()).setKeptRuleCount(r.keptCount())).build();
  }
}
