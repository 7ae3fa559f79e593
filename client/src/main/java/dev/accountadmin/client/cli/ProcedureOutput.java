package dev.accountadmin.client.cli;

import com.google.protobuf.Message;
import dev.accountadmin.v1.ProcedureResult;
import dev.accountadmin.v1.Recommendation;
import dev.accountadmin.v1.StepOutcome;
import dev.accountadmin.v1.StepResult;
import java.time.Duration;
import java.util.Map;

/**
 * Prints a procedure's result: a heading, one localized line per step (number, outcome, what it
 * did, when it is in effect), the residual access, the recommendations, and a temporary password
 * once, clearly, when there is one to show.
 */
final class ProcedureOutput {
  private ProcedureOutput() {}

  /** Prints {@code response} (text or JSON) and returns the exit code its steps call for. */
  static int print(Acctadmin root, String user, ProcedureResult result, Message response, boolean showPassword) {
    if (root.output == Acctadmin.Output.json) {
      Render.json(root.out(), root.passwordVisible(showPassword) ? response : Secrets.redact(response));
      return exitCode(result);
    }
    var m = root.messages();
    var out = root.out();
    var procedure = ApiNames.of(result.getProcedure());
    out.println(root.style(m.render("cli.procedure." + procedure, Map.of("user", user)), "bold"));
    if (!result.getDirectory().isEmpty()) {
      out.println(m.render("cli.result.directory", Map.of("directory", result.getDirectory())));
    }
    if (result.getValidateOnly()) {
      out.println(root.style(m.render("cli.procedure.plan", Map.of()), "cyan"));
    }
    var now = root.clock.instant();
    for (var step : result.getStepsList()) {
      out.println(root.style(Render.step(m, user, step, now), colour(step)));
    }
    if (result.hasResidualAccess()) {
      var residual = result.getResidualAccess();
      out.println(m.render("summary.residualAccess", Map.of(
          "accessTokensValidUntilTime", Render.instant(residual.getAccessTokensValidUntil()),
          "remainingSeconds", Duration.ofSeconds(residual.getRemaining().getSeconds()))));
    }
    for (var recommendation : result.getRecommendationsList()) {
      if (recommendation != Recommendation.RECOMMENDATION_UNSPECIFIED && recommendation != Recommendation.UNRECOGNIZED) {
        out.println(m.render("summary.recommendation." + ApiNames.of(recommendation), Map.of()));
      }
    }
    for (var step : result.getStepsList()) {
      TemporaryPassword.print(root, step, showPassword);
    }
    return exitCode(result);
  }

  static int exitCode(ProcedureResult result) {
    return result.getStepsList().stream().map(StepResult::getOutcome)
        .anyMatch(o -> o == StepOutcome.STEP_OUTCOME_FAILED || o == StepOutcome.STEP_OUTCOME_DENIED)
        ? ExitCode.STEP_FAILED : ExitCode.OK;
  }

  static String colour(StepResult step) {
    return switch (step.getOutcome()) {
      case STEP_OUTCOME_DONE -> "green";
      case STEP_OUTCOME_DENIED, STEP_OUTCOME_FAILED -> "red";
      case STEP_OUTCOME_PLANNED -> "cyan";
      default -> "faint";
    };
  }
}
