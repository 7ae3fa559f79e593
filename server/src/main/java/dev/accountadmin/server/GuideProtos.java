package dev.accountadmin.server;

import dev.accountadmin.i18n.GuideProto;
import dev.accountadmin.i18n.Guides;
import dev.accountadmin.i18n.Messages;
import dev.accountadmin.failure.DirectoryException;
import dev.accountadmin.failure.FieldViolation;
import dev.accountadmin.v1.GetGuideRequest;
import dev.accountadmin.v1.Guide;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;

/** GetGuide: picks the language, renders the guide with the i18n module, maps it to proto. */
final class GuideProtos {
  private GuideProtos() {}

  /**
   * The guide a request asks for: in its {@code language_code} when set (unsupported → English,
   * with {@code fallback}), else in the call's language (accept-language, else English).
   *
   * @throws DirectoryException INVALID_ARGUMENT for an unset procedure or one without a guide
   */
  static Guide get(GetGuideRequest request, Locale callLocale) {
    var procedure = request.getProcedure();
    var name = Protos.specified("procedure", ProtoEnums.fromProto(procedure)).name();
    if (!Guides.exists(name)) {
      throw DirectoryException.invalid(new FieldViolation("procedure", "NO_GUIDE",
          Map.of("field", "procedure", "procedure", name)));
    }
    var requested = request.getLanguageCode().isBlank() ? callLocale : Locale.forLanguageTag(request.getLanguageCode().strip());
    // A guide shows no dates, so the zone does not matter; UTC keeps Messages instances shared.
    var guide = GuideProto.of(procedure, Guides.render(name, Messages.of(requested, ZoneOffset.UTC)));
    // Asked through accept-language for languages we lack: English, and the caller is told.
    if (request.getLanguageCode().isBlank() && CallContext.languageUnsupported()) {
      guide = guide.toBuilder().setFallback(true).build();
    }
    return guide;
  }
}
