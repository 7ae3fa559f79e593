package dev.accountadmin.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accountadmin.v1.StepKind;
import java.util.Arrays;
import java.util.Locale;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The one guide-to-proto mapping: every step kind of the domain and of the API maps, both ways. */
final class GuideProtoTest {

  @Test
  void everyDomainStepKind_mapsToItsApiKind_andEveryApiKindBack() {
    var domain = Arrays.stream(dev.accountadmin.domain.StepKind.values()).map(Enum::name).toList();
    assertThat(GuideProto.KINDS.keySet()).containsExactlyInAnyOrderElementsOf(domain);
    assertThat(GuideProto.KINDS.values()).containsExactlyInAnyOrder(Arrays.stream(StepKind.values())
        .filter(k -> k != StepKind.STEP_KIND_UNSPECIFIED && k != StepKind.UNRECOGNIZED).toArray(StepKind[]::new));
  }

  @Test
  void of_keepsEveryStepInOrder_andPutsTheOneGoCommandFirstAmongTheNotes() {
    var guide = Guides.render("OFFBOARD", Messages.of(Locale.FRENCH, ZoneOffset.UTC));
    var proto = GuideProto.of(dev.accountadmin.v1.Procedure.PROCEDURE_OFFBOARD, guide);

    assertThat(proto.getStepsList()).extracting(s -> s.getKind().name())
        .containsExactlyElementsOf(guide.steps().stream().map(s -> "STEP_KIND_" + s.kind()).toList());
    assertThat(proto.getNotes(0)).isEqualTo(guide.allAtOnce());
    assertThat(proto.getLanguageCode()).isEqualTo("fr");
  }
}
