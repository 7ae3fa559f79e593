package dev.accountadmin.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** {@link BundleLint} fails on each kind of fault it is meant to catch, injected in a copy. */
final class BundleLintFaultTest {

  private static final Locale RO = Locale.forLanguageTag("ro");
  private static final Locale SV = Locale.forLanguageTag("sv");
  private static final Locale NL = Locale.forLanguageTag("nl");

  @Test
  void shippedBundles_haveNoProblemsToStartWith() {
    assertThat(new BundleLint(BundleLintTest.shippedBundles()).all()).isEmpty();
  }

  @Test
  void datesWithZone_timeWithoutZoneIsReported() {
    BundleLint lint = withFault(SV, sv -> sv.put("cli.state.locked", "utelåst till {lockedUntilTime, time, short}"));

    assertThat(lint.datesWithZone()).containsExactly("sv cli.state.locked: {lockedUntilTime} needs a date skeleton"
        + " with the date and the zone, e.g. {lockedUntilTime, date, ::yMMMdjmz}");
  }

  @Test
  void keys_missingKeyIsReported() {
    BundleLint lint = withFault(NL, nl -> nl.remove("error.USER_NOT_FOUND"));

    assertThat(lint.keys()).containsExactly("nl error.USER_NOT_FOUND: missing");
  }

  @Test
  void keys_extraKeyIsReported() {
    BundleLint lint = withFault(Locale.FRENCH, fr -> fr.put("error.NOT_A_REASON", "Erreur."));

    assertThat(lint.keys()).containsExactly("fr error.NOT_A_REASON: not in English");
  }

  @Test
  void plurals_romanianWithoutFewIsReported() {
    BundleLint lint =
        withFault(
            RO,
            ro ->
                ro.put(
                    "summary.sessionsRevoked",
                    "{count, plural, one {# sesiune revocată} other {# de sesiuni revocate}}."));

    assertThat(lint.plurals())
        .containsExactly(
            "ro summary.sessionsRevoked: {count} has categories [one, other], CLDR wants [few, one, other]");
  }

  @Test
  void plurals_frenchWithoutManyIsReported() {
    BundleLint lint =
        withFault(
            Locale.FRENCH,
            fr ->
                fr.put(
                    "summary.sessionsRevoked",
                    "{count, plural, =0 {aucune session révoquée} one {# session révoquée} other {# sessions révoquées}}."));

    assertThat(lint.plurals())
        .containsExactly(
            "fr summary.sessionsRevoked: {count} has categories [one, other], CLDR wants [many, one, other]");
  }

  @Test
  void arguments_renamedArgumentIsReported() {
    BundleLint lint =
        withFault(SV, sv -> sv.put("error.USER_NOT_FOUND", "Det finns ingen användare {userName}."));

    assertThat(lint.arguments())
        .containsExactly("sv error.USER_NOT_FOUND: arguments [userName] differ from English [user]");
  }

  @Test
  void arguments_countWithoutPluralIsReported() {
    BundleLint lint =
        withFault(NL, nl -> nl.put("summary.sessionsRevoked", "Ingetrokken sessies: {count}."));

    assertThat(lint.arguments())
        .containsExactly(
            "nl summary.sessionsRevoked: argument kinds {count=TEXT} differ from English {count=NUMBER}",
            "nl summary.sessionsRevoked: count {count} is not a plural");
  }

  @Test
  void arguments_timeNestedInPluralIsReported() {
    BundleLint lint =
        withFault(
            Locale.ENGLISH,
            en ->
                en.put(
                    "summary.sessionsRevoked",
                    "{count, plural, one {# session revoked at {t, time, short}} other {# sessions revoked}}."));

    assertThat(lint.arguments())
        .contains("en summary.sessionsRevoked: date/time {t} is nested in a plural or select");
  }

  @Test
  void translated_englishSentenceInSwedishIsReported() {
    String english = Bundle.load(Locale.ENGLISH).get("error.INTERNAL");
    BundleLint lint = withFault(SV, sv -> sv.put("error.INTERNAL", english));

    assertThat(lint.translated())
        .containsExactly("sv error.INTERNAL: same as English (untranslated?): " + english);
  }

  @Test
  void typography_asciiApostropheBeforeBraceIsReported() {
    BundleLint lint =
        withFault(Locale.FRENCH, fr -> fr.put("error.USER_NOT_FOUND", "Impossible de trouver l'{user}."));

    assertThat(lint.typography())
        .containsExactly(
            "fr error.USER_NOT_FOUND: ASCII apostrophe before a brace starts an ICU quote",
            "fr error.USER_NOT_FOUND: ASCII apostrophe; French uses ’ (U+2019)");
    // And the quote really eats the argument, which is why the check exists.
    assertThat(lint.samplesRender()).anyMatch(p -> p.startsWith("fr error.USER_NOT_FOUND: left a brace"));
  }

  @Test
  void typography_frenchElidableWordBeforeAUserIsReported() {
    BundleLint lint = withFault(Locale.FRENCH, fr -> fr.put("cli.login.prompt", "Mot de passe de {user}\u00A0: "));

    assertThat(lint.typography()).containsExactly(
        "fr cli.login.prompt: « de {user} » elides before a vowel; write « du compte {…} » or « pour {…} »");
  }

  @Test
  void typography_romanianCedillaIsReported() {
    BundleLint lint = withFault(RO, ro -> ro.put("outcome.FAILED", "eşuat"));

    assertThat(lint.typography())
        .containsExactly("ro outcome.FAILED: ş/ţ with cedilla; Romanian uses ș/ț (comma below)");
  }

