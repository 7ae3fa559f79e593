package dev.accountadmin.domain;

/**
 * What a leaver or compromised-account request chose beyond its always-on steps, one record per
 * area (mailbox, devices, authentication methods, memberships, deletion, files); a step of an area reads its
 * parameters from its record, and a request that chose nothing there has that area's {@code NONE}.
 */
public record Choices(MailboxChoices mailbox, DeviceChoices devices, MethodChoices methods, MembershipChoices memberships,
    DeletionChoices deletion, FilesChoices files) {
  public static final Choices NONE = new Choices(MailboxChoices.NONE, DeviceChoices.NONE, MethodChoices.NONE,
      MembershipChoices.NONE, DeletionChoices.NONE, FilesChoices.NONE);
}
