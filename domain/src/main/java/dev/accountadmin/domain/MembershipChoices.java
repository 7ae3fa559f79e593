package dev.accountadmin.domain;

/** What a request chose about groups and licences. */
public record MembershipChoices() {
  public static final MembershipChoices NONE = new MembershipChoices();
}
