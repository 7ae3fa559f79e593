package dev.accountadmin.client.cli;

import dev.accountadmin.i18n.GuideProto;
import dev.accountadmin.i18n.Guides;
import dev.accountadmin.i18n.Messages;
import dev.accountadmin.v1.Procedure;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code acctadmin guide unlock|offboard|compromised}: a procedure explained step by step, in the
 * reader's language. Offline: rendered from the i18n module and the procedures' definitions, so it
 * works with no server (which is when an admin most needs it), and lists what the server runs.
 */
@Command(name = "guide", description = "Explain a procedure step by step (offline): unlock, offboard or compromised.")
final class GuideCommand implements Callable<Integer> {

  /** The guides by the names an admin types. */
  enum Topic {
    unlock(Procedure.PROCEDURE_UNLOCK),
    offboard(Procedure.PROCEDURE_OFFBOARD),
    compromised(Procedure.PROCEDURE_SECURE_COMPROMISED);

    final Procedure procedure;

    Topic(Procedure procedure) {
      this.procedure = procedure;
    }

    /** The procedure's name in the bundles and in {@link Guides}: {@code "SECURE_COMPROMISED"}. */
    String guideName() {
      return ApiNames.of(procedure);
    }
  }

  // Continuation lines of a step sit under its title, clear of the step label.
  private static final String INDENT = "    ";

  @ParentCommand Acctadmin root;

  @Parameters(paramLabel = "PROCEDURE", descriptionKey = "PROCEDURE", description = "One of: ${COMPLETION-CANDIDATES}.")
  Topic topic;

  @Override
  public Integer call() {
    var m = root.messages();
    var guide = Guides.render(topic.guideName(), m);
    if (root.output == Acctadmin.Output.json) {
      Render.json(root.out(), GuideProto.of(topic.procedure, guide));
    } else {
      print(root.out(), m, guide);
    }
    return ExitCode.OK;
  }

  /** Title, introduction, numbered steps with why / when / command, the one-go command, notes. */
  static void print(PrintWriter out, Messages m, Guides.Guide guide) {
    out.println(guide.title());
    out.println();
    out.println(guide.intro());
    for (var step : guide.steps()) {
      out.println();
      var label = m.render("guide.stepLabel", Map.of("n", step.number()));
      out.println(m.render("guide.stepHeading", Map.of("label", label, "title", step.title())));
      out.println(INDENT + m.render("guide.line.reason", Map.of("reason", step.reason())));
      out.println(INDENT + m.render("guide.line.effect", Map.of("effect", step.effect())));
      out.println(INDENT + m.render("guide.line.command", Map.of("command", step.command())));
    }
    out.println();
    out.println(guide.allAtOnce());
    out.println();
    out.println(m.render("guide.notesHeading", Map.of()));
    for (var note : guide.notes()) {
      out.println("  • " + note);
    }
    out.flush();
  }
}
