package dev.accountadmin.server;

import static dev.accountadmin.server.TestServer.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.accountadmin.server.store.Dialect;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Bytes that are not a request, sent raw: a clean INVALID_ARGUMENT and one short log line each. */
@ParameterizedClass
@EnumSource(Dialect.class)
final class MalformedRequestsTest {
  /** Random bytes (a varint that never ends), a truncated string field, and invalid UTF-8. */
  static final List<byte[]> GARBAGE = List.of(
      new byte[] {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1},
      new byte[] {0x0A, 0x10, 'a', 'd'},
      new byte[] {0x0A, 0x02, (byte) 0xC3, 0x28});

  private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  };

  @Parameter Dialect engine;
  @TempDir Path dir;
  TestServer server;
  final List<LogRecord> logged = new CopyOnWriteArrayList<>();
  final Handler recorder = new Handler() {
    @Override
    public void publish(LogRecord record) {
      logged.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  @BeforeEach
  void start() throws Exception {
    server = new TestServer(engine, dir);
    Logger.getLogger("").addHandler(recorder);
  }

  @AfterEach
  void stop() throws Exception {
    Logger.getLogger("").removeHandler(recorder);
    server.close();
  }

  static MethodDescriptor<byte[], byte[]> raw(String fullName, MethodDescriptor.MethodType type) {
    return MethodDescriptor.<byte[], byte[]>newBuilder().setType(type).setFullMethodName(fullName)
        .setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();
  }

  static byte[] unary(Channel channel, String fullName, byte[] request) {
    return ClientCalls.blockingUnaryCall(channel, raw(fullName, MethodDescriptor.MethodType.UNARY),
        CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS), request);
  }

  Channel signedIn() {
    var headers = new Metadata();
    headers.put(CallContext.AUTHORIZATION, "Bearer " + server.signIn(TestServer.ADMIN, TestServer.ADMIN_PASSWORD));
    headers.put(CallContext.ACCEPT_LANGUAGE, "fr");
    return ClientInterceptors.intercept(server.channel(), MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  @Test
  void garbage_toAPublicMethod_isInvalidArgumentWithErrorInfo() {
    for (var garbage : GARBAGE) {
      var failure = failure(() -> unary(server.channel(), "accountadmin.v1.Auth/SignIn", garbage));

      assertThat(failure.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
      assertThat(failure.errorInfo().getReason()).isEqualTo("MALFORMED_REQUEST");
      assertThat(failure.errorInfo().getDomain()).isEqualTo(ErrorStatus.DOMAIN);
      assertThat(failure.errorInfo().getMetadataMap()).containsEntry("method", "accountadmin.v1.Auth/SignIn");
    }
  }

  @Test
  void garbage_toSignedInMethods_unaryAndStreaming_isInvalidArgumentInTheCallersLanguage() {
    var channel = signedIn();
    var unary = failure(() -> unary(channel, "accountadmin.v1.AccountAdmin/ListUsers", GARBAGE.get(0)));
    var streaming = failure(() -> ClientCalls.blockingServerStreamingCall(channel,
        raw("accountadmin.v1.AccountAdmin/BatchOffboardUsers", MethodDescriptor.MethodType.SERVER_STREAMING),
        CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS), GARBAGE.get(1)).forEachRemaining(r -> { }));

    for (var failure : List.of(unary, streaming)) {
      assertThat(failure.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
      assertThat(failure.errorInfo().getReason()).isEqualTo("MALFORMED_REQUEST");
      assertThat(failure.localizedMessage().getLocale()).isEqualTo("fr");
    }
    assertThat(unary.localizedMessage().getMessage()).contains("accountadmin.v1.AccountAdmin/ListUsers");
  }

  @Test
  void garbage_isLoggedAsOneShortLinePerCall_withoutAStackTrace() {
    for (var garbage : GARBAGE) {
      failure(() -> unary(server.channel(), "accountadmin.v1.Auth/SignIn", garbage));
    }

    // The server's own loggers and grpc-java's (which logged the stack trace before); not the database's.
    var serverSide = logged.stream().filter(r -> r.getLoggerName() != null
        && (r.getLoggerName().startsWith("dev.accountadmin") || r.getLoggerName().startsWith("io.grpc"))).toList();
    assertThat(serverSide).filteredOn(r -> r.getThrown() != null || r.getLevel().intValue() >= Level.WARNING.intValue())
        .isEmpty();
    assertThat(logged).filteredOn(r -> String.valueOf(r.getMessage()).contains("malformed request"))
        .hasSize(GARBAGE.size())
        .allSatisfy(r -> assertThat(r.getMessage()).contains("accountadmin.v1.Auth/SignIn").doesNotContain("\n"));
  }

  @Test
  void garbage_toHealth_isInvalidArgumentToo_andAWellFormedCallStillWorks() {
    var failure = failure(() -> unary(server.channel(), "grpc.health.v1.Health/Check", GARBAGE.get(0)));

    assertThat(failure.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(failure.errorInfo().getReason()).isEqualTo("MALFORMED_REQUEST");
    // An empty message is a valid request: every field at its default.
    assertThat(unary(server.channel(), "grpc.health.v1.Health/Check", new byte[0])).isNotEmpty();
  }

  @Test
  void metadataOverTheLimit_isResourceExhaustedWithErrorInfo_andUnderItStillReachesTheMethod() {
    for (int size : new int[] {9_000, 40_000}) {
      var headers = new Metadata();
      headers.put(Metadata.Key.of("x-filler", Metadata.ASCII_STRING_MARSHALLER), "a".repeat(size));
      headers.put(CallContext.ACCEPT_LANGUAGE, "sv");
      var channel = ClientInterceptors.intercept(server.channel(), MetadataUtils.newAttachHeadersInterceptor(headers));

      var failure = failure(() -> unary(channel, "accountadmin.v1.Auth/SignIn", new byte[0]));

      assertThat(failure.code()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
      assertThat(failure.errorInfo().getReason()).isEqualTo("METADATA_TOO_LARGE");
      assertThat(failure.errorInfo().getMetadataMap()).containsEntry("limit", "8192");
      assertThat(Integer.parseInt(failure.errorInfo().getMetadataOrThrow("size"))).isGreaterThan(size);
      assertThat(failure.localizedMessage().getLocale()).isEqualTo("sv");
    }
    var headers = new Metadata();
    headers.put(Metadata.Key.of("x-filler", Metadata.ASCII_STRING_MARSHALLER), "a".repeat(7_000));
    var channel = ClientInterceptors.intercept(server.channel(), MetadataUtils.newAttachHeadersInterceptor(headers));
    // The method ran: an empty SignInRequest has no client app.
    var reached = failure(() -> unary(channel, "accountadmin.v1.Auth/SignIn", new byte[0]));
    assertThat(reached.badRequest().getFieldViolations(0).getField()).isEqualTo("client_app");
  }
}
