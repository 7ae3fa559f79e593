package dev.accountadmin.client.cli;

import dev.accountadmin.client.AccountAdminException;
import dev.accountadmin.v1.SignOutRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code acctadmin logout}: ends the session on the server and forgets it here. */
@Command(name = "logout", description = "Sign out and forget the stored session.")
final class LogoutCommand implements Callable<Integer> {
  @ParentCommand Acctadmin root;

  @Override
  public Integer call() throws Exception {
    var file = Credentials.file(root.env);
    if (Credentials.load(file).isEmpty()) {
      root.out().println(root.messages().render("cli.logout.notSignedIn", Acctadmin.args("server", root.server)));
      return ExitCode.OK;
    }
    try {
      root.signedIn().auth(s -> s.signOut(SignOutRequest.getDefaultInstance()));
    } catch (AccountAdminException e) {
      // Signed out already, or the session expired: forgetting it locally is all that is left.
    }
    Credentials.delete(file);
    root.out().println(root.messages().render("cli.logout.done", Acctadmin.args()));
    return ExitCode.OK;
  }
}
