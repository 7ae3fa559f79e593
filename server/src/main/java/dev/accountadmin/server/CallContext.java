package dev.accountadmin.server;

import dev.accountadmin.i18n.Locales;
import dev.accountadmin.server.auth.Authentication;
import dev.accountadmin.domain.Caller;
import dev.accountadmin.failure.DirectoryException;
import dev.accountadmin.failure.Reason;
import dev.accountadmin.v1.AccountAdminGrpc;
import dev.accountadmin.v1.AuthGrpc;
import dev.accountadmin.v1.MailFlowGrpc;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Set;

/**
 * Who is calling, from where, in which language: read once per call from the headers and kept in
 * the gRPC {@link Context}. Authentication happens here, for every method that needs it, so no
 * handler can forget it.
 */
public final class CallContext implements ServerInterceptor {
  static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  static final Metadata.Key<String> ACCEPT_LANGUAGE = Metadata.Key.of("accept-language", Metadata.ASCII_STRING_MARSHALLER);
  private static final Context.Key<Caller> CALLER = Context.key("accountadmin-caller");
  private static final Context.Key<Locale> LOCALE = Context.key("accountadmin-locale");
  private static final Context.Key<String> ADDRESS = Context.key("accountadmin-client-address");
  private static final Context.Key<String> TOKEN = Context.key("accountadmin-token");
  private static final Context.Key<Boolean> UNSUPPORTED = Context.key("accountadmin-unsupported-language");

  // Methods that a caller uses before (or without) having a token.
  private static final Set<String> PUBLIC_METHODS = Set.of(
      AuthGrpc.getSignInMethod().getFullMethodName(),
      AuthGrpc.getRefreshTokenMethod().getFullMethodName(),
      AuthGrpc.getChangePasswordMethod().getFullMethodName(),
      AuthGrpc.getIntrospectMethod().getFullMethodName(),
      AccountAdminGrpc.getGetGuideMethod().getFullMethodName(),
      // Authenticates itself: a pending wipe must reach a device whose user's sessions are revoked.
      MailFlowGrpc.getSyncDeviceMethod().getFullMethodName(),
      // Self-service is for users who cannot sign in.
      dev.accountadmin.v1.SelfServiceGrpc.getBeginRecoveryMethod().getFullMethodName(),
      dev.accountadmin.v1.SelfServiceGrpc.getCompleteRecoveryMethod().getFullMethodName());

  // Methods a session may call while its user must register an authenticator before anything else.
  private static final Set<String> REGISTRATION_METHODS = Set.of(
      AuthGrpc.getBeginTotpRegistrationMethod().getFullMethodName(),
      AuthGrpc.getConfirmTotpRegistrationMethod().getFullMethodName(),
      AuthGrpc.getSignOutMethod().getFullMethodName());

  /**
   * The most metadata a call may carry, counted as HTTP/2 counts a header list (RFC 9113 6.5.2):
   * each name and value plus 32 octets. It is gRPC's usual limit; the transport lets up to
   * {@link #TRANSPORT_METADATA_LIMIT} through so that a call over it gets an error it can read
   * rather than an HTTP/2 protocol failure.
   */
  static final int METADATA_LIMIT = 8 * 1024;
  static final int TRANSPORT_METADATA_LIMIT = 64 * 1024;

  private final Authentication authentication;

  public CallContext(Authentication authentication) {
    this.authentication = authentication;
  }

  /** The authenticated caller of the current call. */
  public static Caller caller() {
    var caller = CALLER.get();
    if (caller == null) {
      throw new IllegalStateException("no caller: the method is not behind CallContext");
    }
    return caller;
  }

  /** The language of the current call ({@code accept-language}), English by default. */
  public static Locale locale() {
    var locale = LOCALE.get();
    return locale == null ? Locale.ENGLISH : locale;
  }

  /** True when the call asked (accept-language) only for languages we do not have. */
  public static boolean languageUnsupported() {
    return Boolean.TRUE.equals(UNSUPPORTED.get());
  }

  /** The caller's network address. */
  public static String clientAddress() {
    var address = ADDRESS.get();
    return address == null ? "" : address;
  }

  /** The bearer token of the current call, or empty. */
  public static String token() {
    var token = TOKEN.get();
    return token == null ? "" : token;
  }

  static int metadataSize(Metadata headers) {
    int size = 0;
    for (var name : headers.keys()) {
      if (name.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
        // Binary values travel in base64: four characters for every three bytes.
        for (var value : headers.getAll(Metadata.Key.of(name, Metadata.BINARY_BYTE_MARSHALLER))) {
          size += name.length() + (value.length + 2) / 3 * 4 + 32;
        }
      } else {
        for (var value : headers.getAll(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER))) {
          size += name.length() + value.length() + 32;
        }
      }
    }
    return size;
  }

  static Locale localeOf(Metadata headers) {
    return Locales.fromAcceptLanguage(headers.get(ACCEPT_LANGUAGE));
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    var locale = localeOf(headers);
    var size = metadataSize(headers);
    if (size > METADATA_LIMIT) {
      var status = ErrorStatus.from(DirectoryException.of(Reason.METADATA_TOO_LARGE,
          "size", Integer.toString(size), "limit", Integer.toString(METADATA_LIMIT)), locale);
      call.close(status.getStatus(), status.getTrailers());
      return new ServerCall.Listener<>() {};
    }
    var remote = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
    var address = remote instanceof InetSocketAddress inet ? inet.getAddress().getHostAddress() : String.valueOf(remote);
    var authorization = headers.get(AUTHORIZATION);
    var token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
        ? authorization.substring(7).trim() : "";
    var context = Context.current().withValues(LOCALE, locale, ADDRESS, address, TOKEN, token)
        .withValue(UNSUPPORTED, Locales.isUnsupportedAcceptLanguage(headers.get(ACCEPT_LANGUAGE)));
    // Only our services are behind this interceptor; health and reflection are not.
    var method = call.getMethodDescriptor();
    if (!PUBLIC_METHODS.contains(method.getFullMethodName())) {
      try {
        context = context.withValue(CALLER, REGISTRATION_METHODS.contains(method.getFullMethodName())
            ? authentication.authenticateForRegistration(token, address)
            : authentication.authenticate(token, address));
      } catch (DirectoryException e) {
        var status = ErrorStatus.from(e, locale, ErrorStatus.Audience.of(method));
        call.close(status.getStatus(), status.getTrailers());
        return new ServerCall.Listener<>() {};
      }
    }
    return Contexts.interceptCall(context, call, headers, next);
  }
}
