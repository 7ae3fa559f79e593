package dev.accountadmin.server;

import dev.accountadmin.domain.MethodKind;
import dev.accountadmin.failure.DirectoryException;
import dev.accountadmin.failure.FieldViolation;
import dev.accountadmin.i18n.Locales;
import dev.accountadmin.server.auth.SelfServiceRecovery;
import dev.accountadmin.v1.BeginRecoveryRequest;
import dev.accountadmin.v1.BeginRecoveryResponse;
import dev.accountadmin.v1.CompleteRecoveryRequest;
import dev.accountadmin.v1.CompleteRecoveryResponse;
import dev.accountadmin.v1.RecoveryChoice;
import dev.accountadmin.v1.SelfServiceGrpc;
import io.grpc.stub.StreamObserver;

/** The SelfService gRPC edge: a locked-out user's recovery, without a token. */
final class SelfServiceService extends SelfServiceGrpc.SelfServiceImplBase {
  private final SelfServiceRecovery recovery;

  SelfServiceService(SelfServiceRecovery recovery) {
    this.recovery = recovery;
  }

  @Override
  public void beginRecovery(BeginRecoveryRequest request, StreamObserver<BeginRecoveryResponse> response) {
    var method = switch (request.getMethod()) {
      case RECOVERY_METHOD_AUTHENTICATOR_APP -> MethodKind.AUTHENTICATOR_APP;
      case RECOVERY_METHOD_ALTERNATE_EMAIL -> MethodKind.ALTERNATE_EMAIL;
      case RECOVERY_METHOD_UNSPECIFIED, UNRECOGNIZED -> throw DirectoryException.invalid(FieldViolation.required("method"));
    };
    var locale = request.getLanguage().isBlank() ? CallContext.locale() : Locales.fromAcceptLanguage(request.getLanguage());
    var begun = recovery.begin(request.getUserPrincipalName(), method, locale, request.getClientAddress(),
        CallContext.clientAddress());
    response.onNext(BeginRecoveryResponse.newBuilder()
        .setRecoveryId(begun.recoveryId())
        .setExpireTime(Protos.timestamp(begun.expiresAt()))
        .setAttemptsAllowed(begun.attemptsAllowed())
        .setCodeLength(begun.codeLength())
        .build());
    response.onCompleted();
  }

  @Override
  public void completeRecovery(CompleteRecoveryRequest request, StreamObserver<CompleteRecoveryResponse> response) {
    var choice = switch (request.getChoice()) {
      case RECOVERY_CHOICE_UNLOCK -> SelfServiceRecovery.Choice.UNLOCK;
      case RECOVERY_CHOICE_SET_PASSWORD -> SelfServiceRecovery.Choice.SET_PASSWORD;
      case RECOVERY_CHOICE_UNSPECIFIED, UNRECOGNIZED -> null;
    };
    var done = recovery.complete(request.getRecoveryId(), request.getVerificationCode(), choice,
        request.getNewPassword(), request.getClientAddress(), CallContext.clientAddress());
    response.onNext(CompleteRecoveryResponse.newBuilder()
        .setUserPrincipalName(done.user())
        .setChoice(done.choice() == SelfServiceRecovery.Choice.UNLOCK
            ? RecoveryChoice.RECOVERY_CHOICE_UNLOCK : RecoveryChoice.RECOVERY_CHOICE_SET_PASSWORD)
        .setEffectiveTime(Protos.timestamp(done.effectiveAt()))
        .setLockoutCleared(done.lockoutCleared())
        .setRevokedSessionCount(done.revokedSessions())
        .build());
    response.onCompleted();
  }
}
