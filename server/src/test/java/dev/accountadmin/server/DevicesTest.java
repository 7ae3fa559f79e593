package dev.accountadmin.server;

import static dev.accountadmin.server.TestServer.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.accountadmin.server.store.Dialect;
import dev.accountadmin.v1.AdminRole;
import dev.accountadmin.v1.BlockDeviceRequest;
import dev.accountadmin.v1.ListDevicesRequest;
import dev.accountadmin.v1.MobileDevice;
import dev.accountadmin.v1.WipeDeviceRequest;
import dev.accountadmin.v1.ClientApp;
import dev.accountadmin.v1.DeviceCommand;
import dev.accountadmin.v1.DeviceOptions;
import dev.accountadmin.v1.DeviceWipeState;
import dev.accountadmin.v1.MailFlowGrpc;
import dev.accountadmin.v1.OffboardUserRequest;
import dev.accountadmin.v1.ProcedureResult;
import dev.accountadmin.v1.RestoreUserRequest;
import dev.accountadmin.v1.SignInRequest;
import dev.accountadmin.v1.StepKind;
import dev.accountadmin.v1.StepOptions;
import dev.accountadmin.v1.StepOutcome;
import dev.accountadmin.v1.StepResult;
import dev.accountadmin.v1.SyncDeviceRequest;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Mobile devices: registered at their ActiveSync sync, wiped before they are blocked, restored where that is possible. */
@ParameterizedClass
@EnumSource(Dialect.class)
final class DevicesTest {
  @Parameter Dialect engine;
  static final String USER = "pat@contoso.com";
  static final String NAME = "users/" + USER;
  static final String PHONE = "ANDROID-8F3A21";
  @TempDir Path dir;
  TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = new TestServer(engine, dir);
    server.createUser(USER);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  MailFlowGrpc.MailFlowBlockingStub device() {
    var token = server.auth().signIn(SignInRequest.newBuilder().setUserPrincipalName(USER)
        .setPassword(TestServer.USER_PASSWORD).setClientApp(ClientApp.CLIENT_APP_ACTIVE_SYNC).build()).getAccessToken();
    var headers = new Metadata();
    headers.put(CallContext.AUTHORIZATION, "Bearer " + token);
    return MailFlowGrpc.newBlockingStub(server.channel()).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  /** A device that has no valid token any more: it names its user and itself. */
  MailFlowGrpc.MailFlowBlockingStub tokenless() {
    return MailFlowGrpc.newBlockingStub(server.channel());
  }

  static SyncDeviceRequest sync(String deviceId) {
    return SyncDeviceRequest.newBuilder().setDeviceId(deviceId).setModel("Pixel 8").setUserName(USER).build();
  }

  ProcedureResult offboard(boolean wipe, boolean block) {
    return server.admin().offboardUser(OffboardUserRequest.newBuilder().setName(NAME)
        .setOptions(StepOptions.newBuilder().setDevices(DeviceOptions.newBuilder().setWipe(wipe).setBlock(block))).build())
        .getResult();
  }

  static StepResult step(ProcedureResult result, StepKind kind) {
    return result.getStepsList().stream().filter(s -> s.getKind() == kind).findFirst().orElseThrow();
  }

  long devices(String where) throws Exception {
    return server.queryLong("SELECT COUNT(*) FROM devices WHERE " + where);
  }

  @Test
  void firstSync_registersTheDevice_andASecondOneMovesOnlyItsLastSync() throws Exception {
    var phone = device();
    assertThat(phone.syncDevice(sync(PHONE)).getCommand()).isEqualTo(DeviceCommand.DEVICE_COMMAND_SYNC);
    long first = server.clock.instant().toEpochMilli();
    server.clock.advance(Duration.ofMinutes(5));

    assertThat(phone.syncDevice(sync(PHONE)).getCommand()).isEqualTo(DeviceCommand.DEVICE_COMMAND_SYNC);

    assertThat(devices("device_id = '" + PHONE + "' AND first_sync_at = " + first
        + " AND last_sync_at = " + (first + Duration.ofMinutes(5).toMillis()))).isEqualTo(1);
  }

  @Test
  void offboardWithWipe_reportsPending_thenTheNextSyncGetsTheWipe_andAnotherSyncIsRefused() throws Exception {
    device().syncDevice(sync(PHONE));

    var result = offboard(true, true);

    var wipe = step(result, StepKind.STEP_KIND_WIPE_DEVICES);
    assertThat(wipe.getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_DONE);
    assertThat(wipe.getDetails().getDevicesWiped().getDevicesList()).singleElement().satisfies(d -> {
      assertThat(d.getDeviceId()).isEqualTo(PHONE);
      // Asked for, not done: nothing is erased before the device syncs.
      assertThat(d.getState()).isEqualTo(DeviceWipeState.DEVICE_WIPE_STATE_PENDING);
      assertThat(d.hasConfirmedTime()).isFalse();
    });
    assertThat(step(result, StepKind.STEP_KIND_BLOCK_DEVICES).getDetails().getDevicesBlocked().getDeviceIdsList())
        .containsExactly(PHONE);
    // Wipe before block, both after the sign-out.
    assertThat(result.getStepsList()).extracting(StepResult::getKind).containsSubsequence(
        StepKind.STEP_KIND_REVOKE_SESSIONS, StepKind.STEP_KIND_WIPE_DEVICES, StepKind.STEP_KIND_BLOCK_DEVICES,
        StepKind.STEP_KIND_BLOCK_SIGN_IN);

    server.clock.advance(Duration.ofMinutes(1));
    // Sessions revoked and sign-in blocked: the device has no token, yet the wipe reaches it.
    assertThat(tokenless().syncDevice(sync(PHONE)).getCommand()).isEqualTo(DeviceCommand.DEVICE_COMMAND_WIPE);
    assertThat(devices("wipe_confirmed_at = " + server.clock.instant().toEpochMilli())).isEqualTo(1);

    var again = failure(() -> tokenless().syncDevice(sync(PHONE)));
    assertThat(again.code()).isEqualTo(Status.Code.UNAUTHENTICATED);
  }

  @Test
  void tokenlessSync_withoutAPendingWipe_isRefusedAndRegistersNothing() throws Exception {
    var refused = failure(() -> tokenless().syncDevice(sync("UNKNOWN-1")));

    assertThat(refused.code()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(devices("1 = 1")).isZero();
  }

  @Test
  void blockedDevice_isRefused_andAnotherDeviceStillSyncs() throws Exception {
    var phone = device();
    phone.syncDevice(sync(PHONE));
    server.execute("UPDATE devices SET blocked_at = 1");

    var refused = failure(() -> phone.syncDevice(sync(PHONE)));

    assertThat(refused.code()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(refused.errorInfo().getReason()).isEqualTo("DEVICE_BLOCKED");
    assertThat(refused.errorInfo().getMetadataMap()).containsEntry("deviceId", PHONE);
    assertThat(phone.syncDevice(sync("IPHONE-2")).getCommand()).isEqualTo(DeviceCommand.DEVICE_COMMAND_SYNC);
  }

  @Test
  void restore_unblocksWhatTheOffboardingBlocked_andSaysAConfirmedWipeCannotBeUndone() throws Exception {
    var phone = device();
    phone.syncDevice(sync(PHONE));
    phone.syncDevice(sync("TABLET-7"));
    offboard(true, true);
    tokenless().syncDevice(sync(PHONE));

    var restored = server.admin().restoreUser(RestoreUserRequest.newBuilder().setName(NAME).build()).getResult();

    var unblock = step(restored, StepKind.STEP_KIND_UNBLOCK_DEVICES);
    assertThat(unblock.getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_DONE);
    assertThat(unblock.getDetails().getDevicesBlocked().getDeviceIdsList()).containsExactlyInAnyOrder(PHONE, "TABLET-7");
    var cancel = step(restored, StepKind.STEP_KIND_CANCEL_DEVICE_WIPES);
    assertThat(cancel.getDetails().getDevicesWiped().getDevicesList())
        .extracting(d -> d.getDeviceId() + "=" + d.getState())
        .containsExactlyInAnyOrder(PHONE + "=DEVICE_WIPE_STATE_CONFIRMED", "TABLET-7=DEVICE_WIPE_STATE_CANCELLED");
    assertThat(devices("blocked_at IS NOT NULL")).isZero();
    assertThat(devices("wipe_requested_at IS NOT NULL")).isEqualTo(1);
    // The tablet never got its wipe: cancelled, it no longer receives one; the phone stays wiped.
    assertThat(devices("device_id = 'TABLET-7' AND wipe_requested_at IS NULL")).isEqualTo(1);
    assertThat(devices("device_id = '" + PHONE + "' AND wipe_confirmed_at IS NOT NULL")).isEqualTo(1);
    var tablet = failure(() -> tokenless().syncDevice(sync("TABLET-7")));
    assertThat(tablet.code()).isEqualTo(Status.Code.UNAUTHENTICATED);
  }

  @Test
  void wipedDevice_isRefusedEvenWithAValidToken() throws Exception {
    var phone = device();
    phone.syncDevice(sync(PHONE));
    server.execute("UPDATE devices SET wipe_requested_at = 1, wipe_confirmed_at = 2");

    var wiped = failure(() -> phone.syncDevice(sync(PHONE)));

    assertThat(wiped.code()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(wiped.errorInfo().getReason()).isEqualTo("DEVICE_WIPED");
  }

  @Test
  void offboardWithoutDeviceChoices_leavesDevicesAlone() throws Exception {
    device().syncDevice(sync(PHONE));

    var result = offboard(false, false);

    assertThat(step(result, StepKind.STEP_KIND_WIPE_DEVICES).getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_NOT_REQUESTED);
    assertThat(step(result, StepKind.STEP_KIND_BLOCK_DEVICES).getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_NOT_REQUESTED);
    assertThat(devices("blocked_at IS NULL AND wipe_requested_at IS NULL")).isEqualTo(1);
  }

  @Test
  void validateOnly_plansTheWipe_andChangesNothing() throws Exception {
    device().syncDevice(sync(PHONE));

    var plan = server.admin().offboardUser(OffboardUserRequest.newBuilder().setName(NAME).setValidateOnly(true)
        .setOptions(StepOptions.newBuilder().setDevices(DeviceOptions.newBuilder().setWipe(true).setBlock(true))).build())
        .getResult();

    assertThat(step(plan, StepKind.STEP_KIND_WIPE_DEVICES).getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_PLANNED);
    assertThat(step(plan, StepKind.STEP_KIND_BLOCK_DEVICES).getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_PLANNED);
    assertThat(devices("blocked_at IS NULL AND wipe_requested_at IS NULL")).isEqualTo(1);
  }

  @Test
  void helpdeskAdmin_mayNotWipe_andAnExchangeAdminMayNotWipeAnAdminsDevice() throws Exception {
    device().syncDevice(sync(PHONE));
    var helpdesk = server.as("hd@contoso.com", AdminRole.ADMIN_ROLE_HELPDESK_ADMIN);
    var plan = helpdesk.offboardUser(OffboardUserRequest.newBuilder().setName(NAME).setValidateOnly(true)
        .setOptions(StepOptions.newBuilder().setDevices(DeviceOptions.newBuilder().setWipe(true))).build()).getResult();
    assertThat(step(plan, StepKind.STEP_KIND_WIPE_DEVICES).getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_DENIED);
    assertThat(step(plan, StepKind.STEP_KIND_WIPE_DEVICES).getRequiredRolesList())
        .containsExactlyInAnyOrder(AdminRole.ADMIN_ROLE_EXCHANGE_ADMIN, AdminRole.ADMIN_ROLE_GLOBAL_ADMIN);

    server.createUser("ops@contoso.com", AdminRole.ADMIN_ROLE_HELPDESK_ADMIN);
    var exchange = server.as("ex@contoso.com", AdminRole.ADMIN_ROLE_EXCHANGE_ADMIN);
    var adminPlan = exchange.offboardUser(OffboardUserRequest.newBuilder().setName("users/ops@contoso.com").setValidateOnly(true)
        .setOptions(StepOptions.newBuilder().setDevices(DeviceOptions.newBuilder().setWipe(true))).build()).getResult();
    var wipe = step(adminPlan, StepKind.STEP_KIND_WIPE_DEVICES);
    // No device yet: nothing to change needs no permission, so the plan says so rather than deny.
    assertThat(wipe.getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_ALREADY_DONE);
  }

  @Test
  void listDevices_showsEachDeviceWithItsSyncsBlockAndWipeState() throws Exception {
    var phone = device();
    phone.syncDevice(sync(PHONE));
    phone.syncDevice(sync("TABLET-7"));
    var admin = server.admin();
    admin.wipeDevice(WipeDeviceRequest.newBuilder().setName(NAME).setDeviceId(PHONE).build());
    admin.blockDevice(BlockDeviceRequest.newBuilder().setName(NAME).setDeviceId("TABLET-7").build());

    var listed = admin.listDevices(ListDevicesRequest.newBuilder().setName(NAME).build()).getDevicesList();

    assertThat(listed).extracting(MobileDevice::getDeviceId).containsExactly(PHONE, "TABLET-7");
    assertThat(listed.get(0).getWipeState()).isEqualTo(DeviceWipeState.DEVICE_WIPE_STATE_PENDING);
    assertThat(listed.get(0).getModel()).isEqualTo("Pixel 8");
    assertThat(listed.get(0).getBlocked()).isFalse();
    assertThat(listed.get(1).getBlocked()).isTrue();
    assertThat(listed.get(1).getWipeState()).isEqualTo(DeviceWipeState.DEVICE_WIPE_STATE_UNSPECIFIED);

    server.clock.advance(Duration.ofMinutes(3));
    assertThat(phone.syncDevice(sync(PHONE)).getCommand()).isEqualTo(DeviceCommand.DEVICE_COMMAND_WIPE);
    var after = admin.listDevices(ListDevicesRequest.newBuilder().setName(NAME).build()).getDevices(0);
    assertThat(after.getWipeState()).isEqualTo(DeviceWipeState.DEVICE_WIPE_STATE_CONFIRMED);
    assertThat(after.getWipeConfirmedTime().getSeconds()).isEqualTo(server.clock.instant().getEpochSecond());
  }

  @Test
  void wipeDevice_validateOnly_changesNothing_andAnUnknownDeviceIsNotFound() throws Exception {
    device().syncDevice(sync(PHONE));
    var admin = server.admin();

    var planned = admin.wipeDevice(WipeDeviceRequest.newBuilder().setName(NAME).setDeviceId(PHONE).setValidateOnly(true).build());

    assertThat(planned.getStep().getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_PLANNED);
    assertThat(devices("wipe_requested_at IS NULL")).isEqualTo(1);
    var unknown = failure(() -> admin.blockDevice(BlockDeviceRequest.newBuilder().setName(NAME).setDeviceId("NOPE").build()));
    assertThat(unknown.code()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(unknown.errorInfo().getReason()).isEqualTo("DEVICE_NOT_FOUND");
  }

  @Test
  void helpdeskAdmin_isDeniedASingleWipe() throws Exception {
    device().syncDevice(sync(PHONE));
    var helpdesk = server.as("hd@contoso.com", AdminRole.ADMIN_ROLE_HELPDESK_ADMIN);

    var denied = failure(() -> helpdesk.wipeDevice(WipeDeviceRequest.newBuilder().setName(NAME).setDeviceId(PHONE).build()));

    assertThat(denied.code()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(devices("wipe_requested_at IS NULL")).isEqualTo(1);
  }

  @Test
  void restore_leavesADeviceBlockedByHandBlocked() throws Exception {
    device().syncDevice(sync(PHONE));
    server.admin().blockDevice(BlockDeviceRequest.newBuilder().setName(NAME).setDeviceId(PHONE).build());
    offboard(false, true);

    var restored = server.admin().restoreUser(RestoreUserRequest.newBuilder().setName(NAME).build()).getResult();

    assertThat(step(restored, StepKind.STEP_KIND_UNBLOCK_DEVICES).getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_ALREADY_DONE);
    assertThat(devices("blocked_at IS NOT NULL")).isEqualTo(1);
  }
}
