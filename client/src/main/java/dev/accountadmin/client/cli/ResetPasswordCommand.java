package dev.accountadmin.client.cli;

import dev.accountadmin.v1.ResetPasswordRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code acctadmin reset-password USER}: a generated temporary password, or one read from stdin. */
@Command(name = "reset-password", description = "Reset a user's password to a temporary one, to be changed at the next sign-in.")
final class ResetPasswordCommand implements Callable<Integer> {
  @ParentCommand Acctadmin root;

  @Mixin StepTarget target;

  @Option(names = "--password-stdin", description = "Set the password read from standard input instead of a generated one.")
  boolean passwordStdin;

  @Option(names = "--no-change-required", description = "Do not make the user change the password at the next sign-in.")
  boolean keep;

  @Option(names = "--undisclosed", description = "Set a random password that nobody is shown, as offboarding does.")
  boolean undisclosed;

  @Option(names = "--show-password", description = "Print the temporary password even when output is not a terminal.")
  boolean showPassword;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    // Decided before anything changes: a generated password that would not be printed is one that
    // nobody knows, so the reset is refused unless the admin said that is what they want.
    if (!passwordStdin && !undisclosed && !target.dryRun && !root.passwordVisible(showPassword)) {
      throw new UsageError(spec.commandLine(), "--show-password", "PASSWORD_NOT_SHOWN", "cli.resetPassword.notShown", Map.of("user", target.user));
    }
    var request = ResetPasswordRequest.newBuilder().setName(target.name()).setSkipChangeAtNextSignIn(keep)
        .setUndisclosed(undisclosed).setValidateOnly(target.dryRun).setRequestId(StepTarget.requestId());
    if (passwordStdin) {
      var line = new BufferedReader(new InputStreamReader(root.in, StandardCharsets.UTF_8)).readLine();
      request.setPassword(line == null ? "" : line);
    }
    var response = root.signedIn().call(s -> s.resetPassword(request.build()));
    return StepOutput.print(root, target.user, response.getStep(), response, showPassword);
  }
}
