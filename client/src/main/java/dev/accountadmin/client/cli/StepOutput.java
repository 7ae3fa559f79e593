package dev.accountadmin.client.cli;

import com.google.protobuf.Message;
import dev.accountadmin.v1.StepOutcome;
import dev.accountadmin.v1.StepResult;

/** Prints a single-step response: the step's line in text, the whole response in JSON. */
final class StepOutput {
  private StepOutput() {}

  static int print(Acctadmin root, String user, StepResult step, Message response) {
    return print(root, user, step, response, false);
  }

  static int print(Acctadmin root, String user, StepResult step, Message response, boolean showPassword) {
    if (root.output == Acctadmin.Output.json) {
      Render.json(root.out(), root.passwordVisible(showPassword) ? response : Secrets.redact(response));
    } else {
      root.out().println(root.style(Render.step(root.messages(), user, step, root.clock.instant()), ProcedureOutput.colour(step)));
      TemporaryPassword.print(root, step, showPassword);
    }
    var failed = step.getOutcome() == StepOutcome.STEP_OUTCOME_FAILED || step.getOutcome() == StepOutcome.STEP_OUTCOME_DENIED;
    return failed ? ExitCode.STEP_FAILED : ExitCode.OK;
  }
}
