package dev.accountadmin.server;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import com.google.rpc.LocalizedMessage;
import com.google.rpc.RetryInfo;
import dev.accountadmin.i18n.Messages;
import dev.accountadmin.failure.DirectoryException;
import dev.accountadmin.failure.Reason;
import dev.accountadmin.v1.AuthGrpc;
import dev.accountadmin.v1.MailFlowGrpc;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a {@link DirectoryException} into a {@code google.rpc.Status}: the gRPC code, an
 * {@code ErrorInfo} whose metadata holds every value of the message, {@code BadRequest} field
 * violations, {@code RetryInfo} when waiting helps, and a {@code LocalizedMessage} in the
 * caller's language.
 */
public final class ErrorStatus {
  /** The ErrorInfo domain of every AccountAdmin error. */
  public static final String DOMAIN = "accountadmin.dev";

  private ErrorStatus() {}

  /** The gRPC code of each reason; exhaustive, so a new reason must be mapped to compile. */
  static Code code(Reason reason) {
    return switch (reason) {
      case INVALID_ARGUMENT, MALFORMED_REQUEST, PASSWORD_TOO_WEAK, REQUEST_ID_REUSED -> Code.INVALID_ARGUMENT;
      // A second factor missing or wrong is a sign-in that did not authenticate, like a wrong password.
      case MFA_CODE_REQUIRED, MFA_CODE_INVALID, MFA_CODE_ALREADY_USED, APP_PASSWORD_REQUIRED -> Code.UNAUTHENTICATED;
      // The session is real, but may do nothing else until the user registers an authenticator.
      case MFA_REGISTRATION_REQUIRED -> Code.FAILED_PRECONDITION;
      case METHOD_NOT_FOUND, TOTP_REGISTRATION_NOT_FOUND -> Code.NOT_FOUND;
      case UNAUTHENTICATED, TOKEN_EXPIRED, SESSION_REVOKED, INVALID_CREDENTIALS -> Code.UNAUTHENTICATED;
      case ACCOUNT_LOCKED, SIGN_IN_BLOCKED, PROTOCOL_DISABLED, PASSWORD_CHANGE_REQUIRED,
          USER_DELETED, USER_NOT_DELETED, NOT_OFFBOARDED, SENDING_RESTRICTED, DEVICE_WIPED -> Code.FAILED_PRECONDITION;
      // METADATA_TOO_LARGE as gRPC answers a message over its size limit.
      case OUTBOUND_LIMIT_EXCEEDED, SIGN_IN_THROTTLED, METADATA_TOO_LARGE -> Code.RESOURCE_EXHAUSTED;
      case PERMISSION_DENIED, READ_DENIED, STEPS_DENIED, MAIL_CLIENT_REQUIRED, DEVICE_BLOCKED -> Code.PERMISSION_DENIED;
      case USER_NOT_FOUND, USER_PURGED, BATCH_NOT_FOUND, DEVICE_NOT_FOUND -> Code.NOT_FOUND;
      case USER_ALREADY_EXISTS -> Code.ALREADY_EXISTS;
      case CONCURRENT_MODIFICATION -> Code.ABORTED;
      case NOT_IMPLEMENTED -> Code.UNIMPLEMENTED;
      case LICENCE_SEATS_EXHAUSTED -> Code.RESOURCE_EXHAUSTED;
      case SCHEDULE_NOT_FOUND -> Code.NOT_FOUND;
      case SCHEDULE_NOT_PENDING -> Code.FAILED_PRECONDITION;
      // AIP-154: a stale etag is ABORTED; read again and retry.
      case SCHEDULE_VERSION_MISMATCH, TEMPLATE_VERSION_MISMATCH -> Code.ABORTED;
      case SCHEDULE_DENIED, TEMPLATE_DENIED -> Code.PERMISSION_DENIED;
      case MAILBOX_SHARED, FORWARDING_TO_SELF, DELEGATE_IS_MAILBOX_OWNER -> Code.FAILED_PRECONDITION;
      case MAILBOX_ACCESS_DENIED -> Code.PERMISSION_DENIED;
      case FORWARDING_TARGET_NOT_FOUND, DELEGATE_NOT_FOUND -> Code.NOT_FOUND;
      case INTERNAL -> Code.INTERNAL;
      // External directories: one that does not answer may answer a retry; one that refuses will not.
      case DIRECTORY_UNAVAILABLE -> Code.UNAVAILABLE;
      case DIRECTORY_REFUSED, STEP_NOT_APPLICABLE -> Code.FAILED_PRECONDITION;
      // Self-service: a wrong code did not prove who the user is, like a wrong password.
      case SELF_SERVICE_THROTTLED -> Code.RESOURCE_EXHAUSTED;
      case RECOVERY_CODE_INVALID -> Code.UNAUTHENTICATED;
      case RECOVERY_EXPIRED -> Code.FAILED_PRECONDITION;
    };
  }

