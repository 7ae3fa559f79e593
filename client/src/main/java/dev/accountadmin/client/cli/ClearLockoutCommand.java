package dev.accountadmin.client.cli;

import dev.accountadmin.v1.ClearLockoutRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code acctadmin clear-lockout USER}: Clear a user's sign-in lockout. */
@Command(name = "clear-lockout", description = "Clear a user's sign-in lockout.")
final class ClearLockoutCommand implements Callable<Integer> {
  @ParentCommand Acctadmin root;

  @Mixin StepTarget target;

  @Override
  public Integer call() {
    var response = root.signedIn().call(s -> s.clearLockout(ClearLockoutRequest.newBuilder()
        .setName(target.name()).setValidateOnly(target.dryRun).setRequestId(StepTarget.requestId()).build()));
    return StepOutput.print(root, target.user, response.getStep(), response);
  }
}
