package dev.accountadmin.client.cli;

import dev.accountadmin.v1.SecureCompromisedUserRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code acctadmin secure USER}: respond to a compromised account. */
@Command(name = "secure", description = "Secure a compromised account: reset the password, sign out everywhere, restrict sending.")
final class SecureCommand implements Callable<Integer> {
  @ParentCommand Acctadmin root;

  @Mixin StepTarget target;

  @Option(names = "--lift-restriction", description = "Lift the sending restriction at the end instead of keeping it.")
  boolean lift;

  @Option(names = "--show-password", description = "Print the temporary password even when output is not a terminal.")
  boolean showPassword;

  @Override
  public Integer call() {
    var response = root.signedIn().call(s -> s.secureCompromisedUser(SecureCompromisedUserRequest.newBuilder()
        .setName(target.name()).setLiftSendingRestriction(lift).setValidateOnly(target.dryRun)
        .setRequestId(StepTarget.requestId()).build()));
    return ProcedureOutput.print(root, target.user, response.getResult(), response, showPassword);
  }
}
