package dev.accountadmin.client.cli;

import dev.accountadmin.v1.UnlockUserRequest;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code acctadmin unlock USER}: lift the sending restriction, clear the lockout, (reset the password,) allow sign-in. */
@Command(name = "unlock", description = "Unlock an account: lift the sending restriction, clear the lockout, allow sign-in.")
final class UnlockCommand implements Callable<Integer> {
  @ParentCommand Acctadmin root;

  @Mixin StepTarget target;

  @Option(names = "--reset-password", description = "Also reset the password to a temporary one.")
  boolean resetPassword;

  @Option(names = "--show-password", description = "Print the temporary password even when output is not a terminal.")
  boolean showPassword;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    // As reset-password: decided before anything changes, so no password is set that nobody knows.
    if (resetPassword && !target.dryRun && !root.passwordVisible(showPassword)) {
      throw new UsageError(spec.commandLine(), "--show-password", "PASSWORD_NOT_SHOWN", "cli.unlock.passwordNotShown",
          Map.of("user", target.user));
    }
    var response = root.signedIn().call(s -> s.unlockUser(UnlockUserRequest.newBuilder().setName(target.name())
        .setResetPassword(resetPassword).setValidateOnly(target.dryRun).setRequestId(StepTarget.requestId()).build()));
    return ProcedureOutput.print(root, target.user, response.getResult(), response, showPassword);
  }
}
