package dev.accountadmin.server;

import dev.accountadmin.server.auth.Authentication;
import dev.accountadmin.server.auth.Authenticators;
import dev.accountadmin.v1.BeginTotpRegistrationRequest;
import dev.accountadmin.v1.BeginTotpRegistrationResponse;
import dev.accountadmin.v1.ConfirmTotpRegistrationRequest;
import dev.accountadmin.v1.ConfirmTotpRegistrationResponse;
import dev.accountadmin.v1.CreateAppPasswordRequest;
import dev.accountadmin.v1.CreateAppPasswordResponse;
import dev.accountadmin.v1.SetAlternateEmailRequest;
import dev.accountadmin.v1.SetAlternateEmailResponse;
import dev.accountadmin.v1.AuthGrpc;
import dev.accountadmin.v1.ChangePasswordRequest;
import dev.accountadmin.v1.ChangePasswordResponse;
import dev.accountadmin.v1.IntrospectRequest;
import dev.accountadmin.v1.IntrospectResponse;
import dev.accountadmin.v1.RefreshTokenRequest;
import dev.accountadmin.v1.RefreshTokenResponse;
import dev.accountadmin.v1.SignInRequest;
import dev.accountadmin.v1.SignInResponse;
import dev.accountadmin.v1.SignOutRequest;
import dev.accountadmin.v1.SignOutResponse;
import io.grpc.stub.StreamObserver;

/** The Auth gRPC edge: sign-in, refresh, sign-out, password change, introspection. */
final class AuthService extends AuthGrpc.AuthImplBase {
  private final Authentication authentication;
  private final Authenticators authenticators;

  AuthService(Authentication authentication, Authenticators authenticators) {
    this.authentication = authentication;
    this.authenticators = authenticators;
  }

  @Override
  public void signIn(SignInRequest request, StreamObserver<SignInResponse> response) {
    var app = Protos.clientApp("client_app", request.getClientApp());
    var signedIn = authentication.signIn(request.getUserPrincipalName(), request.getPassword(),
        request.getVerificationCode(), app, CallContext.clientAddress());
    var tokens = signedIn.tokens();
    response.onNext(SignInResponse.newBuilder()
        .setAccessToken(tokens.accessToken())
        .setAccessTokenExpireTime(Protos.timestamp(tokens.accessExpiresAt()))
        .setRefreshToken(tokens.refreshToken())
        .setSessionId(tokens.sessionId())
        .setRegistrationRequired(signedIn.registrationRequired())
        .addAllAdminRoles(Protos.roles(signedIn.adminRoles()))
        .build());
    response.onCompleted();
  }

  @Override
  public void refreshToken(RefreshTokenRequest request, StreamObserver<RefreshTokenResponse> response) {
    var tokens = authentication.refresh(request.getRefreshToken(), CallContext.clientAddress());
    response.onNext(RefreshTokenResponse.newBuilder()
        .setAccessToken(tokens.accessToken())
        .setAccessTokenExpireTime(Protos.timestamp(tokens.accessExpiresAt()))
        .setRefreshToken(tokens.refreshToken())
        .build());
    response.onCompleted();
  }

  @Override
  public void signOut(SignOutRequest request, StreamObserver<SignOutResponse> response) {
    authentication.signOut(CallContext.caller());
    response.onNext(SignOutResponse.getDefaultInstance());
    response.onCompleted();
  }

  @Override
  public void changePassword(ChangePasswordRequest request, StreamObserver<ChangePasswordResponse> response) {
    authentication.changePassword(request.getUserPrincipalName(), request.getCurrentPassword(),
        request.getNewPassword(), CallContext.clientAddress());
    response.onNext(ChangePasswordResponse.getDefaultInstance());
    response.onCompleted();
  }

  @Override
  public void introspect(IntrospectRequest request, StreamObserver<IntrospectResponse> response) {
    var result = authentication.introspect(request.getToken());
    var proto = IntrospectResponse.newBuilder().setActive(result.active());
    if (!result.active()) {
      proto.setInactiveReason(ProtoEnums.toProto(result.inactive()));
    }
    if (result.claims() != null) {
      proto.setSessionId(result.claims().sessionId())
          .setClientApp(ProtoEnums.toProto(result.claims().clientApp()))
          .setExpireTime(Protos.timestamp(result.claims().expiresAt()));
    }
    if (result.user() != null) {
      proto.setUserPrincipalName(result.user().name().value());
    }
    response.onNext(proto.build());
    response.onCompleted();
  }

  @Override
  public void beginTotpRegistration(BeginTotpRegistrationRequest request,
      StreamObserver<BeginTotpRegistrationResponse> response) {
    var begun = authenticators.beginTotp(CallContext.caller(), request.getDisplayName());
    response.onNext(BeginTotpRegistrationResponse.newBuilder().setMethodId(begun.methodId())
        .setSecret(begun.secret()).setOtpauthUri(begun.otpauthUri()).build());
    response.onCompleted();
  }

  @Override
  public void confirmTotpRegistration(ConfirmTotpRegistrationRequest request,
      StreamObserver<ConfirmTotpRegistrationResponse> response) {
    var method = authenticators.confirmTotp(CallContext.caller(), request.getMethodId(), request.getVerificationCode());
    response.onNext(ConfirmTotpRegistrationResponse.newBuilder().setMethod(Protos.toProto(method)).build());
    response.onCompleted();
  }

  @Override
  public void setAlternateEmail(SetAlternateEmailRequest request, StreamObserver<SetAlternateEmailResponse> response) {
    var method = authenticators.setAlternateEmail(CallContext.caller(), request.getEmail());
    response.onNext(SetAlternateEmailResponse.newBuilder().setMethod(Protos.toProto(method)).build());
    response.onCompleted();
  }

  @Override
  public void createAppPassword(CreateAppPasswordRequest request, StreamObserver<CreateAppPasswordResponse> response) {
    var created = authenticators.createAppPassword(CallContext.caller(), request.getDisplayName());
    response.onNext(CreateAppPasswordResponse.newBuilder().setAppPassword(created.password())
        .setMethod(Protos.toProto(created.method())).build());
    response.onCompleted();
  }
}
