package dev.accountadmin.client;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A failed AccountAdmin call, with what a client needs to explain it in the reader's language:
 * the gRPC code, the {@code ErrorInfo} reason and metadata, field violations, and how long to
 * wait when waiting helps. The server's English message is kept only for logs.
 */
public final class AccountAdminException extends RuntimeException {
  /** Reason used when the server could not be reached at all. */
  public static final String SERVER_UNAVAILABLE = "SERVER_UNAVAILABLE";

  /**
   * One invalid field: its path, the violation code, and the server's description of it in the
   * language the call asked for ({@code accept-language}).
   */
  public record Violation(String field, String code, String localizedMessage) {}

  private final Status.Code code;
  private final String reason;
  private final Map<String, String> metadata;
  private final List<Violation> violations;
  private final Duration retryAfter;

  public AccountAdminException(Status.Code code, String reason, Map<String, String> metadata,
      List<Violation> violations, Duration retryAfter, Throwable cause) {
    super(reason + " " + metadata, cause);
    this.code = code;
    this.reason = reason;
    this.metadata = Map.copyOf(metadata);
    this.violations = List.copyOf(violations);
    this.retryAfter = retryAfter;
  }

  /** Reads the error details of a failed call; an error without them keeps its gRPC code. */
  public static AccountAdminException from(StatusRuntimeException e, String server) {
    var code = e.getStatus().getCode();
    if (code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED) {
      var details = StatusProto.fromThrowable(e);
      if (details == null || details.getDetailsCount() == 0) {
        return new AccountAdminException(code, SERVER_UNAVAILABLE, Map.of("server", server), List.of(), null, e);
      }
    }
    var status = StatusProto.fromThrowable(e);
    String reason = code.name();
    Map<String, String> metadata = Map.of();
    var violations = new java.util.ArrayList<Violation>();
    Duration retry = null;
    if (status != null) {
      try {
        for (var any : status.getDetailsList()) {
          if (any.is(ErrorInfo.class)) {
            var info = any.unpack(ErrorInfo.class);
            reason = info.getReason();
            metadata = info.getMetadataMap();
          } else if (any.is(BadRequest.class)) {
            for (var v : any.unpack(BadRequest.class).getFieldViolationsList()) {
              var text = v.hasLocalizedMessage() ? v.getLocalizedMessage().getMessage() : v.getDescription();
              violations.add(new Violation(v.getField(), v.getReason(), text));
            }
          } else if (any.is(RetryInfo.class)) {
            var delay = any.unpack(RetryInfo.class).getRetryDelay();
            retry = Duration.ofSeconds(delay.getSeconds(), delay.getNanos());
          }
        }
      } catch (InvalidProtocolBufferException ignored) {
        // A detail we cannot read leaves the reason at the gRPC code.
      }
    }
    return new AccountAdminException(code, reason, metadata, violations, retry, e);
  }

  public Status.Code code() {
    return code;
  }

  public String reason() {
    return reason;
  }

  public Map<String, String> metadata() {
    return metadata;
  }

  public List<Violation> violations() {
    return violations;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
