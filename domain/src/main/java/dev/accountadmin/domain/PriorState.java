package dev.accountadmin.domain;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * What an offboarding recorded about the user before it changed anything: what the steps that
 * restore can undo need to know.
 */
public record PriorState(boolean signInBlocked, Set<MailProtocol> protocols, Set<Role> roles) {
  public PriorState {
    protocols = Collections.unmodifiableSet(protocols.isEmpty() ? EnumSet.noneOf(MailProtocol.class) : EnumSet.copyOf(protocols));
    roles = Collections.unmodifiableSet(roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles));
  }

  public static PriorState of(User user) {
    return new PriorState(user.signInBlocked(), user.enabledProtocols(), user.roles());
  }
}
