package dev.accountadmin.server.auth;

import dev.accountadmin.domain.Passwords;
import dev.accountadmin.domain.PreparedPassword;
import dev.accountadmin.domain.UserName;

/** The domain's passwords, made here: generated from {@link Secrets}, hashed with Argon2id. */
public final class HashedPasswords implements Passwords {
  private final PasswordHasher hasher;
  private final Secrets secrets;
  private final AuthPolicy policy;

  public HashedPasswords(PasswordHasher hasher, Secrets secrets, AuthPolicy policy) {
    this.hasher = hasher;
    this.secrets = secrets;
    this.policy = policy;
  }

  @Override
  public PreparedPassword temporary(boolean changeRequired, boolean validateOnly) {
    if (validateOnly) {
      return PreparedPassword.planned(changeRequired, false);
    }
    var temporary = secrets.temporaryPassword();
    return new PreparedPassword(temporary, hasher.hash(temporary, secrets.random()), changeRequired, false);
  }

  @Override
  public PreparedPassword chosen(UserName user, String password, boolean changeRequired, boolean validateOnly) {
    PasswordPolicy.check("password", password, user, policy);
    return new PreparedPassword(null, validateOnly ? null : hasher.hash(password, secrets.random()), changeRequired, false);
  }

  @Override
  public PreparedPassword undisclosed(boolean validateOnly) {
    return new PreparedPassword(null, validateOnly ? null : PasswordHasher.undisclosed(secrets.random()), false, true);
  }

  @Override
  public PreparedPassword forNewUser() {
    return temporary(true, false);
  }
}
