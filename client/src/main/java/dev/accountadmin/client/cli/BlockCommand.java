package dev.accountadmin.client.cli;

import dev.accountadmin.v1.BlockSignInRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code acctadmin block USER}: blocks sign-in; in effect for the user's next call. */
@Command(name = "block", description = "Block a user's sign-in.")
final class BlockCommand implements Callable<Integer> {
  @ParentCommand Acctadmin root;

  @Mixin StepTarget target;

  @Override
  public Integer call() {
    var response = root.signedIn().call(s -> s.blockSignIn(BlockSignInRequest.newBuilder()
        .setName(target.name()).setValidateOnly(target.dryRun).setRequestId(StepTarget.requestId()).build()));
    return StepOutput.print(root, target.user, response.getStep(), response);
  }
}
