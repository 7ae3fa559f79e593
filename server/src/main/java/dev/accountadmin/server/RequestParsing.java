package dev.accountadmin.server;

import dev.accountadmin.failure.DirectoryException;
import dev.accountadmin.failure.Reason;
import io.grpc.Attributes;
import io.grpc.BindableService;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.SecurityLevel;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.logging.Logger;

/**
 * Re-binds a service so that each request is parsed inside the call rather than by grpc-java's
 * transport. The transport answers a marshaller that throws with UNKNOWN "Application error
 * processing RPC" and logs a SEVERE stack trace, so any client, signed in or not, could flood the
 * log with garbage bytes. Here bytes that are not the method's request (random bytes, a truncated
 * message, invalid UTF-8 in a string field) are answered INVALID_ARGUMENT with an ErrorInfo
 * ({@link Reason#MALFORMED_REQUEST}) and logged as one short line without a stack trace.
 *
 * <p>The descriptors are rebuilt, not patched, with the original names and schema descriptors
 * (which reflection reads): a service definition insists its methods are its descriptor's own.
 */
final class RequestParsing {
  private static final Logger LOG = Logger.getLogger(RequestParsing.class.getName());

  /** The request bytes as they arrived; the call parses them with the method's own marshaller. */
  private static final MethodDescriptor.Marshaller<InputStream> BYTES = new MethodDescriptor.Marshaller<>() {
    @Override
    public InputStream stream(InputStream value) {
      return value;
    }

    @Override
    public InputStream parse(InputStream stream) {
      return stream;
    }
  };

  private RequestParsing() {}

  static ServerServiceDefinition of(BindableService service) {
    return of(service.bindService());
  }

  static ServerServiceDefinition of(ServerServiceDefinition service) {
    var original = service.getServiceDescriptor();
    var methods = new ArrayList<ServerMethodDefinition<InputStream, ?>>();
    for (var method : service.getMethods()) {
      methods.add(rebind(method));
    }
    var descriptor = ServiceDescriptor.newBuilder(original.getName())
        .setSchemaDescriptor(original.getSchemaDescriptor());
    methods.forEach(m -> descriptor.addMethod(m.getMethodDescriptor()));
    var definition = ServerServiceDefinition.builder(descriptor.build());
    methods.forEach(definition::addMethod);
    return definition.build();
  }

  private static <Q, R> ServerMethodDefinition<InputStream, R> rebind(ServerMethodDefinition<Q, R> method) {
    var parsed = method.getMethodDescriptor();
    var raw = parsed.toBuilder(BYTES, parsed.getResponseMarshaller()).build();
    ServerCallHandler<InputStream, R> handler =
        (call, headers) -> new Parsing<>(call, headers, parsed, method.getServerCallHandler());
    return ServerMethodDefinition.create(raw, handler);
  }

  // The parser's own fixed text, never the bytes it was given; its first sentence says enough.
  private static String firstSentence(RuntimeException e) {
    var cause = e.getCause() == null ? e : e.getCause();
    var message = String.valueOf(cause.getMessage());
    var end = message.indexOf(". ");
    return end < 0 ? message : message.substring(0, end + 1);
  }

  /** The listener of one call: parses each message, or closes the call once if it cannot. */
  private static final class Parsing<Q, R> extends ServerCall.Listener<InputStream> {
    private final ServerCall<InputStream, R> call;
    private final Metadata headers;
    private final MethodDescriptor<Q, R> method;
    private final ServerCall.Listener<Q> delegate;
    private boolean failed;

    Parsing(ServerCall<InputStream, R> call, Metadata headers, MethodDescriptor<Q, R> method,
        ServerCallHandler<Q, R> handler) {
      this.call = call;
      this.headers = headers;
      this.method = method;
      this.delegate = handler.startCall(new Parsed<>(call, method), headers);
    }

    @Override
    public void onMessage(InputStream message) {
      if (failed) {
        return;
      }
      Q request;
      try {
        request = method.parseRequest(message);
      } catch (RuntimeException e) {
        failed = true;
        LOG.info(() -> "malformed request to " + method.getFullMethodName() + ": " + firstSentence(e));
        var status = ErrorStatus.from(DirectoryException.of(Reason.MALFORMED_REQUEST,
            "method", method.getFullMethodName()), CallContext.localeOf(headers));
        call.close(status.getStatus(), status.getTrailers());
        return;
      }
      delegate.onMessage(request);
    }

    @Override
    public void onHalfClose() {
      if (!failed) {
        delegate.onHalfClose();
      }
    }

    @Override
    public void onReady() {
      if (!failed) {
        delegate.onReady();
      }
    }

    @Override
    public void onCancel() {
      delegate.onCancel();
    }

    @Override
    public void onComplete() {
      delegate.onComplete();
    }
  }

  /** The call as the service sees it: the original, typed method; everything else forwarded. */
  private static final class Parsed<Q, R> extends ServerCall<Q, R> {
    private final ServerCall<InputStream, R> call;
    private final MethodDescriptor<Q, R> method;

    Parsed(ServerCall<InputStream, R> call, MethodDescriptor<Q, R> method) {
      this.call = call;
      this.method = method;
    }

    @Override
    public MethodDescriptor<Q, R> getMethodDescriptor() {
      return method;
    }

    @Override
    public void request(int numMessages) {
      call.request(numMessages);
    }

    @Override
    public void sendHeaders(Metadata headers) {
      call.sendHeaders(headers);
    }

    @Override
    public void sendMessage(R message) {
      call.sendMessage(message);
    }

    @Override
    public boolean isReady() {
      return call.isReady();
    }

    @Override
    public void setOnReadyThreshold(int numBytes) {
      call.setOnReadyThreshold(numBytes);
    }

    @Override
    public void close(Status status, Metadata trailers) {
      call.close(status, trailers);
    }

    @Override
    public boolean isCancelled() {
      return call.isCancelled();
    }

    @Override
    public void setMessageCompression(boolean enabled) {
      call.setMessageCompression(enabled);
    }

    @Override
    public void setCompression(String compressor) {
      call.setCompression(compressor);
    }

    @Override
    public SecurityLevel getSecurityLevel() {
      return call.getSecurityLevel();
    }

    @Override
    public Attributes getAttributes() {
      return call.getAttributes();
    }

    @Override
    public String getAuthority() {
      return call.getAuthority();
    }
  }
}
