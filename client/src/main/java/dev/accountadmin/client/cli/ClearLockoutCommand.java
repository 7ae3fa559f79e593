package dev.accountadmin.client.cli;

import dev.accountadmin.v1.ClearLockoutRequest;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code acctadmin clear-lockout USER}: Clear a user's sign-in lockout. */
@Command(name = "clear-lockout", description = "Clear a user's sign-in lockout.")
final class ClearLockoutCommand implements Callable<Integer> {
  @ParentCommand Acctadmin root;

  @Parameters(paramLabel = "USER", descriptionKey = "USER", description = "User principal name, e.g. alex@contoso.com.")
  String user;

  @Option(names = "--dry-run", description = "Show what would change, change nothing.")
  boolean dryRun;

  @Override
  public Integer call() {
    var response = root.signedIn().call(s -> s.clearLockout(ClearLockoutRequest.newBuilder()
        .setName("users/" + user).setValidateOnly(dryRun).setRequestId(UUID.randomUUID().toString()).build()));
    return StepOutput.print(root, user, response.getStep(), response);
  }
}
