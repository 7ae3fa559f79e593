package dev.accountadmin.client.cli;

import dev.accountadmin.v1.LiftSendingRestrictionRequest;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code acctadmin lift-restriction USER}: Lift a user's email sending restriction. */
@Command(name = "lift-restriction", description = "Lift a user's email sending restriction.")
final class LiftRestrictionCommand implements Callable<Integer> {
  @ParentCommand Acctadmin root;

  @Parameters(paramLabel = "USER", descriptionKey = "USER", description = "User principal name, e.g. alex@contoso.com.")
  String user;

  @Option(names = "--dry-run", description = "Show what would change, change nothing.")
  boolean dryRun;

  @Override
  public Integer call() {
    var response = root.signedIn().call(s -> s.liftSendingRestriction(LiftSendingRestrictionRequest.newBuilder()
        .setName("users/" + user).setValidateOnly(dryRun).setRequestId(UUID.randomUUID().toString()).build()));
    return StepOutput.print(root, user, response.getStep(), response);
  }
}
