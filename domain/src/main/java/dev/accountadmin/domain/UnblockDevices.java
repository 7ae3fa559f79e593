package dev.accountadmin.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Restore's undo of {@link BlockDevices}: unblocks the devices {@code by} blocked, and no others. */
public record UnblockDevices(String by) implements Step {
  @Override
  public StepKind kind() {
    return StepKind.UNBLOCK_DEVICES;
  }

  @Override
  public Action action() {
    return Action.BLOCK_DEVICES;
  }

  @Override
  public boolean alreadyDone(User user, UnitOfWork unit, Instant now) {
    return targets(user, unit).isEmpty();
  }

  @Override
  public Instant inEffectSince(User user) {
    return null;
  }

  @Override
  public StepDetails plan(User user, UnitOfWork unit, Instant now) {
    return details(targets(user, unit));
  }

  @Override
  public Applied apply(User user, UnitOfWork unit, Instant now) {
    var targets = targets(user, unit);
    for (var device : targets) {
      unit.devices().unblock(user.id(), device.deviceId());
    }
    return new Applied(user, details(targets));
  }

  @Override
  public Optional<Planned> undo(Restoring restoring) {
    return Optional.empty();
  }

  private List<Device> targets(User user, UnitOfWork unit) {
    return unit.devices().list(user.id()).stream()
        .filter(d -> d.blocked() && Objects.equals(by, d.blockedBy()))
        .toList();
  }

  private static StepDetails details(List<Device> devices) {
    return new StepDetails.DevicesBlocked(devices.stream().map(Device::deviceId).toList(), false);
  }
}
