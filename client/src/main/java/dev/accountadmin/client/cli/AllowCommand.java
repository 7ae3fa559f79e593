package dev.accountadmin.client.cli;

import dev.accountadmin.v1.AllowSignInRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code acctadmin allow USER}: allows sign-in again. */
@Command(name = "allow", description = "Allow a user's sign-in.")
final class AllowCommand implements Callable<Integer> {
  @ParentCommand Acctadmin root;

  @Parameters(paramLabel = "USER", descriptionKey = "USER", description = "User principal name, e.g. alex@contoso.com.")
  String user;

  @Option(names = "--dry-run", description = "Show what would change, change nothing.")
  boolean dryRun;

  @Override
  public Integer call() {
    var response = root.signedIn().call(s -> s.allowSignIn(AllowSignInRequest.newBuilder()
        .setName("users/" + user).setValidateOnly(dryRun).setRequestId(java.util.UUID.randomUUID().toString()).build()));
    return StepOutput.print(root, user, response.getStep(), response);
  }
}