  @Test
  void compile_brokenPatternIsReported() {
    BundleLint lint = withFault(NL, nl -> nl.put("error.USER_NOT_FOUND", "Er is geen gebruiker {user."));

    assertThat(lint.compile()).singleElement().asString().startsWith("nl error.USER_NOT_FOUND: does not compile");
  }

  @Test
  void glossary_frenchSignatureForSignInIsReported() {
    BundleLint lint = withFault(Locale.FRENCH, fr -> fr.put("stepKind.BLOCK_SIGN_IN", "Bloquer la signature"));

    assertThat(lint.glossary()).containsExactly(
        "fr stepKind.BLOCK_SIGN_IN: sign-in must be /connexion|connect|ouvrir une session/",
        "fr stepKind.BLOCK_SIGN_IN: wrong term /signature/: sign-in is « connexion », not « signature »");
  }

  @Test
  void glossary_romanianLockoutWithoutBlocatIsReported() {
    BundleLint lint = withFault(RO, ro -> ro.put("cli.state.locked", "închis până la {lockedUntilTime, time, short}"));

    assertThat(lint.glossary())
        .containsExactly("ro cli.state.locked: locked out must be /blocat|blocare|blocarea|blocării|debloca/");
  }

  @Test
  void glossary_seedErrorsAreReported() {
    BundleLint lint = withFault(SV, sv -> sv.put("error.ACCOUNT_LOCKED",
        sv.get("error.ACCOUNT_LOCKED").replace("är utelåst", "låser ut sig")));

    assertThat(lint.glossary()).containsExactly(
        "sv error.ACCOUNT_LOCKED: wrong term /låser ut sig/: « users lock themselves out »: the user is « utelåst »");
  }

  @Test
  void glossary_dutchRefreshTokenWithWrongTermIsReported() {
    BundleLint lint = withFault(NL, nl -> nl.put("guide.OFFBOARD.step.REVOKE_SESSIONS.title",
        nl.get("guide.OFFBOARD.step.REVOKE_SESSIONS.title").replace("vernieuwingstoken", "verversingstoken")));

    assertThat(lint.glossary())
        .containsExactly("nl guide.OFFBOARD.step.REVOKE_SESSIONS.title: refresh token must be /vernieuwingstoken/");
  }

  @Test
  void wholeSentences_labelInACarrierSentenceIsReported() {
    // The old French message: "… toutes les étapes de la annulation de la procédure de départ …".
    BundleLint lint = withFault(Locale.FRENCH, fr -> fr.put("error.STEPS_DENIED",
        "Vous ne pouvez pas exécuter toutes les étapes de la {procedure} pour {user}."
            + " Étapes refusées\u00A0: {deniedSteps}. Il faut l’un de ces rôles\u00A0: {requiredRoles}."));

    assertThat(lint.wholeSentences()).containsExactly(
        "fr error.STEPS_DENIED: label {procedure} inside a sentence; select a whole sentence for each value instead");
  }

  @Test
  void wholeSentences_labelAsASelectOfWholeSentencesPasses() {
    BundleLint lint = withFault(Locale.ENGLISH, en -> en.put("cli.can.yes",
        "{action, select, DELETE_USER {Yes. You may delete {user}.} other {Yes. You may do this for {user}.}}"));

    assertThat(lint.wholeSentences()).isEmpty();
  }

  @Test
  void wholeSentences_labelInALayoutWithoutWordsPasses() {
    BundleLint lint = withFault(Locale.ENGLISH, en -> en.put("cli.step.line", "{number}. [{action}] {message}"));

    assertThat(lint.wholeSentences()).isEmpty();
  }

  @Test
  void glossary_romanianClearLockoutInTheWordsOfUnlockIsReported() {
    // The old message: after clear-lockout alone it said the account was unlocked.
    BundleLint lint = withFault(RO, ro -> ro.put("step.CLEAR_LOCKOUT.PLANNED", "Contul {user} ar fi deblocat."));

    assertThat(lint.glossary())
        .containsExactly("ro step.CLEAR_LOCKOUT.PLANNED: clear the lockout must be"
            + " /ridic\\w* blocar\\w* temporar|blocare\\w* temporar\\w*\\b.{0,40}\\bridicat/");
  }

  @Test
  void glossary_helpWithAnotherVerbThanTheMessagesIsReported() {
    BundleLint lint = withFault(Locale.FRENCH, fr -> fr.put("help.acctadmin.clear-lockout.usage.description",
        "Effacer le verrouillage de connexion d’un utilisateur."));

    assertThat(lint.glossary()).containsExactly(
        "fr help.acctadmin.clear-lockout.usage.description: clear the lockout must be"
            + " /lev\\w* le verrouillage|verrouillage\\b.{0,40}\\blevé/",
        "fr help.acctadmin.clear-lockout.usage.description: wrong term /effacer le verrouillage/:"
            + " clear the lockout is « lever le verrouillage »");
  }

  @Test
  void glossary_swedishUtskickForSendingIsReported() {
    BundleLint lint = withFault(SV, sv -> sv.put("help.acctadmin.lift-restriction.usage.description",
        "Häv en användares blockering av e-postutskick."));

    assertThat(lint.glossary()).containsExactly(
        "sv help.acctadmin.lift-restriction.usage.description: wrong term /utskick/: sending is « sändning », as in the messages");
  }

  private static BundleLint withFault(Locale locale, Consumer<Map<String, String>> fault) {
    Map<Locale, Map<String, String>> bundles = new LinkedHashMap<>();
    BundleLintTest.shippedBundles().forEach((l, b) -> bundles.put(l, new TreeMap<>(b)));
    fault.accept(bundles.get(locale));
    return new BundleLint(bundles);
  }
}
