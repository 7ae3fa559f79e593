package dev.accountadmin.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shipped bundles pass every {@link BundleLint} check. */
final class BundleLintTest {

  private static final BundleLint LINT = new BundleLint(shippedBundles());

  static Map<Locale, Map<String, String>> shippedBundles() {
    Map<Locale, Map<String, String>> bundles = new LinkedHashMap<>();
    for (Locale locale : Locales.SUPPORTED) {
      bundles.put(locale, Bundle.load(locale));
    }
    return bundles;
  }

  @Test
  void keys_sameInEveryLocaleAsInEnglish() {
    assertThat(LINT.keys()).isEmpty();
  }

  @Test
  void compile_everyPatternCompilesWithIcu() {
    assertThat(LINT.compile()).isEmpty();
  }

  @Test
  void arguments_sameNamesAndKindsAsEnglish() {
    assertThat(LINT.arguments()).isEmpty();
  }

  @Test
  void plurals_coverExactlyTheCldrCategoriesOfTheirLocale() {
    assertThat(LINT.plurals()).isEmpty();
  }

  @Test
  void typography_noQuotingApostrophesAndLocaleRulesKept() {
    assertThat(LINT.typography()).isEmpty();
  }

  @Test
  void datesWithZone_everyDateAndTimeShowsItsDateAndZone() {
    assertThat(LINT.datesWithZone()).isEmpty();
  }

  @Test
  void translated_noEnglishLeftInOtherLocales() {
    assertThat(LINT.translated()).isEmpty();
  }

  @Test
  void samplesRender_everyMessageWithEverySampleNumber() {
    assertThat(LINT.samplesRender()).isEmpty();
  }

  @Test
  void wholeSentences_noLabelArgumentInsideACarrierSentence() {
    assertThat(LINT.wholeSentences()).isEmpty();
  }

  @Test
  void keys_coverEveryStepKindTimesEveryOutcome() {
    Map<String, String> english = Bundle.load(Locale.ENGLISH);
    String[] kinds = {
      "LIFT_SENDING_RESTRICTION", "CLEAR_LOCKOUT", "RESET_PASSWORD", "ALLOW_SIGN_IN",
      "REVOKE_SESSIONS", "BLOCK_SIGN_IN", "SET_MAIL_PROTOCOLS", "REMOVE_ADMIN_ROLES",
      "ASSIGN_ADMIN_ROLES", "RESTRICT_SENDING"
    };
    String[] outcomes = {"DONE", "ALREADY_DONE", "NOT_REQUESTED", "DENIED", "FAILED", "PLANNED"};
    for (String kind : kinds) {
      assertThat(english).containsKey("stepKind." + kind);
      for (String outcome : outcomes) {
        assertThat(english).containsKey("step." + kind + "." + outcome);
        assertThat(english).containsKey("outcome." + outcome);
      }
    }
  }

  @Test
  void glossary_termsUsedForTheirConceptsAndNoKnownWrongTerm() {
    assertThat(LINT.glossary()).isEmpty();
  }

  @Test
  void keys_everyGuideKeyExistsAndNoGuideKeyIsStray() {
    Map<String, String> english = Bundle.load(Locale.ENGLISH);
    var used = Guides.keys();
    assertThat(english).containsKeys(used.toArray(String[]::new));
    // Layout keys of the guide screen; every other guide.* key must belong to a guide.
    var layout = java.util.Set.of("guide.stepLabel", "guide.stepHeading", "guide.line.reason",
        "guide.line.effect", "guide.line.command", "guide.notesHeading");
    assertThat(english.keySet().stream().filter(k -> k.startsWith("guide.") && !layout.contains(k)))
        .containsExactlyInAnyOrderElementsOf(used);
  }
}
