package dev.accountadmin.domain;

/**
 * What a request chose about the user's files.
 *
 * @param grantTo the colleague (usually the manager) given access to the user's files; null: nobody
 */
public record FilesChoices(UserName grantTo) {
  public static final FilesChoices NONE = new FilesChoices(null);
}
