package dev.accountadmin.server;

import dev.accountadmin.domain.Caller;
import dev.accountadmin.failure.DirectoryException;
import dev.accountadmin.server.auth.Authentication;
import dev.accountadmin.server.mail.DeviceSync;
import dev.accountadmin.server.mail.MailFlow;
import dev.accountadmin.server.mail.MailboxAccess;
import dev.accountadmin.domain.UserName;
import dev.accountadmin.v1.AddressListEntry;
import dev.accountadmin.v1.AutomaticReply;
import dev.accountadmin.v1.CreateInboxRuleRequest;
import dev.accountadmin.v1.CreateInboxRuleResponse;
import dev.accountadmin.v1.LookupAddressListRequest;
import dev.accountadmin.v1.LookupAddressListResponse;
import dev.accountadmin.v1.OpenMailboxRequest;
import dev.accountadmin.v1.OpenMailboxResponse;
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
  private final MailboxAccess mailboxes;
  private final Authentication authentication;

  MailFlowService(MailFlow mail, DeviceSync devices, MailboxAccess mailboxes, Authentication authentication) {
    this.mail = mail;
    this.devices = devices;
    this.mailboxes = mailboxes;
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
    var accepted = mail.submit(CallContext.caller(), request.getRecipientsList(), request.getSubject());
    var proto = SubmitMessageResponse.newBuilder()
        .setMessageId(accepted.messageId())
        .setInternalRecipientCount(accepted.internal())
        .setExternalRecipientCount(accepted.external());
    for (var d : accepted.deliveries()) {
      var delivery = dev.accountadmin.v1.Delivery.newBuilder().setRecipient(d.recipient()).addAllDeliveredTo(d.deliveredTo())
          .addAllRuleForwardedTo(d.ruleForwardedTo()).setDeletedByRule(d.deletedByRule());
      if (d.autoReply() != null) {
        delivery.setAutomaticReply(AutomaticReply.newBuilder().setFrom(d.recipient()).setMessage(d.autoReply()));
      }
      proto.addDeliveries(delivery);
    }
    response.onNext(proto.build());
    response.onCompleted();
  }

  @Override
  public void createInboxRule(CreateInboxRuleRequest request, StreamObserver<CreateInboxRuleResponse> response) {
    var caller = CallContext.caller();
    var rule = request.getRule();
    MailboxProtos.validate("rule", rule);
    var created = mailboxes.createRule(caller, rule.getName(), rule.getSubjectContains(), rule.getForwardTo(),
        rule.getRedirectTo(), rule.getDeleteMessage(), rule.getMoveToFolder());
    response.onNext(CreateInboxRuleResponse.newBuilder().setRule(MailboxProtos.toProto(created)).build());
    response.onCompleted();
  }

  @Override
  public void openMailbox(OpenMailboxRequest request, StreamObserver<OpenMailboxResponse> response) {
    var target = request.getMailbox().isEmpty() ? null : UserName.parse("mailbox", request.getMailbox());
    var opened = mailboxes.open(CallContext.caller(), target);
    response.onNext(OpenMailboxResponse.newBuilder().setMailbox(opened.mailbox().value()).setShared(opened.shared())
        .setAccess(switch (opened.access()) {
          case OWNER -> dev.accountadmin.v1.MailboxAccess.MAILBOX_ACCESS_OWNER;
          case DELEGATE -> dev.accountadmin.v1.MailboxAccess.MAILBOX_ACCESS_DELEGATE;
        }).build());
    response.onCompleted();
  }

  @Override
  public void lookupAddressList(LookupAddressListRequest request, StreamObserver<LookupAddressListResponse> response) {
    if (request.getPrefix().chars().anyMatch(Character::isISOControl)) {
      throw DirectoryException.invalid(dev.accountadmin.failure.FieldViolation.controlCharacters("prefix"));
    }
    var proto = LookupAddressListResponse.newBuilder();
    for (var entry : mailboxes.lookup(request.getPrefix(), request.getPageSize())) {
      proto.addEntries(AddressListEntry.newBuilder().setAddress(entry.name().value())
          .setDisplayName(entry.displayName()).setShared(entry.shared()));
    }
    response.onNext(proto.build());
    response.onCompleted();
  }
}
