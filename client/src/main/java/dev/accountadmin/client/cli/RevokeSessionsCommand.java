package dev.accountadmin.client.cli;

import dev.accountadmin.v1.RevokeSessionsRequest;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code acctadmin revoke-sessions USER}: Sign a user out of all sessions (revoke sessions and refresh tokens). */
@Command(name = "revoke-sessions", description = "Sign a user out of all sessions (revoke sessions and refresh tokens).")
final class RevokeSessionsCommand implements Callable<Integer> {
  @ParentCommand Acctadmin root;

  @Parameters(paramLabel = "USER", descriptionKey = "USER", description = "User principal name, e.g. alex@contoso.com.")
  String user;

  @Option(names = "--dry-run", description = "Show what would change, change nothing.")
  boolean dryRun;

  @Override
  public Integer call() {
    var response = root.signedIn().call(s -> s.revokeSessions(RevokeSessionsRequest.newBuilder()
        .setName("users/" + user).setValidateOnly(dryRun).setRequestId(UUID.randomUUID().toString()).build()));
    return StepOutput.print(root, user, response.getStep(), response);
  }
}
