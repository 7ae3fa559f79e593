package dev.accountadmin.server;

import dev.accountadmin.failure.DirectoryException;
import dev.accountadmin.v1.ClientApp;
import dev.accountadmin.v1.SignInRequest;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The outermost interceptor: handlers throw {@link DirectoryException}, and this turns it into
 * the error the client sees. Anything unmapped becomes INTERNAL (logged once, with its stack) and
 * never reaches a client as UNKNOWN; an UNIMPLEMENTED method still gets its ErrorInfo.
 */
public final class ErrorInterceptor implements ServerInterceptor {
  private static final Logger LOG = Logger.getLogger(ErrorInterceptor.class.getName());
  private static final Metadata.Key<byte[]> STATUS_DETAILS =
      Metadata.Key.of("grpc-status-details-bin", Metadata.BINARY_BYTE_MARSHALLER);

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    var locale = CallContext.localeOf(headers);
    var method = call.getMethodDescriptor().getFullMethodName();
    var guarded = new GuardedCall<>(call, locale, method, ErrorStatus.Audience.of(call.getMethodDescriptor()));
    ServerCall.Listener<Q> delegate;
    try {
      delegate = next.startCall(guarded, headers);
    } catch (RuntimeException e) {
      guarded.fail(e);
      return new ServerCall.Listener<>() {};
    }
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(delegate) {
      @Override
      public void onMessage(Q message) {
        // acctadmin login signs in to the admin API: its errors are for an admin.
        if (message instanceof SignInRequest signIn && signIn.getClientApp() == ClientApp.CLIENT_APP_ADMIN_API) {
          guarded.audience = ErrorStatus.Audience.ADMIN;
        }
        try {
          super.onMessage(message);
        } catch (RuntimeException e) {
          guarded.fail(e);
        }
      }

      @Override
      public void onHalfClose() {
        try {
          super.onHalfClose();
        } catch (RuntimeException e) {
          guarded.fail(e);
        }
      }
    };
  }

  /** Closes at most once, and rewrites statuses a client must never see bare. */
  private static final class GuardedCall<Q, R> extends ForwardingServerCall.SimpleForwardingServerCall<Q, R> {
    private final Locale locale;
    private final String method;
    private volatile ErrorStatus.Audience audience;
    private boolean closed;

    GuardedCall(ServerCall<Q, R> call, Locale locale, String method, ErrorStatus.Audience audience) {
      super(call);
      this.locale = locale;
      this.method = method;
      this.audience = audience;
    }

    void fail(RuntimeException e) {
      StatusRuntimeException status;
      if (e instanceof DirectoryException directory) {
        // The reason and metadata never hold a secret (DirectoryException's contract).
        LOG.fine(() -> method + " failed: " + directory.reason() + " " + directory.metadata());
        status = ErrorStatus.from(directory, locale, audience);
      } else if (e instanceof StatusRuntimeException grpc && StatusProto.fromThrowable(grpc) != null) {
        status = grpc;
      } else {
        LOG.log(Level.SEVERE, "unexpected failure in " + method, e);
        status = ErrorStatus.internal(locale, audience);
      }
      close(status.getStatus(), status.getTrailers());
    }

    @Override
    public synchronized void close(Status status, Metadata trailers) {
      if (closed) {
        return;
      }
      closed = true;
      var hasDetails = trailers != null && trailers.containsKey(STATUS_DETAILS);
      if (!hasDetails && status.getCode() == Status.Code.UNIMPLEMENTED) {
        var replacement = ErrorStatus.unimplemented(method, locale);
        super.close(replacement.getStatus(), replacement.getTrailers());
      } else if (!hasDetails && status.getCode() == Status.Code.UNKNOWN) {
        LOG.log(Level.SEVERE, "call " + method + " ended UNKNOWN", status.getCause());
        var replacement = ErrorStatus.internal(locale, audience);
        super.close(replacement.getStatus(), replacement.getTrailers());
      } else {
        super.close(status, trailers);
      }
    }
  }
}
