package dev.accountadmin.domain;

/**
 * What a request chose about authentication methods.
 *
 * @param remove remove every method of the user and revoke their app passwords
 */
public record MethodChoices(boolean remove) {
  public static final MethodChoices NONE = new MethodChoices(false);
}
