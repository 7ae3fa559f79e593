package dev.accountadmin.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pseudo-locale: accented, longer, bracketed text with exactly the English arguments. */
final class PseudoLocaleTest {

  private static final Messages PSEUDO = Messages.of(Locales.PSEUDO, ZoneOffset.UTC);

  @Test
  void pattern_accentsTextButKeepsArgumentsAndPluralSyntax() {
    String pseudo = PseudoLocale.pattern("Sign-in blocked for {user}.");

    assertThat(pseudo).startsWith("[Šîĝñ-îñ ƀļöçķéð ƒöŕ {user}. ~").endsWith("~]");
    assertThat(PseudoLocale.pattern("{count, plural, one {# session} other {# sessions}}"))
        .startsWith("[{count, plural, one {# šéššîöñ} other {# šéššîöñš}} ~");
  }

  @Test
  void pattern_layoutWithoutWordsIsLeftUnframed() {
    assertThat(PseudoLocale.pattern("{number}. [{outcome}] {message}")).isEqualTo("{number}. [{outcome}] {message}");
  }

  @Test
  void bundle_isAThirdLongerThanEnglish() {
    var english = Bundle.load(Locale.ENGLISH);
    var pseudo = PseudoLocale.bundle(english);
    String key = "guide.OFFBOARD.intro";

    double ratio = (double) pseudo.get(key).length() / english.get(key).length();

    assertThat(ratio).isBetween(1.30, 1.40);
  }

  @Test
  void bundle_takesTheSameArgumentsAsEnglish() {
    var english = Bundle.load(Locale.ENGLISH);
    var pseudo = PseudoLocale.bundle(english);

    english.forEach((key, pattern) ->
        assertThat(BundleLint.arguments(pseudo.get(key))).as(key)
            .extracting(BundleLint.Argument::name)
            .containsExactlyElementsOf(BundleLint.arguments(pattern).stream().map(BundleLint.Argument::name).toList()));
  }

  @Test
  void render_everyMessageSubstitutesEveryArgument() {
    for (String key : PSEUDO.keys()) {
      var args = new java.util.HashMap<String, Object>();
      for (var arg : BundleLint.arguments(Bundle.load(Locale.ENGLISH).get(key))) {
        args.put(arg.name(), switch (arg.kind()) {
          case NUMBER -> 21;
          case DATE -> Instant.parse("2026-03-14T09:05:00Z");
          case SELECT -> "other";
          case TEXT -> arg.name().endsWith("Seconds") ? Duration.ofMinutes(5) : List.of("POP3", "IMAP");
        });
      }
      assertThat(PSEUDO.render(key, args)).as(key).doesNotContain("{", "}");
    }
  }

  @Test
  void messages_qpsIsReachedOnlyByNamingIt() {
    assertThat(Locales.fromEnvironment("qps", Map.of())).isEqualTo(Locales.PSEUDO);
    assertThat(Locales.fromEnvironment(null, Map.of("LANG", "qps"))).isEqualTo(Locale.ENGLISH);
    assertThat(Locales.fromAcceptLanguage("qps")).isEqualTo(Locale.ENGLISH);
    assertThat(PSEUDO.locale()).isEqualTo(Locales.PSEUDO);
    assertThat(PSEUDO.isFallback()).isFalse();
    // English plural rules under the accents: "1 session", not "1 sessions".
    assertThat(PSEUDO.render("summary.sessionsRevoked", Map.of("count", 1))).contains("1 šéššîöñ ŕéṽöķéð");
  }
}
