package dev.accountadmin.client.cli;

import dev.accountadmin.v1.RevokeSessionsRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code acctadmin revoke-sessions USER}: Sign a user out of all sessions (revoke sessions and refresh tokens). */
@Command(name = "revoke-sessions", description = "Sign a user out of all sessions (revoke sessions and refresh tokens).")
final class RevokeSessionsCommand implements Callable<Integer> {
  @ParentCommand Acctadmin root;

  @Mixin StepTarget target;

  @Override
  public Integer call() {
    var response = root.signedIn().call(s -> s.revokeSessions(RevokeSessionsRequest.newBuilder()
        .setName(target.name()).setValidateOnly(target.dryRun).setRequestId(StepTarget.requestId()).build()));
    return StepOutput.print(root, target.user, response.getStep(), response);
  }
}
