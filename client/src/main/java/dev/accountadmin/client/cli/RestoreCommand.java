package dev.accountadmin.client.cli;

import dev.accountadmin.v1.RestoreUserRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code acctadmin restore USER}: undo an offboarding exactly, with a new temporary password. */
@Command(name = "restore", description = "Undo an offboarding: sign-in, mail protocols and admin roles as they were.")
final class RestoreCommand implements Callable<Integer> {
  @ParentCommand Acctadmin root;

  @Mixin StepTarget target;

  @Option(names = "--show-password", description = "Print the temporary password even when output is not a terminal.")
  boolean showPassword;

  @Override
  public Integer call() {
    var response = root.signedIn().call(s -> s.restoreUser(RestoreUserRequest.newBuilder().setName(target.name())
        .setValidateOnly(target.dryRun).setRequestId(StepTarget.requestId()).build()));
    return ProcedureOutput.print(root, target.user, response.getResult(), response, showPassword);
  }
}
