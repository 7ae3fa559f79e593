package dev.accountadmin.i18n;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/** Exact renders: plurals, group separators, lists, durations, zones, metadata conversions. */
final class MessagesTest {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  /** 10:05 in Paris (UTC+1 in mid-March). */
  private static final Instant T = Instant.parse("2026-03-14T09:05:00Z");

  private static final String NBSP = "\u00A0";
  private static final String NNBSP = "\u202F";

  private static Messages messages(String tag) {
    return Messages.of(Locale.forLanguageTag(tag), PARIS);
  }

  private static String sessionsRevoked(String tag, long count) {
    return messages(tag).render("summary.sessionsRevoked", Map.of("count", count));
  }

  @Test
  void render_romanianCountsTakeDeFromTwenty() {
    assertThat(sessionsRevoked("ro", 0)).isEqualTo("0 sesiuni revocate.");
    assertThat(sessionsRevoked("ro", 1)).isEqualTo("1 sesiune revocată.");
    assertThat(sessionsRevoked("ro", 2)).isEqualTo("2 sesiuni revocate.");
    assertThat(sessionsRevoked("ro", 20)).isEqualTo("20 de sesiuni revocate.");
    assertThat(sessionsRevoked("ro", 21)).isEqualTo("21 de sesiuni revocate.");
    assertThat(sessionsRevoked("ro", 101)).isEqualTo("101 sesiuni revocate.");
    assertThat(sessionsRevoked("ro", 120)).isEqualTo("120 de sesiuni revocate.");
    assertThat(sessionsRevoked("ro", 1_000)).isEqualTo("1.000 de sesiuni revocate.");
  }

  @Test
  void render_frenchUsesManyForAMillionAndNarrowNoBreakSpaces() {
    assertThat(sessionsRevoked("fr", 0)).isEqualTo("0 session révoquée.");
    assertThat(sessionsRevoked("fr", 1)).isEqualTo("1 session révoquée.");
    assertThat(sessionsRevoked("fr", 2)).isEqualTo("2 sessions révoquées.");
    assertThat(sessionsRevoked("fr", 1_000)).isEqualTo("1" + NNBSP + "000 sessions révoquées.");
    assertThat(sessionsRevoked("fr", 1_000_000))
        .isEqualTo("1" + NNBSP + "000" + NNBSP + "000 de sessions révoquées.");
  }

  @Test
  void render_groupSeparatorsOfEachLocale() {
    assertThat(sessionsRevoked("en", 1_000_000)).isEqualTo("1,000,000 sessions revoked.");
    assertThat(sessionsRevoked("nl", 1_000_000)).isEqualTo("1.000.000 sessies ingetrokken.");
    assertThat(sessionsRevoked("sv", 1_000_000))
        .isEqualTo("1" + NBSP + "000" + NBSP + "000 sessioner återkallade.");
    assertThat(sessionsRevoked("en", 1)).isEqualTo("1 session revoked.");
    assertThat(sessionsRevoked("sv", 1)).isEqualTo("1 session återkallad.");
  }

  @Test
  void render_listsJoinedWithTheLocaleConjunction() {
    Map<String, Object> args =
        Map.of("user", "alex@contoso.com", "disabledProtocols", List.of("POP3", "IMAP", "MAPI"));

    assertThat(messages("en").render("step.SET_MAIL_PROTOCOLS.PLANNED", args))
        .isEqualTo("Would turn off these mail protocols for alex@contoso.com: POP3, IMAP, and MAPI.");
    assertThat(messages("ro").render("step.SET_MAIL_PROTOCOLS.PLANNED", args))
        .isEqualTo("Aceste protocoale de e-mail ar fi dezactivate pentru alex@contoso.com: POP3, IMAP și MAPI.");
    assertThat(messages("fr").render("step.SET_MAIL_PROTOCOLS.PLANNED", args))
        .isEqualTo("Ces protocoles de messagerie seraient désactivés pour alex@contoso.com" + NBSP + ": POP3, IMAP et MAPI.");
    assertThat(messages("nl").render("step.SET_MAIL_PROTOCOLS.PLANNED", args)).endsWith(": POP3, IMAP en MAPI.");
    assertThat(messages("sv").render("step.SET_MAIL_PROTOCOLS.PLANNED", args)).endsWith(": POP3, IMAP och MAPI.");
  }

