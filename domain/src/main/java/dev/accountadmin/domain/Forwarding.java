package dev.accountadmin.domain;

/**
 * Forwarding of a mailbox to another mailbox of the tenant.
 *
 * @param targetId the target user's id
 * @param target the target's name, for results and the address the message reaches
 * @param keepCopy the forwarded mailbox keeps a copy too
 */
public record Forwarding(String targetId, UserName target, boolean keepCopy) {}
