package dev.accountadmin.domain;

/** What a request chose about authentication methods (removal, re-registration). */
public record MethodChoices() {
  public static final MethodChoices NONE = new MethodChoices();
}
