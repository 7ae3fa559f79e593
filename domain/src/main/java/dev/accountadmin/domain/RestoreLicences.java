package dev.accountadmin.domain;

import dev.accountadmin.domain.UnitOfWork.Memberships.Licence;
import dev.accountadmin.failure.Reason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;

/**
 * Restore's undo of {@link RemoveLicences}: re-assigns the licences it recorded. A product whose
 * seats were all given to others meanwhile cannot come back: the step re-assigns the rest and
 * fails, naming that product, rather than report a restore it did not do.
 */
public record RestoreLicences() implements Step {
  @Override
  public StepKind kind() {
    return StepKind.RESTORE_LICENCES;
  }

  @Override
  public Action action() {
    return Action.MANAGE_LICENCES;
  }

  @Override
  public boolean alreadyDone(User user, UnitOfWork unit, Instant now) {
    return unit.memberships().removedLicences(user.id()).isEmpty();
  }

  @Override
  public Instant inEffectSince(User user) {
    return null;
  }

  @Override
  public StepDetails plan(User user, UnitOfWork unit, Instant now) {
    var removed = unit.memberships().removedLicences(user.id());
    var held = unit.memberships().licencesOf(user.id()).stream().map(Licence::sku).collect(java.util.stream.Collectors.toSet());
    return new StepDetails.Licences(
        removed.stream().filter(l -> held.contains(l.sku()) || l.free() > 0).map(Licence::name).toList(),
        removed.stream().filter(l -> !held.contains(l.sku()) && l.free() == 0).map(Licence::name).toList());
  }

  @Override
  public Applied apply(User user, UnitOfWork unit, Instant now) {
    var memberships = unit.memberships();
    var assigned = new ArrayList<String>();
    var full = new ArrayList<String>();
    // A product the user was given again meanwhile is back already, not short of a seat.
    var held = memberships.licencesOf(user.id()).stream().map(Licence::sku).collect(java.util.stream.Collectors.toSet());
    for (var licence : memberships.removedLicences(user.id())) {
      if (held.contains(licence.sku()) || memberships.assign(user.id(), licence.sku(), now)) {
        assigned.add(licence.name());
      } else {
        full.add(licence.name());
      }
      // Forgotten either way: restore runs once, and the failure names what to assign by hand.
      memberships.forgetRemovedLicence(user.id(), licence.sku());
    }
    var details = new StepDetails.Licences(assigned, full);
    return full.isEmpty() ? new Applied(user, details)
        : new Applied(user, details, new StepResult.Failure(Reason.LICENCE_SEATS_EXHAUSTED,
            Map.of("licences", String.join(", ", full))));
  }

  @Override
  public Optional<Planned> undo(Restoring restoring) {
    return Optional.empty();
  }
}