  /**
   * Who reads an error's text: an admin (the admin API, whose errors may point to acctadmin), or a
   * user in a mail app or at a sign-in page, who is told what a user can do.
   */
  public enum Audience {
    ADMIN,
    USER;

    /** The audience of a method: Auth, MailFlow and SelfService face users, except a sign-in to the admin API. */
    static Audience of(io.grpc.MethodDescriptor<?, ?> method) {
      var service = method.getServiceName();
      return AuthGrpc.SERVICE_NAME.equals(service) || MailFlowGrpc.SERVICE_NAME.equals(service)
          || dev.accountadmin.v1.SelfServiceGrpc.SERVICE_NAME.equals(service) ? USER : ADMIN;
    }
  }

  public static StatusRuntimeException from(DirectoryException e, Locale locale) {
    return from(e, locale, Audience.ADMIN);
  }

  public static StatusRuntimeException from(DirectoryException e, Locale locale, Audience audience) {
    var messages = Messages.of(locale, ZoneOffset.UTC);
    var english = Messages.of(Locale.ENGLISH, ZoneOffset.UTC);
    java.util.function.BiFunction<Messages, DirectoryException, String> text = audience == Audience.USER
        ? (m, error) -> m.renderUserError(error.reason().name(), error.metadata())
        : (m, error) -> m.renderError(error.reason().name(), error.metadata());
    var status = com.google.rpc.Status.newBuilder()
        .setCode(code(e.reason()).getNumber())
        // The status message is for logs and generic tools: always English.
        .setMessage(text.apply(english, e))
        .addDetails(Any.pack(ErrorInfo.newBuilder()
            .setReason(e.reason().name())
            .setDomain(DOMAIN)
            .putAllMetadata(e.metadata())
            .build()));
    if (!e.violations().isEmpty()) {
      var badRequest = BadRequest.newBuilder();
      for (var v : e.violations()) {
        badRequest.addFieldViolations(BadRequest.FieldViolation.newBuilder()
            .setField(v.field())
            .setReason(v.code())
            .setDescription(english.renderViolation(v.code(), v.metadata()))
            .setLocalizedMessage(LocalizedMessage.newBuilder()
                .setLocale(messages.locale().toLanguageTag())
                .setMessage(messages.renderViolation(v.code(), v.metadata()))));
      }
      status.addDetails(Any.pack(badRequest.build()));
    }
    if (e.retryAfter() != null) {
      status.addDetails(Any.pack(RetryInfo.newBuilder()
          .setRetryDelay(com.google.protobuf.Duration.newBuilder()
              .setSeconds(e.retryAfter().getSeconds())
              .setNanos(e.retryAfter().getNano()))
          .build()));
    }
    status.addDetails(Any.pack(LocalizedMessage.newBuilder()
        .setLocale(messages.locale().toLanguageTag())
        .setMessage(text.apply(messages, e))
        .build()));
    return StatusProto.toStatusRuntimeException(status.build());
  }

  /** An unexpected failure: INTERNAL, with nothing of its cause (which may hold data). */
  public static StatusRuntimeException internal(Locale locale, Audience audience) {
    return from(DirectoryException.of(Reason.INTERNAL, Map.of()), locale, audience);
  }

  /** A method whose issue has not landed yet. */
  public static StatusRuntimeException unimplemented(String method, Locale locale) {
    return from(DirectoryException.of(Reason.NOT_IMPLEMENTED, "method", method), locale);
  }
}
