package dev.accountadmin.domain;

import java.time.Instant;
import java.util.Optional;

/** Restore's undo of {@link GrantFilesAccess}: takes back the file access the offboarding gave, and only that. */
public record RevokeFilesAccess() implements Step {
  @Override
  public StepKind kind() {
    return StepKind.REVOKE_FILES_ACCESS;
  }

  @Override
  public Action action() {
    return Action.MANAGE_FILES_ACCESS;
  }

  @Override
  public boolean alreadyDone(User user, UnitOfWork unit, Instant now) {
    return unit.fileAccess().offboardingGrantees(user.id()).isEmpty();
  }

  @Override
  public Instant inEffectSince(User user) {
    return null;
  }

  @Override
  public StepDetails plan(User user, UnitOfWork unit, Instant now) {
    return new StepDetails.FilesAccess(unit.fileAccess().offboardingGrantees(user.id()));
  }

  @Override
  public Applied apply(User user, UnitOfWork unit, Instant now) {
    var grantees = unit.fileAccess().offboardingGrantees(user.id());
    unit.fileAccess().revokeOffboardingGrants(user.id());
    return new Applied(user, new StepDetails.FilesAccess(grantees));
  }

  @Override
  public Optional<Planned> undo(Restoring restoring) {
    return Optional.empty();
  }
}
