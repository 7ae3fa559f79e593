package dev.accountadmin.server;

import dev.accountadmin.server.auth.Authentication;
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

  AuthService(Authentication authentication) {
    this.authentication = authentication;
  }

  @Override
  public void signIn(SignInRequest request, StreamObserver<SignInResponse> response) {
    var app = Protos.clientApp("client_app", request.getClientApp());
    var tokens = authentication.signIn(request.getUserPrincipalName(), request.getPassword(), app,
        CallContext.clientAddress());
    response.onNext(SignInResponse.newBuilder()
        .setAccessToken(tokens.accessToken())
        .setAccessTokenExpireTime(Protos.timestamp(tokens.accessExpiresAt()))
        .setRefreshToken(tokens.refreshToken())
        .setSessionId(tokens.sessionId())
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
}
