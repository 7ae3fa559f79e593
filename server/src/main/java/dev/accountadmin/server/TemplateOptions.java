package dev.accountadmin.server;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.accountadmin.domain.Templates;
import dev.accountadmin.v1.StepOptions;

/**
 * A request's options over the tenant's template. The rule (documented on OffboardingTemplate):
 * protobuf merge of the request onto the template — a field the request sets wins, message fields
 * merge field by field — so every StepOptions field, whichever area adds it, refines the same way
 * without code here. A request that sets nothing runs the template as it is.
 */
final class TemplateOptions {
  /** The options a request runs, and the template version they came from (0: none). */
  record Effective(StepOptions options, long templateVersion) {}

  private final Templates templates;

  TemplateOptions(Templates templates) {
    this.templates = templates;
  }

  Effective refine(StepOptions request) {
    var current = templates.current();
    if (current.isEmpty()) {
      return new Effective(request, 0);
    }
    return new Effective(parse(current.get().options()).toBuilder().mergeFrom(request).build(), current.get().version());
  }

  static StepOptions parse(byte[] stored) {
    try {
      return StepOptions.parseFrom(stored);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("stored step options do not parse", e);
    }
  }
}
