package dev.accountadmin.connector;

import dev.accountadmin.domain.Passwords;
import dev.accountadmin.domain.PreparedPassword;
import dev.accountadmin.domain.UserName;
import dev.accountadmin.server.auth.AuthPolicy;
import dev.accountadmin.server.auth.PasswordPolicy;
import dev.accountadmin.server.auth.Secrets;

/**
 * Passwords for a directory that hashes them itself: what a reset "stores" ({@link
 * PreparedPassword#hash}) is the password, sent to the directory over TLS and kept nowhere here.
 * Our own policy is checked first; the directory's may still refuse (DIRECTORY_REFUSED).
 */
public final class DirectoryPasswords implements Passwords {
  private final Secrets secrets;
  private final AuthPolicy policy;

  public DirectoryPasswords(Secrets secrets, AuthPolicy policy) {
    this.secrets = secrets;
    this.policy = policy;
  }

  @Override
  public PreparedPassword temporary(boolean changeRequired, boolean validateOnly) {
    if (validateOnly) {
      return PreparedPassword.planned(changeRequired, false);
    }
    var temporary = secrets.temporaryPassword();
    return new PreparedPassword(temporary, temporary, changeRequired, false);
  }

  @Override
  public PreparedPassword chosen(UserName user, String password, boolean changeRequired, boolean validateOnly) {
    PasswordPolicy.check("password", password, user, policy);
    return new PreparedPassword(null, validateOnly ? null : password, changeRequired, false);
  }

  // Two temporary passwords' worth of randomness: every character class, as directories demand.
  @Override
  public PreparedPassword undisclosed(boolean validateOnly) {
    return new PreparedPassword(null, validateOnly ? null : secrets.temporaryPassword() + secrets.temporaryPassword(),
        false, true);
  }

  @Override
  public PreparedPassword forNewUser() {
    throw new UnsupportedOperationException("users of an external directory are created there");
  }
}
