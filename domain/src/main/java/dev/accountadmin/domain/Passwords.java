package dev.accountadmin.domain;

/**
 * Where the domain gets the passwords a reset sets: generated, chosen by an admin (checked
 * against the policy), or undisclosed. Implemented where hashing lives ({@code auth}).
 */
public interface Passwords {
  /** A generated temporary password, shown once; a plan gets none and nothing is hashed. */
  PreparedPassword temporary(boolean changeRequired, boolean validateOnly);

  /** A password the admin chose for {@code user}; refused with PASSWORD_TOO_WEAK below the policy. */
  PreparedPassword chosen(UserName user, String password, boolean changeRequired, boolean validateOnly);

  /** A random credential nobody is shown: cheap, as a secret nobody knows needs no slow hash. */
  PreparedPassword undisclosed(boolean validateOnly);

  /** A generated password and its hash for a new user. */
  PreparedPassword forNewUser();
}
