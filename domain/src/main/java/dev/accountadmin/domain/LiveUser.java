package dev.accountadmin.domain;

import dev.accountadmin.failure.DirectoryException;
import dev.accountadmin.failure.Reason;

/** Another user a mailbox step names (a forwarding target, a delegate): one that exists and is not deleted. */
final class LiveUser {
  private LiveUser() {}

  /** The user named {@code name}; {@code missing} (naming {@code owner} and {@code name}) when there is none. */
  static User of(UnitOfWork unit, UserName name, Reason missing, User owner) {
    return unit.users().find(name).filter(u -> !u.deleted())
        .orElseThrow(() -> DirectoryException.of(missing, "user", owner.name().value(), "target", name.value()));
  }
}
