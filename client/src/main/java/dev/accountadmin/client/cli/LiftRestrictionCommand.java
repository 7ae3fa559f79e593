package dev.accountadmin.client.cli;

import dev.accountadmin.v1.LiftSendingRestrictionRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code acctadmin lift-restriction USER}: Lift a user's email sending restriction. */
@Command(name = "lift-restriction", description = "Lift a user's email sending restriction.")
final class LiftRestrictionCommand implements Callable<Integer> {
  @ParentCommand Acctadmin root;

  @Mixin StepTarget target;

  @Override
  public Integer call() {
    var response = root.signedIn().call(s -> s.liftSendingRestriction(LiftSendingRestrictionRequest.newBuilder()
        .setName(target.name()).setValidateOnly(target.dryRun).setRequestId(StepTarget.requestId()).build()));
    return StepOutput.print(root, target.user, response.getStep(), response);
  }
}
