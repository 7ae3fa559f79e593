package dev.accountadmin.client.cli;

import dev.accountadmin.v1.GetUserRequest;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code acctadmin whoami}: who the stored session signs in as, on which server, with which roles. */
@Command(name = "whoami", description = "Show who you are signed in as.")
final class WhoamiCommand implements Callable<Integer> {
  @ParentCommand Acctadmin root;

  @Override
  public Integer call() throws IOException {
    var client = root.signedIn();
    var stored = Credentials.load(Credentials.file(root.env)).orElseThrow();
    var me = client.call(s -> s.getUser(GetUserRequest.newBuilder().setName("users/" + stored.user()).build()));
    if (root.output == Acctadmin.Output.json) {
      Render.json(root.out(), me);
      return ExitCode.OK;
    }
    var m = root.messages();
    var roles = me.getUser().getAdminRolesCount() == 0
        ? m.render("cli.user.noRoles", Map.of()) : m.list(Render.roles(m, me.getUser().getAdminRolesList()));
    root.out().println(m.render("cli.whoami", Map.of("user", stored.user(), "server", root.server, "roles", roles)));
    return ExitCode.OK;
  }
}
