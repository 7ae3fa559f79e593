package dev.accountadmin.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accountadmin.domain.Outcome;
import dev.accountadmin.domain.ProcedureDefinition;
import dev.accountadmin.domain.ProcedureResult.Procedure;
import dev.accountadmin.domain.StepKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Every key a step kind needs, in all five locales: its result line for each outcome
 * ({@code step.<KIND>.<OUTCOME>}), and in the guide of each procedure it is a step of, its title,
 * reason and effect ({@code guide.<PROCEDURE>.step.<KIND>.*}). A new step kind fails here until
 * every bundle has them.
 */
final class StepKeysTest {

  static List<String> keysFor(StepKind kind) {
    var keys = new ArrayList<String>();
    for (var outcome : Outcome.values()) {
      keys.add("step." + kind.name() + "." + outcome.name());
    }
    for (var procedure : Procedure.values()) {
      if (Guides.exists(procedure.name()) && ProcedureDefinition.of(procedure).stepKinds().contains(kind)) {
        for (var part : List.of("title", "reason", "effect")) {
          keys.add("guide." + procedure.name() + ".step." + kind.name() + "." + part);
        }
      }
    }
    return keys;
  }

  @Test
  void everyStepKind_hasEveryKeyItNeeds_inEveryLocale() {
    for (Locale locale : Locales.SUPPORTED) {
      var bundle = Bundle.load(locale);
      for (var kind : StepKind.values()) {
        assertThat(bundle).as(locale + " " + kind).containsKeys(keysFor(kind).toArray(String[]::new));
        keysFor(kind).forEach(key -> assertThat(bundle.get(key)).as(locale + " " + key).isNotBlank());
      }
    }
  }
}
