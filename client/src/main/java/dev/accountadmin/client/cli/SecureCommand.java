package dev.accountadmin.client.cli;

import dev.accountadmin.v1.SecureCompromisedUserRequest;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code acctadmin secure USER}: respond to a compromised account. */
@Command(name = "secure", description = "Secure a compromised account: reset the password, sign out everywhere, restrict sending.")
final class SecureCommand implements Callable<Integer> {
  @ParentCommand Acctadmin root;

  @Parameters(paramLabel = "USER", descriptionKey = "USER", description = "User principal name, e.g. alex@contoso.com.")
  String user;

  @Option(names = "--lift-restriction", description = "Lift the sending restriction at the end instead of keeping it.")
  boolean lift;

  @Option(names = "--dry-run", description = "Show the plan, change nothing.")
  boolean dryRun;

  @Option(names = "--show-password", description = "Print the temporary password even when output is not a terminal.")
  boolean showPassword;

  @Override
  public Integer call() {
    var response = root.signedIn().call(s -> s.secureCompromisedUser(SecureCompromisedUserRequest.newBuilder()
        .setName("users/" + user).setLiftSendingRestriction(lift).setValidateOnly(dryRun)
        .setRequestId(UUID.randomUUID().toString()).build()));
    return ProcedureOutput.print(root, user, response.getResult(), response, showPassword);
  }
}
