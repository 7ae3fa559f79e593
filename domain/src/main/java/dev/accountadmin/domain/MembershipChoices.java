package dev.accountadmin.domain;

/**
 * What a request chose about groups and licences.
 *
 * @param removeGroups remove the user from every group they are a member or an owner of
 * @param removeLicences give the user's licences back to the pool
 */
public record MembershipChoices(boolean removeGroups, boolean removeLicences) {
  public static final MembershipChoices NONE = new MembershipChoices(false, false);
}
