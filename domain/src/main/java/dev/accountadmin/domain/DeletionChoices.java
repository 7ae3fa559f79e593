package dev.accountadmin.domain;

/**
 * What a request chose about the account itself.
 *
 * @param deleteUser delete the account last (a soft delete: restorable for 30 days)
 */
public record DeletionChoices(boolean deleteUser) {
  public static final DeletionChoices NONE = new DeletionChoices(false);
}
