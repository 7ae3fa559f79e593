package dev.accountadmin.client.cli;

import dev.accountadmin.v1.BlockSignInRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code acctadmin block USER}: blocks sign-in; in effect for the user's next call. */
@Command(name = "block", description = "Block a user's sign-in.")
final class BlockCommand implements Callable<Integer> {
  @ParentCommand Acctadmin root;

  @Parameters(paramLabel = "USER", descriptionKey = "USER", description = "User principal name, e.g. alex@contoso.com.")
  String user;

  @Option(names = "--dry-run", description = "Show what would change, change nothing.")
  boolean dryRun;

  @Override
  public Integer call() {
    var response = root.signedIn().call(s -> s.blockSignIn(BlockSignInRequest.newBuilder()
        .setName("users/" + user).setValidateOnly(dryRun).setRequestId(java.util.UUID.randomUUID().toString()).build()));
    return StepOutput.print(root, user, response.getStep(), response);
  }
}
