package dev.accountadmin.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Restore's undo of {@link WipeDevices}: withdraws the wipes {@code by} asked for that no device
 * has acknowledged yet. A CONFIRMED wipe erased the device and nothing brings its data back: the
 * details list it as CONFIRMED next to the CANCELLED ones, and the result says it cannot be undone.
 */
public record CancelDeviceWipes(String by) implements Step {
  @Override
  public StepKind kind() {
    return StepKind.CANCEL_DEVICE_WIPES;
  }

  @Override
  public Action action() {
    return Action.WIPE_DEVICES;
  }

  // Not done while a confirmed wipe is left to report: restore must say plainly it is not undone.
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
      if (device.wipePending()) {
        unit.devices().cancelWipe(user.id(), device.deviceId());
      }
    }
    return new Applied(user, details(targets));
  }

  @Override
  public Optional<Planned> undo(Restoring restoring) {
    return Optional.empty();
  }

  private List<Device> targets(User user, UnitOfWork unit) {
    return unit.devices().list(user.id()).stream()
        .filter(d -> d.wipeRequestedAt() != null && java.util.Objects.equals(by, d.wipeRequestedBy()))
        .toList();
  }

  private static StepDetails details(List<Device> devices) {
    return new StepDetails.DevicesWiped(devices.stream()
        .map(d -> new StepDetails.DeviceWipe(d.deviceId(), d.model(),
            d.wipeConfirmed() ? DeviceWipeState.CONFIRMED : DeviceWipeState.CANCELLED, d.wipeRequestedAt(), d.wipeConfirmedAt()))
        .toList());
  }
}
