package dev.accountadmin.client.cli;

import dev.accountadmin.v1.RestrictSendingRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code acctadmin restrict-sending USER}: Restrict a user from sending email (receiving still works). */
@Command(name = "restrict-sending", description = "Restrict a user from sending email (receiving still works).")
final class RestrictSendingCommand implements Callable<Integer> {
  @ParentCommand Acctadmin root;

  @Mixin StepTarget target;

  @Override
  public Integer call() {
    var response = root.signedIn().call(s -> s.restrictSending(RestrictSendingRequest.newBuilder()
        .setName(target.name()).setValidateOnly(target.dryRun).setRequestId(StepTarget.requestId()).build()));
    return StepOutput.print(root, target.user, response.getStep(), response);
  }
}
