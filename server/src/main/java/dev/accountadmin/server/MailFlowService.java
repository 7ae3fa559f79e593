package dev.accountadmin.server;

import dev.accountadmin.domain.Caller;
import dev.accountadmin.failure.DirectoryException;
import dev.accountadmin.server.auth.Authentication;
import dev.accountadmin.server.mail.DeviceSync;
import dev.accountadmin.server.mail.MailFlow;
import dev.accountadmin.v1.DeviceCommand;
import dev.accountadmin.v1.SyncDeviceRequest;
import dev.accountadmin.v1.SyncDeviceResponse;
import dev.accountadmin.v1.MailFlowGrpc;
import dev.accountadmin.v1.SubmitMessageRequest;
import dev.accountadmin.v1.SubmitMessageResponse;
import io.grpc.stub.StreamObserver;

/** The MailFlow gRPC edge: the sender is the bearer token's user. */
final class MailFlowService extends MailFlowGrpc.MailFlowImplBase {
  private final MailFlow mail;
  private final DeviceSync devices;
  private final Authentication authentication;

  MailFlowService(MailFlow mail, DeviceSync devices, Authentication authentication) {
    this.mail = mail;
    this.devices = devices;
    this.authentication = authentication;
  }

  // Public in CallContext: a device whose user's sessions were revoked must still get its pending
  // wipe (see DeviceSync), so the token is checked here and its refusal kept for every other case.
  @Override
  public void syncDevice(SyncDeviceRequest request, StreamObserver<SyncDeviceResponse> response) {
    Caller caller = null;
    DirectoryException refused = null;
    try {
      caller = authentication.authenticate(CallContext.token(), CallContext.clientAddress());
    } catch (DirectoryException e) {
      refused = e;
    }
    var command = devices.sync(caller, refused, request.getUserName(), request.getDeviceId(), request.getModel());
    response.onNext(SyncDeviceResponse.newBuilder().setCommand(switch (command) {
      case SYNC -> DeviceCommand.DEVICE_COMMAND_SYNC;
      case WIPE -> DeviceCommand.DEVICE_COMMAND_WIPE;
    }).build());
    response.onCompleted();
  }

  @Override
  public void submitMessage(SubmitMessageRequest request, StreamObserver<SubmitMessageResponse> response) {
    var accepted = mail.submit(CallContext.caller(), request.getRecipientsList());
    response.onNext(SubmitMessageResponse.newBuilder()
        .setMessageId(accepted.messageId())
        .setInternalRecipientCount(accepted.internal())
        .setExternalRecipientCount(accepted.external())
        .build());
    response.onCompleted();
  }
}
