package dev.accountadmin.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class LocalesTest {

  private static final Locale RO = Locale.forLanguageTag("ro");
  private static final Locale NL = Locale.forLanguageTag("nl");
  private static final Locale SV = Locale.forLanguageTag("sv");

  @Test
  void fromEnvironment_explicitTagWins() {
    assertThat(Locales.fromEnvironment("ro", Map.of("LC_ALL", "fr_FR.UTF-8"))).isEqualTo(RO);
  }

  @Test
  void fromEnvironment_blankExplicitTagIsIgnored() {
    assertThat(Locales.fromEnvironment("  ", Map.of("LANG", "nl_NL.UTF-8"))).isEqualTo(NL);
    assertThat(Locales.fromEnvironment(null, Map.of("LANG", "nl_NL.UTF-8"))).isEqualTo(NL);
  }

  @Test
  void fromEnvironment_lcAllThenLcMessagesThenLang() {
    Map<String, String> all = Map.of("LC_ALL", "sv_SE.UTF-8", "LC_MESSAGES", "fr_FR.UTF-8", "LANG", "ro_RO.UTF-8");
    Map<String, String> messages = Map.of("LC_MESSAGES", "fr_FR.UTF-8", "LANG", "ro_RO.UTF-8");
    Map<String, String> lang = Map.of("LANG", "ro_RO.UTF-8");

    assertThat(Locales.fromEnvironment(null, all)).isEqualTo(SV);
    assertThat(Locales.fromEnvironment(null, messages)).isEqualTo(Locale.FRENCH);
    assertThat(Locales.fromEnvironment(null, lang)).isEqualTo(RO);
  }

  @Test
  void fromEnvironment_emptyVariableCountsAsUnset() {
    assertThat(Locales.fromEnvironment(null, Map.of("LC_ALL", "", "LANG", "sv_SE.UTF-8"))).isEqualTo(SV);
  }

  @Test
  void fromEnvironment_nothingSetGivesEnglish() {
    assertThat(Locales.fromEnvironment(null, Map.of())).isEqualTo(Locale.ENGLISH);
  }

  @Test
  void fromEnvironment_posixForms() {
    assertThat(Locales.fromEnvironment(null, Map.of("LANG", "ro_RO.UTF-8"))).isEqualTo(RO);
    assertThat(Locales.fromEnvironment(null, Map.of("LANG", "sv_SE@euro"))).isEqualTo(SV);
    assertThat(Locales.fromEnvironment(null, Map.of("LANG", "fr_CA.ISO-8859-1@latin"))).isEqualTo(Locale.FRENCH);
    assertThat(Locales.fromEnvironment(null, Map.of("LANG", "nl"))).isEqualTo(NL);
    assertThat(Locales.fromEnvironment(null, Map.of("LANG", "C"))).isEqualTo(Locale.ENGLISH);
    assertThat(Locales.fromEnvironment(null, Map.of("LANG", "C.UTF-8"))).isEqualTo(Locale.ENGLISH);
    assertThat(Locales.fromEnvironment(null, Map.of("LANG", "POSIX"))).isEqualTo(Locale.ENGLISH);
  }

  @Test
  void fromEnvironment_unsupportedLanguageGivesEnglishWithoutLookingFurther() {
    // POSIX: LC_ALL overrides everything, even when what it names is not available here.
    assertThat(Locales.fromEnvironment(null, Map.of("LC_ALL", "de_DE.UTF-8", "LANG", "fr_FR.UTF-8")))
        .isEqualTo(Locale.ENGLISH);
    assertThat(Locales.fromEnvironment("ja-JP", Map.of("LANG", "fr_FR.UTF-8"))).isEqualTo(Locale.ENGLISH);
  }

  @Test
  void fromAcceptLanguage_highestQualitySupportedWins() {
    assertThat(Locales.fromAcceptLanguage("de-DE,fr;q=0.8,en;q=0.5")).isEqualTo(Locale.FRENCH);
    assertThat(Locales.fromAcceptLanguage("en;q=0.1, sv;q=0.9")).isEqualTo(SV);
    assertThat(Locales.fromAcceptLanguage("nl-BE, ro;q=0.9")).isEqualTo(NL);
  }

  @Test
  void fromAcceptLanguage_regionalVariantReachesItsLanguage() {
    assertThat(Locales.fromAcceptLanguage("fr-CA")).isEqualTo(Locale.FRENCH);
  }

  @Test
  void fromAcceptLanguage_zeroQualityExcludes() {
    assertThat(Locales.fromAcceptLanguage("ro;q=0, de")).isEqualTo(Locale.ENGLISH);
  }

  @Test
  void fromAcceptLanguage_absentUnknownOrMalformedGivesEnglish() {
    assertThat(Locales.fromAcceptLanguage(null)).isEqualTo(Locale.ENGLISH);
    assertThat(Locales.fromAcceptLanguage("")).isEqualTo(Locale.ENGLISH);
    assertThat(Locales.fromAcceptLanguage("xx, de;q=0.5")).isEqualTo(Locale.ENGLISH);
    assertThat(Locales.fromAcceptLanguage("*")).isEqualTo(Locale.ENGLISH);
    assertThat(Locales.fromAcceptLanguage("fr;q=abc")).isEqualTo(Locale.ENGLISH);
  }

  @Test
  void supported_listsTheFiveLocalesEnglishFirst() {
    assertThat(Locales.SUPPORTED).containsExactly(Locale.ENGLISH, Locale.FRENCH, RO, NL, SV);
  }
}
