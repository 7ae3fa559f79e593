package dev.accountadmin.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Refuses the next syncs of the user's devices (all of them, or {@code deviceIds}). A pending
 * wipe is still delivered to a blocked device: wipe before block.
 *
 * @param by the procedure that blocks ({@link #OFFBOARDING}), null by hand; the devices table
 *     records it, so that restore unblocks only what the offboarding blocked
 */
public record BlockDevices(Set<String> deviceIds, String by) implements Step {
  /** The mark an offboarding leaves on what it blocked or asked to wipe. */
  public static final String OFFBOARDING = "OFFBOARDING";

  public BlockDevices {
    deviceIds = Set.copyOf(deviceIds);
  }

  @Override
  public StepKind kind() {
    return StepKind.BLOCK_DEVICES;
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
      unit.devices().block(user.id(), device.deviceId(), by, now);
    }
    return new Applied(user, details(targets));
  }

  @Override
  public Optional<Planned> undo(Restoring restoring) {
    return Optional.of(new Planned(new UnblockDevices(by), true));
  }

  private List<Device> targets(User user, UnitOfWork unit) {
    return unit.devices().list(user.id()).stream()
        .filter(d -> !d.blocked() && (deviceIds.isEmpty() || deviceIds.contains(d.deviceId())))
        .toList();
  }

  private static StepDetails details(List<Device> devices) {
    return new StepDetails.DevicesBlocked(devices.stream().map(Device::deviceId).toList(), true);
  }
}
