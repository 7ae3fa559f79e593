package dev.accountadmin.client.cli;

import dev.accountadmin.v1.AllowSignInRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code acctadmin allow USER}: allows sign-in again. */
@Command(name = "allow", description = "Allow a user's sign-in.")
final class AllowCommand implements Callable<Integer> {
  @ParentCommand Acctadmin root;

  @Mixin StepTarget target;

  @Override
  public Integer call() {
    var response = root.signedIn().call(s -> s.allowSignIn(AllowSignInRequest.newBuilder()
        .setName(target.name()).setValidateOnly(target.dryRun).setRequestId(StepTarget.requestId()).build()));
    return StepOutput.print(root, target.user, response.getStep(), response);
  }
}