  @Test
  void render_durationsSpelledOutWithIcuUnits() {
    Map<String, Object> day = Map.of("accessTokensValidUntilTime", T, "remainingSeconds", Duration.ofHours(24));
    Map<String, Object> ninety = Map.of("accessTokensValidUntilTime", T, "remainingSeconds", Duration.ofSeconds(90));

    assertThat(messages("ro").render("summary.residualAccess", day))
        .isEqualTo("Tokenurile de acces deja emise rămân valabile până la 14 mar. 2026, 10:05 CET (încă cel mult 24 de ore)"
            + " în aplicațiile care nu le verifică la server.");
    assertThat(messages("en").render("summary.residualAccess", ninety))
        .isEqualTo("Access tokens already issued stay valid until Mar 14, 2026, 10:05" + NNBSP + "AM GMT+1 (for up to 1 minute, 30 seconds)"
            + " in apps that do not check them with the server.");
    assertThat(messages("fr").render("summary.residualAccess", ninety))
        .contains("(pendant 1 minute et 30" + NBSP + "secondes au plus)");
    assertThat(messages("en").render("summary.residualAccess", day)).contains("(for up to 24 hours)");
    assertThat(messages("sv").render("summary.residualAccess", day)).contains("(i högst 24 timmar till)");
    assertThat(messages("nl").render("summary.residualAccess", day)).contains("(nog hoogstens 24 uur)");
  }

  @Test
  void render_longDurationsUseDaysAndDropZeroParts() {
    Map<String, Object> args =
        Map.of("accessTokensValidUntilTime", T, "remainingSeconds", Duration.ofDays(3).plusHours(2).plusSeconds(5));

    assertThat(messages("en").render("summary.residualAccess", args)).contains("(for up to 3 days, 2 hours, 5 seconds)");
  }

  @Test
  void render_instantsShownInTheReadersZone() {
    Map<String, Object> args = Map.of("user", "alex@contoso.com", "effectiveTime", T);

    assertThat(Messages.of(Locale.FRENCH, PARIS).render("step.BLOCK_SIGN_IN.DONE", args))
        .isEqualTo("Connexion bloquée pour alex@contoso.com, en vigueur depuis le 14 mars 2026, 10:05 UTC+1.");
    assertThat(Messages.of(Locale.FRENCH, ZoneId.of("Europe/Bucharest")).render("step.BLOCK_SIGN_IN.DONE", args))
        .isEqualTo("Connexion bloquée pour alex@contoso.com, en vigueur depuis le 14 mars 2026, 11:05 UTC+2.");
    assertThat(Messages.of(Locale.FRENCH, ZoneOffset.UTC).render("step.BLOCK_SIGN_IN.DONE", args))
        .isEqualTo("Connexion bloquée pour alex@contoso.com, en vigueur depuis le 14 mars 2026, 09:05 TU.");
  }

  @Test
  void render_stepResultWithCountsTimesAndPlurals() {
    Map<String, Object> args =
        Map.of(
            "user", "alex@contoso.com",
            "revokedSessionCount", 20,
            "effectiveTime", T,
            "accessTokensValidUntilTime", T.plusSeconds(3600));

    assertThat(messages("ro").render("step.REVOKE_SESSIONS.DONE", args))
        .isEqualTo("Utilizatorul alex@contoso.com a fost deconectat de la toate sesiunile: 20 de sesiuni revocate,"
            + " în vigoare de la 14 mar. 2026, 10:05 CET. Tokenurile de acces deja emise rămân valabile până la"
            + " 14 mar. 2026, 11:05 CET"
            + " pentru aplicațiile care nu le verifică.");
  }

  @Test
  void render_batchSummaryWithThreeCounts() {
    Map<String, Object> args = Map.of("offboardedCount", 2_000, "failedCount", 3, "alreadyCount", 1);

    assertThat(messages("en").render("summary.batch", args))
        .isEqualTo("2,000 users offboarded, 3 failed, 1 already offboarded.");
    assertThat(messages("ro").render("summary.batch", args))
        .isEqualTo("Offboarding finalizat pentru 2.000 de utilizatori, 3 eșecuri, deja efectuat pentru 1 utilizator.");
  }

