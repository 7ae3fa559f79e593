package dev.accountadmin.client.cli;

import com.google.protobuf.Timestamp;
import dev.accountadmin.v1.AutomaticReplies;
import dev.accountadmin.v1.ConvertToSharedMailboxRequest;
import dev.accountadmin.v1.ConvertToUserMailboxRequest;
import dev.accountadmin.v1.GetMailboxRequest;
import dev.accountadmin.v1.RemoveForwardingRequest;
import dev.accountadmin.v1.SetAddressListVisibilityRequest;
import dev.accountadmin.v1.SetAutomaticRepliesRequest;
import dev.accountadmin.v1.SetForwardingRequest;
import dev.accountadmin.v1.SetLitigationHoldRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code acctadmin mailbox USER}: the mailbox's settings; with one change option, that single step
 * (the offboarding guide's command for it): forwarding, automatic replies, shared mailbox and
 * delegates, address list, litigation hold.
 */
@Command(name = "mailbox", description = "Show a user's mailbox settings, or change one of them.")
final class MailboxCommand implements Callable<Integer> {
  /** One change per run: each is a step of its own, with its own result line. */
  static final class Change {
    @Option(names = "--forward-to", paramLabel = "TARGET", description = "Forward the email to this mailbox of the organization.")
    String forwardTo;

    @Option(names = "--no-forwarding", description = "Remove the email forwarding.")
    boolean noForwarding;

    @Option(names = "--auto-reply", paramLabel = "TEXT", description = "Turn on automatic replies with this message for colleagues.")
    String autoReply;

    @Option(names = "--no-auto-reply", description = "Turn automatic replies off.")
    boolean noAutoReply;

    @Option(names = "--shared", description = "Convert to a shared mailbox, which has no sign-in of its own.")
    boolean shared;

    @Option(names = "--user-mailbox", description = "Convert a shared mailbox back to a user mailbox; its delegates lose their access.")
    boolean userMailbox;

    @Option(names = "--hide-from-address-list", description = "Hide the mailbox from the global address list.")
    boolean hide;

    @Option(names = "--show-in-address-list", description = "List the mailbox in the global address list again.")
    boolean show;

    @Option(names = "--litigation-hold", description = "Place the mailbox on litigation hold: its contents are kept.")
    boolean hold;

    @Option(names = "--no-litigation-hold", description = "Lift the litigation hold.")
    boolean noHold;
  }

  @ParentCommand Acctadmin root;

  @Mixin StepTarget target;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Change change;

  @Option(names = "--keep-copy", description = "With --forward-to, keep a copy of each message in the mailbox too.")
  boolean keepCopy;

  @Option(names = "--delegate", paramLabel = "USER", description = "With --shared, give this user full access; repeat for several.")
  List<String> delegates = new ArrayList<>();

  @Option(names = "--auto-reply-external", paramLabel = "TEXT",
      description = "With --auto-reply, the message for senders outside the organization.")
  String autoReplyExternal;

  @Option(names = "--auto-reply-until", paramLabel = "TIME",
      description = "With --auto-reply, stop the automatic replies at this time (ISO 8601, UTC).")
  Instant autoReplyUntil;

  @Override
  public Integer call() {
    var client = root.signedIn();
    if (change == null) {
      var response = client.call(s -> s.getMailbox(GetMailboxRequest.newBuilder().setName(target.name()).build()));
      if (root.output == Acctadmin.Output.json) {
        Render.json(root.out(), response);
        return ExitCode.OK;
      }
      show(response.getMailbox());
      return ExitCode.OK;
    }
    var id = StepTarget.requestId();
    if (change.forwardTo != null) {
      var r = client.call(s -> s.setForwarding(SetForwardingRequest.newBuilder().setName(target.name())
          .setForwardTo(change.forwardTo).setKeepCopy(keepCopy).setValidateOnly(target.dryRun).setRequestId(id).build()));
      return StepOutput.print(root, target.user, r.getStep(), r);
    }
    if (change.noForwarding) {
      var r = client.call(s -> s.removeForwarding(RemoveForwardingRequest.newBuilder().setName(target.name())
          .setValidateOnly(target.dryRun).setRequestId(id).build()));
      return StepOutput.print(root, target.user, r.getStep(), r);
    }
    if (change.autoReply != null || change.noAutoReply) {
      var request = SetAutomaticRepliesRequest.newBuilder().setName(target.name()).setValidateOnly(target.dryRun).setRequestId(id);
      if (change.autoReply != null) {
        request.setReplies(replies(change.autoReply, autoReplyExternal, autoReplyUntil));
      }
      var r = client.call(s -> s.setAutomaticReplies(request.build()));
      return StepOutput.print(root, target.user, r.getStep(), r);
    }
    if (change.shared) {
      var r = client.call(s -> s.convertToSharedMailbox(ConvertToSharedMailboxRequest.newBuilder().setName(target.name())
          .addAllDelegates(delegates).setValidateOnly(target.dryRun).setRequestId(id).build()));
      return StepOutput.print(root, target.user, r.getStep(), r);
    }
    if (change.userMailbox) {
      var r = client.call(s -> s.convertToUserMailbox(ConvertToUserMailboxRequest.newBuilder().setName(target.name())
          .setValidateOnly(target.dryRun).setRequestId(id).build()));
      return StepOutput.print(root, target.user, r.getStep(), r);
    }
    if (change.hide || change.show) {
      var r = client.call(s -> s.setAddressListVisibility(SetAddressListVisibilityRequest.newBuilder().setName(target.name())
          .setHidden(change.hide).setValidateOnly(target.dryRun).setRequestId(id).build()));
      return StepOutput.print(root, target.user, r.getStep(), r);
    }
    var r = client.call(s -> s.setLitigationHold(SetLitigationHoldRequest.newBuilder().setName(target.name())
        .setOnHold(change.hold).setValidateOnly(target.dryRun).setRequestId(id).build()));
    return StepOutput.print(root, target.user, r.getStep(), r);
  }

  /** Automatic replies as offboard and mailbox take them: the internal message, and optionally the rest. */
  static AutomaticReplies replies(String internal, String external, Instant until) {
    var replies = AutomaticReplies.newBuilder().setInternalMessage(internal);
    if (external != null) {
      replies.setExternalMessage(external);
    }
    if (until != null) {
      replies.setEndTime(Timestamp.newBuilder().setSeconds(until.getEpochSecond()).setNanos(until.getNano()));
    }
    return replies.build();
  }

  // One whole sentence per setting, each in the reader's language.
  private void show(dev.accountadmin.v1.MailboxSettings mailbox) {
    var m = root.messages();
    var out = root.out();
    var user = target.user;
    out.println(m.render(mailbox.getShared() ? "cli.mailbox.shared" : "cli.mailbox.userMailbox",
        Map.of("user", user, "delegateCount", mailbox.getDelegatesCount(), "delegates", mailbox.getDelegatesList())));
    out.println(mailbox.hasForwarding()
        ? m.render(mailbox.getForwarding().getKeepCopy() ? "cli.mailbox.forwardedWithCopy" : "cli.mailbox.forwarded",
            Map.of("user", user, "forwardingTarget", mailbox.getForwarding().getTarget()))
        : m.render("cli.mailbox.notForwarded", Map.of("user", user)));
    out.println(m.render(mailbox.hasAutomaticReplies() ? "cli.mailbox.autoRepliesOn" : "cli.mailbox.autoRepliesOff",
        Map.of("user", user)));
    out.println(m.render(mailbox.getHiddenFromAddressList() ? "cli.mailbox.hidden" : "cli.mailbox.listed", Map.of("user", user)));
    out.println(mailbox.hasLitigationHoldTime()
        ? m.render("cli.mailbox.onHold", Map.of("user", user, "holdTime", Render.instant(mailbox.getLitigationHoldTime())))
        : m.render("cli.mailbox.notOnHold", Map.of("user", user)));
    out.println(m.render("cli.mailbox.flaggedRules", Map.of("user", user, "ruleCount", mailbox.getFlaggedInboxRuleCount())));
  }
}
