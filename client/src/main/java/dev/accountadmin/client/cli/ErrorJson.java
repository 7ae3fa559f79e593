package dev.accountadmin.client.cli;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import com.google.rpc.LocalizedMessage;
import com.google.rpc.RetryInfo;
import com.google.rpc.Status;
import dev.accountadmin.client.AccountAdminException;
import dev.accountadmin.i18n.Messages;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A failure in {@code --output json}: a {@code google.rpc.Status} like the server's, with the
 * {@code ErrorInfo} (reason, metadata), the field violations, and the message in the reader's
 * language, so a script reads errors from the same stream, in the same shape, as results.
 */
final class ErrorJson {
  /** The ErrorInfo domain of every AccountAdmin error, the server's and the CLI's alike. */
  static final String DOMAIN = "accountadmin.dev";

  private static final JsonFormat.Printer JSON = JsonFormat.printer().usingTypeRegistry(JsonFormat.TypeRegistry.newBuilder()
      .add(ErrorInfo.getDescriptor()).add(BadRequest.getDescriptor()).add(LocalizedMessage.getDescriptor())
      .add(RetryInfo.getDescriptor()).build());

  private ErrorJson() {}

  /** A failed call, as the server reported it, with the message rendered here. */
  static Status of(AccountAdminException e, Messages m) {
    var message = m.renderError(e.reason(), e.metadata());
    var status = Status.newBuilder().setCode(e.code().value()).setMessage(message)
        .addDetails(Any.pack(ErrorInfo.newBuilder().setReason(e.reason()).setDomain(DOMAIN).putAllMetadata(e.metadata()).build()));
    if (!e.violations().isEmpty()) {
      var badRequest = BadRequest.newBuilder();
      for (var v : e.violations()) {
        badRequest.addFieldViolations(BadRequest.FieldViolation.newBuilder().setField(v.field()).setReason(v.code())
            .setLocalizedMessage(localized(m, v.localizedMessage())));
      }
      status.addDetails(Any.pack(badRequest.build()));
    }
    if (e.retryAfter() != null) {
      status.addDetails(Any.pack(RetryInfo.newBuilder().setRetryDelay(com.google.protobuf.Duration.newBuilder()
          .setSeconds(e.retryAfter().getSeconds()).setNanos(e.retryAfter().getNano())).build()));
    }
    return status.addDetails(Any.pack(localized(m, message))).build();
  }

  /** A command line the CLI refused: INVALID_ARGUMENT, one field violation per problem. */
  static Status of(List<UsageProblem> problems, Messages m) {
    var english = Messages.of(Locale.ENGLISH, m.zone());
    var first = problems.get(0);
    var message = problems.stream().map(p -> p.render(m)).collect(Collectors.joining(" "));
    var badRequest = BadRequest.newBuilder();
    for (var p : problems) {
      badRequest.addFieldViolations(BadRequest.FieldViolation.newBuilder().setField(p.field()).setReason(p.reason())
          .setDescription(p.render(english)).setLocalizedMessage(localized(m, p.render(m))));
    }
    return Status.newBuilder().setCode(Code.INVALID_ARGUMENT_VALUE).setMessage(message)
        .addDetails(Any.pack(ErrorInfo.newBuilder().setReason(first.reason()).setDomain(DOMAIN)
            .putAllMetadata(metadata(first.args())).build()))
        .addDetails(Any.pack(badRequest.build()))
        .addDetails(Any.pack(localized(m, message)))
        .build();
  }

  static void print(PrintWriter out, Status status) {
    try {
      out.println(JSON.print(status));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("every detail type is registered", e);
    }
    out.flush();
  }

  private static LocalizedMessage localized(Messages m, String text) {
    return LocalizedMessage.newBuilder().setLocale(m.locale().toLanguageTag()).setMessage(text).build();
  }

  // ErrorInfo metadata is strings; a list of choices becomes "text,json".
  private static Map<String, String> metadata(Map<String, Object> args) {
    var metadata = new LinkedHashMap<String, String>();
    args.forEach((name, value) -> metadata.put(name, value instanceof Messages.Alternatives alternatives
        ? alternatives.items().stream().map(String::valueOf).collect(Collectors.joining(","))
        : String.valueOf(value)));
    return metadata;
  }
}
