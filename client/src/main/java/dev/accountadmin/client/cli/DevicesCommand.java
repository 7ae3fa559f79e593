package dev.accountadmin.client.cli;

import dev.accountadmin.v1.BlockDeviceRequest;
import dev.accountadmin.v1.DeviceWipeState;
import dev.accountadmin.v1.ListDevicesRequest;
import dev.accountadmin.v1.WipeDeviceRequest;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code acctadmin devices USER}, or {@code --wipe DEVICE_ID} / {@code --block DEVICE_ID}. */
@Command(name = "devices", description = "List a user's mobile devices, or wipe or block one of them.")
final class DevicesCommand implements Callable<Integer> {
  static final class Change {
    @Option(names = "--wipe", paramLabel = "DEVICE_ID",
        description = "Wipe this device at its next sync; until then the wipe is pending.")
    String wipe;

    @Option(names = "--block", paramLabel = "DEVICE_ID", description = "Block this device: its next syncs are refused.")
    String block;
  }

  @ParentCommand Acctadmin root;

  @Mixin StepTarget target;

  @ArgGroup(multiplicity = "0..1")
  Change change;

  @Override
  public Integer call() {
    if (change != null && change.wipe != null) {
      var response = root.signedIn().call(s -> s.wipeDevice(WipeDeviceRequest.newBuilder().setName(target.name())
          .setDeviceId(change.wipe).setValidateOnly(target.dryRun).setRequestId(StepTarget.requestId()).build()));
      return StepOutput.print(root, target.user, response.getStep(), response);
    }
    if (change != null && change.block != null) {
      var response = root.signedIn().call(s -> s.blockDevice(BlockDeviceRequest.newBuilder().setName(target.name())
          .setDeviceId(change.block).setValidateOnly(target.dryRun).setRequestId(StepTarget.requestId()).build()));
      return StepOutput.print(root, target.user, response.getStep(), response);
    }
    var response = root.signedIn().call(s -> s.listDevices(ListDevicesRequest.newBuilder().setName(target.name()).build()));
    if (root.output == Acctadmin.Output.json) {
      Render.json(root.out(), response);
      return ExitCode.OK;
    }
    var m = root.messages();
    if (response.getDevicesCount() == 0) {
      root.out().println(m.render("cli.devices.none", Map.of("user", target.user)));
      return ExitCode.OK;
    }
    for (var d : response.getDevicesList()) {
      root.out().println(m.render("cli.devices.line", Map.of("deviceId", d.getDeviceId(), "model", d.getModel(),
          "firstSyncTime", Render.instant(d.getFirstSyncTime()), "lastSyncTime", Render.instant(d.getLastSyncTime()))));
      if (d.getBlocked()) {
        root.out().println(m.render("cli.devices.blocked", Map.of("blockedTime", Render.instant(d.getBlockedTime()))));
      }
      // Said as it stands: a pending wipe has erased nothing yet.
      if (d.getWipeState() == DeviceWipeState.DEVICE_WIPE_STATE_PENDING) {
        root.out().println(m.render("cli.devices.wipePending", Map.of("wipeRequestedTime", Render.instant(d.getWipeRequestedTime()))));
      } else if (d.getWipeState() == DeviceWipeState.DEVICE_WIPE_STATE_CONFIRMED) {
        root.out().println(m.render("cli.devices.wipeConfirmed", Map.of("wipeConfirmedTime", Render.instant(d.getWipeConfirmedTime()))));
      }
    }
    root.out().println(m.render("cli.devices.count", Map.of("count", response.getDevicesCount())));
    return ExitCode.OK;
  }
}
