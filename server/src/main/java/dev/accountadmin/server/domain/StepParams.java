package dev.accountadmin.server.domain;

import java.util.Set;

/**
 * What a step is asked to do beyond its kind. The password is prepared before the transaction
 * (hashing is slow): {@code shownPassword} is handed back once, {@code passwordHash} is stored,
 * and a null hash leaves a credential that no password matches (offboarding, when nobody is to
 * know it).
 *
 * @param protocols for SET_MAIL_PROTOCOLS, the protocols to leave enabled
 * @param roles for ASSIGN_ADMIN_ROLES and REMOVE_ADMIN_ROLES (empty removes all)
 */
public record StepParams(
    String shownPassword,
    String passwordHash,
    boolean changeRequired,
    boolean undisclosed,
    Set<MailProtocol> protocols,
    Set<Role> roles) {

  public static final StepParams NONE = new StepParams(null, null, false, false, Set.of(), Set.of());

  public static StepParams protocols(Set<MailProtocol> protocols) {
    return new StepParams(null, null, false, false, Set.copyOf(protocols), Set.of());
  }

  public static StepParams roles(Set<Role> roles) {
    return new StepParams(null, null, false, false, Set.of(), Set.copyOf(roles));
  }

  public static StepParams password(String shown, String hash, boolean changeRequired, boolean undisclosed) {
    return new StepParams(shown, hash, changeRequired, undisclosed, Set.of(), Set.of());
  }

  @Override
  public String toString() {
    return "StepParams[changeRequired=" + changeRequired + ", undisclosed=" + undisclosed
        + ", protocols=" + protocols + ", roles=" + roles + "]";
  }
}
