package dev.accountadmin.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import dev.accountadmin.i18n.Guides;
import dev.accountadmin.i18n.Messages;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code acctadmin guide}: offline (the server flag points where nothing listens), in each locale,
 * every part of every guide printed.
 */
final class GuideCommandTest {
  private static final Map<String, String> PROCEDURES =
      Map.of("unlock", "UNLOCK", "offboard", "OFFBOARD", "compromised", "SECURE_COMPROMISED");

  record Run(int code, String out, String err) {}

  static Run run(Map<String, String> env, String... args) {
    var out = new StringWriter();
    var err = new StringWriter();
    var commandLine = Acctadmin.commandLine(env, Clock.systemUTC(), new ByteArrayInputStream(new byte[0]),
        new PrintWriter(out, true), new PrintWriter(err, true));
    // Port 1 on loopback: nothing listens there, so any server call would fail the test.
    var all = new java.util.ArrayList<>(List.of("--server", "127.0.0.1:1"));
    all.addAll(List.of(args));
    int code = commandLine.execute(all.toArray(String[]::new));
    ((Acctadmin) commandLine.getCommand()).close();
    return new Run(code, out.toString(), err.toString());
  }

  static Run run(String... args) {
    return run(Map.of(), args);
  }

  @Test
  void guide_everyProcedureInEveryLocale_printsTheWholeGuide() {
    for (String language : List.of("en", "fr", "ro", "nl", "sv")) {
      var m = Messages.of(Locale.forLanguageTag(language), ZoneOffset.UTC);
      for (var procedure : PROCEDURES.entrySet()) {
        var result = run("--locale", language, "guide", procedure.getKey());
        var guide = Guides.render(procedure.getValue(), m);

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).as(language + " " + procedure.getKey())
            .contains(guide.title(), guide.intro(), guide.allAtOnce(), m.render("guide.notesHeading", Map.of()))
            .doesNotContain("{", "}");
        for (var step : guide.steps()) {
          var label = m.render("guide.stepLabel", Map.of("n", step.number()));
          assertThat(result.out()).contains(label + " — " + step.title(), step.reason(), step.effect(), step.command());
        }
        guide.notes().forEach(note -> assertThat(result.out()).contains("  • " + note));
      }
    }
  }

  @Test
  void guide_romanian_numbersStepsWithPasul() {
    var result = run("--locale", "ro", "guide", "unlock");

    assertThat(result.out()).startsWith("Deblocarea unui cont\n")
        .contains("Pasul 1 — Deblocați trimiterea", "Pasul 2 — ", "Pasul 3 — ", "Pasul 4 — Permiteți conectarea")
        .contains("    Comandă: acctadmin clear-lockout USER")
        .doesNotContain("Pasul 5");
  }

  @Test
  void guide_french_usesEtapeAndNoBreakSpaceBeforeColon() {
    var result = run("--locale", "fr", "guide", "offboard");

    assertThat(result.out()).startsWith("Procédure de départ d’un ancien employé\n")
        .contains("Étape 1 — Réinitialiser le mot de passe", "Étape 14 — Retirer les rôles d’administrateur")
        .contains("    Commande\u00A0: acctadmin mail-protocols USER --none")
        .doesNotContain(" :", "signature");
  }

  @Test
  void guide_withoutLocaleFlag_followsTheEnvironment() {
    var env = new HashMap<String, String>();
    env.put("LANG", "sv_SE.UTF-8");

    var result = run(env, "guide", "compromised");

    assertThat(result.out()).startsWith("Skydda ett komprometterat konto\n").contains("Steg 3 — ");
  }

  @Test
  void guide_json_hasTheShapeOfGetGuide() {
    var result = run("--locale", "nl", "--output", "json", "guide", "offboard");

    var json = JsonParser.parseString(result.out()).getAsJsonObject();
    assertThat(json.get("procedure").getAsString()).isEqualTo("PROCEDURE_OFFBOARD");
    assertThat(json.get("languageCode").getAsString()).isEqualTo("nl");
    assertThat(json.getAsJsonArray("steps")).hasSize(18);
    assertThat(json.getAsJsonArray("steps").get(12).getAsJsonObject().get("command").getAsString())
        .isEqualTo("acctadmin mail-protocols USER --none");
  }

  @Test
  void guide_unknownProcedure_isAUsageError() {
    var result = run("guide", "restore");

    assertThat(result.code()).isEqualTo(ExitCode.USAGE);
    assertThat(result.err()).contains("unlock", "offboard", "compromised");
  }
}
