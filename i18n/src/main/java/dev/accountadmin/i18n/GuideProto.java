package dev.accountadmin.i18n;

import dev.accountadmin.v1.Guide;
import dev.accountadmin.v1.GuideStep;
import dev.accountadmin.v1.Procedure;
import dev.accountadmin.v1.StepKind;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A rendered guide as {@code accountadmin.v1.Guide}: the one mapping, for the server's GetGuide
 * and the CLI's offline {@code acctadmin guide --output json} alike, so scripts read one format.
 */
public final class GuideProto {
  // Step kinds by the name the guides use (the proto name without its prefix); GuideProtoTest
  // checks every kind of both sides maps.
  static final Map<String, StepKind> KINDS = Stream.of(StepKind.values())
      .filter(k -> k != StepKind.STEP_KIND_UNSPECIFIED && k != StepKind.UNRECOGNIZED)
      .collect(Collectors.toUnmodifiableMap(k -> k.name().substring("STEP_KIND_".length()), Function.identity()));

  private GuideProto() {}

  /**
   * The proto has no field for the command that runs every step, so it comes first among the
   * notes: it is what a reader who skims wants most.
   */
  public static Guide of(Procedure procedure, Guides.Guide guide) {
    var proto = Guide.newBuilder()
        .setProcedure(procedure)
        .setLanguageCode(guide.locale().toLanguageTag())
        .setFallback(guide.fallback())
        .setTitle(guide.title())
        .setIntroduction(guide.intro())
        .addNotes(guide.allAtOnce())
        .addAllNotes(guide.notes());
    for (var step : guide.steps()) {
      proto.addSteps(GuideStep.newBuilder()
          .setNumber(step.number())
          .setKind(KINDS.get(step.kind()))
          .setTitle(step.title())
          .setReason(step.reason())
          .setEffect(step.effect())
          .setCommand(step.command()));
    }
    return proto.build();
  }
}
