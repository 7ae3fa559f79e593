package dev.accountadmin.domain;

import dev.accountadmin.failure.Reason;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps the user's files for a colleague (Microsoft's sixth leaver step): gives {@code grantee},
 * usually the manager, access to them before the licence and the account go. The grant is
 * recorded as the offboarding's, so that restore takes back exactly this one and none an admin
 * gave by hand.
 */
public record GrantFilesAccess(UserName grantee) implements Step {
  @Override
  public StepKind kind() {
    return StepKind.GRANT_FILES_ACCESS;
  }

  @Override
  public Action action() {
    return Action.MANAGE_FILES_ACCESS;
  }

  @Override
  public boolean alreadyDone(User user, UnitOfWork unit, Instant now) {
    return grantee(unit).map(g -> unit.fileAccess().grantees(user.id()).contains(g.name().value())).orElse(false);
  }

  @Override
  public Instant inEffectSince(User user) {
    return null;
  }

  @Override
  public StepDetails plan(User user, UnitOfWork unit, Instant now) {
    return new StepDetails.FilesAccess(List.of(grantee.value()));
  }

  @Override
  public Applied apply(User user, UnitOfWork unit, Instant now) {
    var found = grantee(unit);
    if (found.isEmpty() || found.get().id().equals(user.id())) {
      // Nobody to keep the files for: say so rather than report them kept.
      return new Applied(user, new StepDetails.FilesAccess(List.of()),
          new StepResult.Failure(Reason.USER_NOT_FOUND, Map.of("user", grantee.value())));
    }
    unit.fileAccess().grant(user.id(), found.get(), true, now);
    return new Applied(user, new StepDetails.FilesAccess(List.of(grantee.value())));
  }

  private Optional<User> grantee(UnitOfWork unit) {
    return unit.users().find(grantee).filter(u -> !u.deleted());
  }

  // Restore takes back the grants the offboarding gave; with none recorded it is already done.
  @Override
  public Optional<Planned> undo(Restoring restoring) {
    return Optional.of(new Planned(new RevokeFilesAccess(), true));
  }
}
