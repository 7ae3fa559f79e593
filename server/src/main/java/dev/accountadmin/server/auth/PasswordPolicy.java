package dev.accountadmin.server.auth;

import dev.accountadmin.failure.DirectoryException;
import dev.accountadmin.failure.FieldViolation;
import dev.accountadmin.failure.Reason;
import dev.accountadmin.domain.UserName;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
      var minLength = Integer.toString(policy.minimumPasswordLength());
      throw DirectoryException.ofFields(Reason.PASSWORD_TOO_WEAK, Map.of("minLength", minLength, "field", field),
          List.of(new FieldViolation(field, "PASSWORD_TOO_WEAK", Map.of("field", field, "minLength", minLength))));
    }
  }
}
