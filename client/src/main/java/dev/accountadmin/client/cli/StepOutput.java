package dev.accountadmin.client.cli;

import com.google.protobuf.MessageOrBuilder;
import dev.accountadmin.v1.StepOutcome;
import dev.accountadmin.v1.StepResult;

/** Prints a single-step response: the step's line in text, the whole response in JSON. */
final class StepOutput {
  private StepOutput() {}

  static int print(Acctadmin root, String user, StepResult step, MessageOrBuilder response) {
    if (root.output == Acctadmin.Output.json) {
      Render.json(root.out(), response);
    } else {
      root.out().println(Render.step(root.messages(), user, step, root.clock.instant()));
    }
    var failed = step.getOutcome() == StepOutcome.STEP_OUTCOME_FAILED || step.getOutcome() == StepOutcome.STEP_OUTCOME_DENIED;
    return failed ? ExitCode.STEP_FAILED : ExitCode.OK;
  }
}
