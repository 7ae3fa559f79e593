package dev.accountadmin.server;

import dev.accountadmin.server.auth.Totp;
import dev.accountadmin.v1.AuthGrpc;
import dev.accountadmin.v1.BeginTotpRegistrationRequest;
import dev.accountadmin.v1.ClientApp;
import dev.accountadmin.v1.ConfirmTotpRegistrationRequest;
import dev.accountadmin.v1.SignInRequest;
import dev.accountadmin.v1.SignInResponse;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.time.Instant;

/**
 * A user's authenticator app for tests: registers itself through the real Auth service, and
 * computes the code for any instant of the test clock as a phone would.
 */
final class Authenticator {
  final byte[] key;
  final String methodId;

  private Authenticator(byte[] key, String methodId) {
    this.key = key;
    this.methodId = methodId;
  }

  /** The code the app shows at {@code instant}. */
  String code(Instant instant) {
    return Totp.code(key, instant);
  }

  /** Registers an authenticator for {@code user} (password {@link TestServer#USER_PASSWORD}, no code yet). */
  static Authenticator register(TestServer server, String user) {
    return register(server, self(server, signIn(server, user, "")));
  }

  /** Begins and confirms a registration through {@code auth}, a stub signed in as the user. */
  static Authenticator register(TestServer server, AuthGrpc.AuthBlockingStub auth) {
    var begun = auth.beginTotpRegistration(BeginTotpRegistrationRequest.newBuilder().setDisplayName("Phone").build());
    LogCapture.secret(begun.getSecret());
    var key = Totp.fromBase32(begun.getSecret());
    auth.confirmTotpRegistration(ConfirmTotpRegistrationRequest.newBuilder().setMethodId(begun.getMethodId())
        .setVerificationCode(Totp.code(key, server.clock.instant())).build());
    // The confirming code's step is spent: the next sign-in needs the next code.
    server.clock.advance(java.time.Duration.ofSeconds(30));
    return new Authenticator(key, begun.getMethodId());
  }

  static SignInResponse signIn(TestServer server, String user, String code) {
    return server.auth().signIn(SignInRequest.newBuilder().setUserPrincipalName(user)
        .setPassword(TestServer.USER_PASSWORD).setVerificationCode(code).setClientApp(ClientApp.CLIENT_APP_BROWSER).build());
  }

  /** An Auth stub carrying the user's own token. */
  static AuthGrpc.AuthBlockingStub self(TestServer server, SignInResponse signedIn) {
    var headers = new Metadata();
    headers.put(CallContext.AUTHORIZATION, "Bearer " + signedIn.getAccessToken());
    return server.auth().withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }
}
