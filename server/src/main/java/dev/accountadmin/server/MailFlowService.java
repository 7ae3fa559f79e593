package dev.accountadmin.server;

import dev.accountadmin.server.mail.MailFlow;
import dev.accountadmin.v1.MailFlowGrpc;
import dev.accountadmin.v1.SubmitMessageRequest;
import dev.accountadmin.v1.SubmitMessageResponse;
import io.grpc.stub.StreamObserver;

/** The MailFlow gRPC edge: the sender is the bearer token's user. */
final class MailFlowService extends MailFlowGrpc.MailFlowImplBase {
  private final MailFlow mail;

  MailFlowService(MailFlow mail) {
    this.mail = mail;
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
