package dev.accountadmin.server.auth;

import dev.accountadmin.server.directory.DirectoryException;
import dev.accountadmin.server.directory.Reason;
import dev.accountadmin.server.directory.UserName;
import java.util.Locale;

/** What a chosen password must be: long enough, and not built from the user's own name. */
public final class PasswordPolicy {
  private static final int MAXIMUM_LENGTH = 256;

  private PasswordPolicy() {}

  public static void check(String field, String password, UserName user, AuthPolicy policy) {
    var lower = password == null ? "" : password.toLowerCase(Locale.ROOT);
    var local = user.key().substring(0, user.key().indexOf('@'));
    if (password == null || password.length() < policy.minimumPasswordLength()
        || password.length() > MAXIMUM_LENGTH
        || (local.length() >= 3 && lower.contains(local))) {
      throw DirectoryException.of(Reason.PASSWORD_TOO_WEAK,
          "minLength", Integer.toString(policy.minimumPasswordLength()), "field", field);
    }
  }
}
