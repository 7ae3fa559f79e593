package dev.accountadmin.server;

import dev.accountadmin.domain.Choices;
import dev.accountadmin.domain.DeletionChoices;
import dev.accountadmin.domain.FilesChoices;
import dev.accountadmin.domain.UserName;
import dev.accountadmin.domain.DeviceChoices;
import dev.accountadmin.domain.MailboxChoices;
import dev.accountadmin.domain.MembershipChoices;
import dev.accountadmin.domain.MethodChoices;
import dev.accountadmin.v1.DeletionOptions;
import dev.accountadmin.domain.UserName;
import dev.accountadmin.failure.DirectoryException;
import dev.accountadmin.failure.FieldViolation;
import dev.accountadmin.v1.DeviceOptions;
import dev.accountadmin.v1.FilesOptions;
import dev.accountadmin.v1.MailboxOptions;
import dev.accountadmin.v1.MembershipOptions;
import dev.accountadmin.v1.MethodOptions;
import dev.accountadmin.v1.StepOptions;

/**
 * The optional steps a request chose, from {@code accountadmin.v1.StepOptions} to the domain's
 * {@link Choices}, one method per area; a bad value is an INVALID_ARGUMENT naming its field
 * (e.g. {@code options.mailbox.forward_to}) before anything runs.
 */
final class StepOptionProtos {
  private StepOptionProtos() {}

  /** {@code field} is the options' field name in the request, for field violations. */
  static Choices choices(String field, StepOptions options) {
    return new Choices(mailbox(field + ".mailbox", options.getMailbox()), devices(field + ".devices", options.getDevices()),
        methods(field + ".methods", options.getMethods()), memberships(field + ".memberships", options.getMemberships()),
        deletion(field + ".deletion", options.getDeletion()), files(field + ".files", options.getFiles()));
  }

  private static MailboxChoices mailbox(String field, MailboxOptions options) {
    var forwardTo = options.getForwardTo().isEmpty() ? null : UserName.parse(field + ".forward_to", options.getForwardTo());
    var delegates = new java.util.ArrayList<UserName>();
    for (int i = 0; i < options.getDelegatesCount(); i++) {
      delegates.add(UserName.parse(field + ".delegates[" + i + "]", options.getDelegates(i)));
    }
    if (!delegates.isEmpty() && !options.getConvertToShared()) {
      // Full access is to a shared mailbox: delegates without the conversion would be a silent no-op.
      throw DirectoryException.invalid(FieldViolation.required(field + ".convert_to_shared"));
    }
    if (options.getKeepCopy() && forwardTo == null) {
      // A copy of what? Without a target, keep_copy would change nothing and say nothing.
      throw DirectoryException.invalid(FieldViolation.required(field + ".forward_to"));
    }
    var replies = options.hasAutomaticReplies()
        ? MailboxProtos.fromProto(field + ".automatic_replies", options.getAutomaticReplies()) : null;
    return new MailboxChoices(forwardTo, options.getKeepCopy(), options.getConvertToShared(), delegates, replies,
        options.getHideFromAddressList(), options.getLitigationHold(), options.getRemoveFlaggedInboxRules());
  }

  private static DeviceChoices devices(String field, DeviceOptions options) {
    return new DeviceChoices(options.getWipe(), options.getBlock());
  }

  private static MethodChoices methods(String field, MethodOptions options) {
    return new MethodChoices(options.getRemoveMethods());
  }

  private static DeletionChoices deletion(String field, DeletionOptions options) {
    return new DeletionChoices(options.getDeleteUser());
  }

  private static FilesChoices files(String field, FilesOptions options) {
    return new FilesChoices(options.getGrantTo().isEmpty() ? null
        : UserName.fromResourceName(field + ".grant_to", options.getGrantTo()));
  }

  private static MembershipChoices memberships(String field, MembershipOptions options) {
    return new MembershipChoices(options.getRemoveGroups(), options.getRemoveLicences());
  }
}