  @Test
  void render_missingKeyThrowsNamingTheKey() {
    assertThatThrownBy(() -> messages("sv").render("error.NO_SUCH_REASON", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("error.NO_SUCH_REASON");
  }

  @Test
  void label_rendersEnumLabels() {
    assertThat(messages("fr").label("role", "GLOBAL_ADMIN")).isEqualTo("administrateur général");
    assertThat(messages("en").label("protocol", "OUTLOOK_WEB")).isEqualTo("Outlook on the web");
    assertThat(messages("sv").label("stepKind", "BLOCK_SIGN_IN")).isEqualTo("Blockera inloggning");
    assertThat(messages("nl").label("outcome", "NOT_REQUESTED")).isEqualTo("overgeslagen");
  }

  @Test
  void renderError_convertsLabelsAndRoleLists() {
    Map<String, String> metadata =
        Map.of("action", "BLOCK_SIGN_IN", "user", "alex@contoso.com", "requiredRoles", "GLOBAL_ADMIN,USER_ADMIN");

    assertThat(messages("en").renderError("PERMISSION_DENIED", metadata))
        .isEqualTo("You may not block sign-in for alex@contoso.com."
            + " You need one of these roles: global admin or user admin.");
    assertThat(messages("ro").renderError("PERMISSION_DENIED", metadata))
        .isEqualTo("Nu aveți permisiunea să blocați conectarea pentru alex@contoso.com."
            + " Este necesar unul dintre aceste roluri: administrator global sau administrator de utilizatori.");
  }

  @Test
  void renderError_convertsTimesAndSeconds() {
    Map<String, String> metadata =
        Map.of("user", "alex@contoso.com", "lockedUntilTime", "2026-03-14T09:07:00Z", "retryAfterSeconds", "90");

    assertThat(messages("en").renderError("ACCOUNT_LOCKED", metadata))
        .isEqualTo("The account alex@contoso.com is locked out after too many failed sign-in attempts,"
            + " until Mar 14, 2026, 10:07" + NNBSP + "AM GMT+1. Try again in 1 minute, 30 seconds, or ask an admin to clear the lockout.");
  }

  @Test
  void renderError_convertsIntegersToNumbersForPlurals() {
    assertThat(messages("en").renderError("INVALID_ARGUMENT", Map.of("violationCount", "1")))
        .isEqualTo("The request has 1 invalid field.");
    assertThat(messages("fr").renderError("INVALID_ARGUMENT", Map.of("violationCount", "1000000")))
        .isEqualTo("La requête comporte 1" + NNBSP + "000" + NNBSP + "000 de champs non valides.");
  }

  @Test
  void renderError_convertsStepListsAndProcedure() {
    Map<String, String> metadata =
        Map.of(
            "procedure", "OFFBOARD",
            "user", "alex@contoso.com",
            "deniedSteps", "BLOCK_SIGN_IN, REMOVE_ADMIN_ROLES",
            "requiredRoles", "GLOBAL_ADMIN");

    assertThat(messages("sv").renderError("STEPS_DENIED", metadata))
        .isEqualTo("Du får inte utföra alla steg i avvecklingen av alex@contoso.com."
            + " Nekade steg: Blockera inloggning och Ta bort administratörsroller."
            + " För att utföra dem behöver du en av dessa roller: global administratör.");
  }

  @Test
  void renderError_eachActionIsAWholeSentence() {
    Map<String, String> metadata =
        Map.of("action", "CREATE_USER", "user", "alex@contoso.com", "requiredRoles", "GLOBAL_ADMIN,USER_ADMIN");

    // Not "You may not create users for alex@contoso.com."
    assertThat(messages("en").renderError("PERMISSION_DENIED", metadata))
        .isEqualTo("You may not create users. You need one of these roles: global admin or user admin.");
    assertThat(messages("fr").renderError("PERMISSION_DENIED", Map.of(
            "action", "RESTORE_USER", "user", "alex@contoso.com", "requiredRoles", "GLOBAL_ADMIN")))
        .isEqualTo("Vous ne pouvez pas annuler la procédure de départ pour alex@contoso.com."
            + " Il faut l’un de ces rôles" + NBSP + ": administrateur général.");
    // An action this version does not know still gets a sentence.
    assertThat(messages("nl").renderError("PERMISSION_DENIED", Map.of(
            "action", "ARCHIVE_MAILBOX", "user", "alex@contoso.com", "requiredRoles", "GLOBAL_ADMIN")))
        .startsWith("U mag deze actie niet uitvoeren voor alex@contoso.com.");
  }

  @Test
  void renderError_eachProcedureIsAWholeSentence() {
    Map<String, String> restore = Map.of("procedure", "RESTORE", "user", "alex@contoso.com",
        "deniedSteps", "ASSIGN_ADMIN_ROLES", "requiredRoles", "GLOBAL_ADMIN");
    Map<String, String> offboard = Map.of("procedure", "OFFBOARD", "user", "alex@contoso.com",
        "deniedSteps", "REMOVE_ADMIN_ROLES", "requiredRoles", "GLOBAL_ADMIN");

    // Not "… de la annulation de la procédure de départ …", nor "… pentru offboardingul …".
    assertThat(messages("fr").renderError("STEPS_DENIED", restore))
        .startsWith("Vous ne pouvez pas exécuter toutes les étapes de l’annulation de la procédure de départ"
            + " pour alex@contoso.com. Étapes refusées" + NBSP + ": Attribuer des rôles d’administrateur.");
    assertThat(messages("ro").renderError("STEPS_DENIED", offboard))
        .startsWith("Nu aveți permisiunea să rulați toți pașii offboardingului utilizatorului alex@contoso.com.");
    assertThat(messages("en").renderError("STEPS_DENIED", restore))
        .isEqualTo("You may not run every step of undoing the offboarding of alex@contoso.com."
            + " Denied steps: Assign admin roles. To run them, you need one of these roles: global admin.");
  }

  @Test
  void renderViolation_noGuideNamesTheProcedureInAWholeSentence() {
    assertThat(messages("en").renderViolation("NO_GUIDE", Map.of("field", "procedure", "procedure", "RESTORE")))
        .isEqualTo("procedure: there is no guide for undoing an offboarding. There are guides for unlocking an"
            + " account, offboarding a former employee and securing a compromised account.");
  }

  @Test
  void render_cliSentencesWithAUserNeedNoElision() {
    // Not "Mot de passe de alex@…", "Déverrouillage de alex@…", "Procédure de départ de alex@…".
    assertThat(messages("fr").render("cli.login.prompt", Map.of("user", "alex@contoso.com")))
        .isEqualTo("Mot de passe du compte alex@contoso.com" + NBSP + ": ");
    assertThat(messages("fr").render("cli.procedure.UNLOCK", Map.of("user", "alex@contoso.com")))
        .isEqualTo("Déverrouillage du compte alex@contoso.com");
    assertThat(messages("fr").render("cli.procedure.OFFBOARD", Map.of("user", "alex@contoso.com")))
        .isEqualTo("Procédure de départ pour alex@contoso.com");
    assertThat(messages("fr").render("cli.procedure.RESTORE", Map.of("user", "alex@contoso.com")))
        .isEqualTo("Annulation de la procédure de départ pour alex@contoso.com");
  }

  @Test
  void render_swedishParticipleAgreesWithTheCount() {
    // Not "1 post kontrollerade".
    assertThat(messages("sv").render("cli.audit.valid", Map.of("count", 1)))
        .isEqualTo("Granskningsloggen är intakt: 1 post kontrollerad.");
    assertThat(messages("sv").render("cli.audit.valid", Map.of("count", 21)))
        .isEqualTo("Granskningsloggen är intakt: 21 poster kontrollerade.");
  }

  @Test
  void renderError_clientAppAndRestrictionReasonBecomeLabels() {
    assertThat(messages("nl").renderError("PROTOCOL_DISABLED", Map.of("user", "alex@contoso.com", "clientApp", "POP3")))
        .isEqualTo("Toegang via POP3 is uitgeschakeld voor het postvak van alex@contoso.com.");
    assertThat(messages("fr").renderError(
            "SENDING_RESTRICTED", Map.of("user", "alex@contoso.com", "restrictionReason", "OUTBOUND_SPAM")))
        .isEqualTo("L’envoi de courrier est restreint pour alex@contoso.com (motif" + NBSP
            + ": courrier indésirable sortant). Un administrateur peut débloquer l’envoi.");
  }

  @Test
  void renderError_unknownReasonFallsBack() {
    assertThat(messages("en").renderError("QUOTA_EXCEEDED", Map.of("limit", "3")))
        .isEqualTo("The server reported an error this version does not know: QUOTA_EXCEEDED.");
  }

  @Test
  void renderError_unknownEnumConstantShownByName() {
    assertThat(messages("en").renderError(
            "PERMISSION_DENIED",
            Map.of("action", "BLOCK_SIGN_IN", "user", "alex@contoso.com", "requiredRoles", "GLOBAL_ADMIN,BILLING_ADMIN")))
        .endsWith("one of these roles: global admin or BILLING_ADMIN.");
  }

  @Test
  void renderError_malformedTimeThrowsNamingTheKey() {
    assertThatThrownBy(() -> messages("en").renderError("TOKEN_EXPIRED", Map.of("expireTime", "yesterday")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expireTime");
  }

  @Test
  void renderViolation_rendersFieldViolations() {
    assertThat(messages("en").renderViolation(
            "OUT_OF_RANGE", Map.of("field", "page_size", "value", "5000", "min", "1", "max", "1000")))
        .isEqualTo("page_size: 5,000 is out of range; expected a number from 1 to 1,000.");
    assertThat(messages("en").renderViolation(
            "MALFORMED_NAME", Map.of("field", "name", "value", "alex")))
        .isEqualTo("name: alex is not a user resource name; expected users/ followed by a user name,"
            + " such as users/alex@contoso.com.");
    assertThat(messages("en").renderViolation("NEW_CODE", Map.of("field", "name")))
        .isEqualTo("name: the value is not valid (NEW_CODE).");
  }

  @Test
  void of_regionalVariantFallsBackToItsLanguage() {
    Messages canadian = Messages.of(Locale.forLanguageTag("fr-CA"), PARIS);

    assertThat(canadian.locale()).isEqualTo(Locale.FRENCH);
    assertThat(canadian.isFallback()).isFalse();
  }

  @Test
  void of_unknownLanguageFallsBackToEnglishAndSaysSo() {
    Messages unknown = Messages.of(Locale.forLanguageTag("xx"), PARIS);

    assertThat(unknown.locale()).isEqualTo(Locale.ENGLISH);
    assertThat(unknown.isFallback()).isTrue();
    assertThat(unknown.render("summary.fallbackLocale", Map.of("requested", "xx")))
        .isEqualTo("Your language (xx) is not available; showing English.");
    assertThat(Messages.of(Locale.forLanguageTag("en-GB"), PARIS).isFallback()).isFalse();
  }

  @Test
  void of_sharesInstancesPerLocaleAndZone() {
    assertThat(Messages.of(Locale.forLanguageTag("sv-SE"), PARIS)).isSameAs(Messages.of(Locale.forLanguageTag("sv"), PARIS));
    assertThat(Messages.of(Locale.forLanguageTag("sv"), PARIS)).isNotSameAs(Messages.of(Locale.forLanguageTag("sv"), ZoneOffset.UTC));
  }

  @Test
  void keys_areTheEnglishKeys() {
    assertThat(messages("ro").keys())
        .contains("error.INTERNAL", "step.BLOCK_SIGN_IN.DONE", "role.GLOBAL_ADMIN", "summary.batch")
        .isEqualTo(Bundle.load(Locale.ENGLISH).keySet());
  }

  @Test
  void render_guideStepLabelIsLabelPlusCardinal() {
    assertThat(messages("ro").render("guide.stepLabel", Map.of("n", 2))).isEqualTo("Pasul 2");
    assertThat(messages("fr").render("guide.stepLabel", Map.of("n", 2))).isEqualTo("Étape 2");
    assertThat(messages("nl").render("guide.stepLabel", Map.of("n", 2))).isEqualTo("Stap 2");
    assertThat(messages("sv").render("guide.stepLabel", Map.of("n", 2))).isEqualTo("Steg 2");
    assertThat(messages("en").render("guide.stepLabel", Map.of("n", 2))).isEqualTo("Step 2");
  }

  @Test
  void render_sharedInstanceIsSafeAcrossThreads() throws Exception {
    // Instances are shared through of(); ICU's cached date formats are not thread-safe by themselves.
    Messages shared = messages("sv");
    List<String> expected = new ArrayList<>();
    for (int minute = 0; minute < 60; minute++) {
      expected.add(render(shared, minute));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int task = 0; task < 16; task++) {
        results.add(pool.submit(() -> {
          for (int round = 0; round < 50; round++) {
            for (int minute = 0; minute < 60; minute++) {
              if (!render(shared, minute).equals(expected.get(minute))) {
                return false;
              }
            }
          }
          return true;
        }));
      }
      for (Future<Boolean> result : results) {
        assertThat(result.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static String render(Messages messages, int minute) {
    return messages.render(
        "step.REVOKE_SESSIONS.DONE",
        Map.of(
            "user", "alex@contoso.com",
            "revokedSessionCount", minute * 1_000,
            "effectiveTime", T.plusSeconds(60L * minute),
            "accessTokensValidUntilTime", T.plusSeconds(3600 + 60L * minute)));
  }
}
