package dev.accountadmin.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Marks the user's devices (all of them, or {@code deviceIds}) wipe-pending. Nothing is erased
 * here: each device receives the wipe at its next sync, and only its acknowledgement makes the
 * wipe CONFIRMED, so the details say PENDING until then and never "wiped".
 *
 * @param by the procedure that asks for it ({@link BlockDevices#OFFBOARDING}), null by hand; its
 *     restore cancels only the wipes it asked for
 */
public record WipeDevices(Set<String> deviceIds, String by) implements Step {
  public WipeDevices {
    deviceIds = Set.copyOf(deviceIds);
  }

  @Override
  public StepKind kind() {
    return StepKind.WIPE_DEVICES;
  }

  @Override
  public Action action() {
    return Action.WIPE_DEVICES;
  }

  @Override
  public boolean alreadyDone(User user, UnitOfWork unit, Instant now) {
    return targets(user, unit).stream().allMatch(d -> d.wipeRequestedAt() != null);
  }

  @Override
  public Instant inEffectSince(User user) {
    return null;
  }

  @Override
  public StepDetails plan(User user, UnitOfWork unit, Instant now) {
    return details(targets(user, unit), now);
  }

  @Override
  public Applied apply(User user, UnitOfWork unit, Instant now) {
    var targets = targets(user, unit);
    for (var device : targets) {
      unit.devices().requestWipe(user.id(), device.deviceId(), by, now);
    }
    return new Applied(user, details(targets, now));
  }

  // A pending wipe can be withdrawn; a confirmed one cannot, and the undo step says so.
  @Override
  public Optional<Planned> undo(Restoring restoring) {
    return Optional.of(new Planned(new CancelDeviceWipes(by), true));
  }

  private List<Device> targets(User user, UnitOfWork unit) {
    return unit.devices().list(user.id()).stream()
        .filter(d -> deviceIds.isEmpty() || deviceIds.contains(d.deviceId()))
        .toList();
  }

  private static StepDetails details(List<Device> devices, Instant now) {
    return new StepDetails.DevicesWiped(devices.stream()
        .map(d -> d.wipeConfirmed()
            ? new StepDetails.DeviceWipe(d.deviceId(), d.model(), DeviceWipeState.CONFIRMED, d.wipeRequestedAt(), d.wipeConfirmedAt())
            : new StepDetails.DeviceWipe(d.deviceId(), d.model(), DeviceWipeState.PENDING,
                d.wipeRequestedAt() != null ? d.wipeRequestedAt() : now, null))
        .toList());
  }
}
