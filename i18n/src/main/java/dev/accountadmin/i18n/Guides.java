package dev.accountadmin.i18n;

import dev.accountadmin.domain.ProcedureDefinition;
import dev.accountadmin.domain.ProcedureResult.Procedure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The guidance for each procedure, rendered in one language: a title, an introduction, the
 * numbered steps (what each does, why it comes at that point, when it takes effect, the {@code
 * acctadmin} command that carries it out), the command that runs them all, and notes. The server's
 * GetGuide and the CLI's offline {@code acctadmin guide} both render it here.
 *
 * <p>The steps, their order and their commands are the procedure's {@link ProcedureDefinition}:
 * a guide cannot list a step the server does not run. The words live in the bundles under {@code
 * guide.<PROCEDURE>.*} — a step's under {@code guide.<PROCEDURE>.step.<STEP_KIND>.*}, so adding a
 * step renumbers nothing — and {@code guide.note.*}. Procedure and step kind names are the domain's
 * enum names ({@code "UNLOCK"}, {@code "RESET_PASSWORD"}), as in the bundles.
 */
public final class Guides {

  /** The procedures that have a guide, in the order a reader meets them. */
  public static final List<String> PROCEDURES = List.of("UNLOCK", "OFFBOARD", "SECURE_COMPROMISED");

  /** A rendered guide. {@code allAtOnce} names the command that runs every step in one go. */
  public record Guide(
      String procedure,
      Locale locale,
      boolean fallback,
      String title,
      String intro,
      List<Step> steps,
      String allAtOnce,
      List<String> notes) {
    public Guide {
      steps = List.copyOf(steps);
      notes = List.copyOf(notes);
    }
  }

  /**
   * One rendered step: its position from 1, its kind (a {@code StepKind} name), what it does, why
   * it comes at this point, when it takes effect, and the command (not translated: it is code).
   */
  public record Step(int number, String kind, String title, String reason, String effect, String command) {}

  /** A note: its key, and the commands it quotes (arguments, so no translation can alter them). */
  private record NoteSpec(String key, Map<String, String> args) {
    static NoteSpec of(String key, String... keyValues) {
      Map<String, String> args = new LinkedHashMap<>();
      for (int i = 0; i < keyValues.length; i += 2) {
        args.put(keyValues[i], keyValues[i + 1]);
      }
      return new NoteSpec(key, args);
    }
  }

  /** What a guide adds to its procedure's definition: the one-go command and the notes. */
  private record Spec(Map<String, String> allAtOnceArgs, List<NoteSpec> notes) {}

  private static final Map<String, Spec> SPECS =
      Map.of(
          "UNLOCK",
          new Spec(
              Map.of("command", "acctadmin unlock USER [--reset-password]"),
              List.of(
                  NoteSpec.of("guide.note.restrictedStillReceives"),
                  NoteSpec.of("guide.UNLOCK.note.compromised", "command", "acctadmin guide compromised"),
                  NoteSpec.of("guide.note.adminTargets"),
                  NoteSpec.of("guide.note.externalDirectories"),
                  NoteSpec.of("guide.note.keycloak"))),
          "OFFBOARD",
          new Spec(
              Map.of(
                  "command", "acctadmin offboard USER",
                  "batchCommand", "acctadmin offboard --from-file users.csv"),
              List.of(
                  NoteSpec.of("guide.OFFBOARD.note.resetBeforeBlock"),
                  NoteSpec.of("guide.note.globalAdminSignsOutAdmins"),
                  NoteSpec.of("guide.note.accessTokensUntilExpiry"),
                  NoteSpec.of("guide.OFFBOARD.note.restore", "command", "acctadmin restore USER"),
                  NoteSpec.of("guide.note.deletedRestorable", "command", "acctadmin users undelete USER"),
                  NoteSpec.of("guide.note.externalDirectories"),
                  NoteSpec.of("guide.note.keycloak"),
                  NoteSpec.of("guide.OFFBOARD.note.schedule", "command", "acctadmin offboard USER --at \"2026-12-31 18:00 Europe/Paris\"",
                      "lastDayCommand", "acctadmin offboard USER --at end-of-last-working-day --date 2026-12-31",
                      "listCommand", "acctadmin schedule list", "templateCommand", "acctadmin template show"))),
          "SECURE_COMPROMISED",
          new Spec(
              Map.of("command", "acctadmin secure USER"),
              List.of(
                  NoteSpec.of("guide.SECURE_COMPROMISED.note.lift", "command", "acctadmin lift-restriction USER"),
                  NoteSpec.of("guide.note.restrictedStillReceives"),
                  NoteSpec.of("guide.note.globalAdminSignsOutAdmins"),
                  NoteSpec.of("guide.note.accessTokensUntilExpiry"))));

  private Guides() {}

  /** True when {@code procedure} (e.g. {@code "OFFBOARD"}) has a guide; {@code "RESTORE"} has none. */
  public static boolean exists(String procedure) {
    return SPECS.containsKey(procedure);
  }

  /** The step kinds of a procedure, in order: its definition's. */
  public static List<String> stepKinds(String procedure) {
    return steps(procedure).stream().map(step -> step.kind().name()).toList();
  }

  private static List<ProcedureDefinition.GuideStep> steps(String procedure) {
    spec(procedure);
    return ProcedureDefinition.of(Procedure.valueOf(procedure)).guideSteps();
  }

  /**
   * Renders a procedure's guide with {@code messages}; the guide's locale and fallback flag are
   * those of {@code messages}.
   *
   * @throws IllegalArgumentException if the procedure has no guide
   */
  public static Guide render(String procedure, Messages messages) {
    Spec spec = spec(procedure);
    String prefix = "guide." + procedure + ".";
    List<Step> steps = new ArrayList<>();
    int number = 0;
    for (var step : steps(procedure)) {
      number++;
      String key = prefix + "step." + step.kind().name() + ".";
      steps.add(
          new Step(
              number,
              step.kind().name(),
              messages.render(key + "title", Map.of()),
              messages.render(key + "reason", Map.of()),
              messages.render(key + "effect", Map.of()),
              step.command()));
    }
    List<String> notes = new ArrayList<>();
    for (NoteSpec note : spec.notes()) {
      notes.add(messages.render(note.key(), note.args()));
    }
    return new Guide(
        procedure,
        messages.locale(),
        messages.isFallback(),
        messages.render(prefix + "title", Map.of()),
        messages.render(prefix + "intro", Map.of()),
        steps,
        messages.render(prefix + "allAtOnce", spec.allAtOnceArgs()),
        notes);
  }

  /** Every bundle key the guides use, so a test can tell a guide key from a stray one. */
  public static List<String> keys() {
    List<String> keys = new ArrayList<>();
    for (String procedure : PROCEDURES) {
      Spec spec = SPECS.get(procedure);
      String prefix = "guide." + procedure + ".";
      keys.add(prefix + "title");
      keys.add(prefix + "intro");
      keys.add(prefix + "allAtOnce");
      for (String kind : stepKinds(procedure)) {
        for (String part : List.of("title", "reason", "effect")) {
          keys.add(prefix + "step." + kind + "." + part);
        }
      }
      spec.notes().forEach(note -> keys.add(note.key()));
    }
    return keys.stream().distinct().toList();
  }

  private static Spec spec(String procedure) {
    Objects.requireNonNull(procedure, "procedure");
    Spec spec = SPECS.get(procedure);
    if (spec == null) {
      throw new IllegalArgumentException("no guide for procedure " + procedure + "; guides: " + PROCEDURES);
    }
    return spec;
  }
}
