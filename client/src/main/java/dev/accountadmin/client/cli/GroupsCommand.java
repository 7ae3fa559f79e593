package dev.accountadmin.client.cli;

import dev.accountadmin.v1.ListUserMembershipsRequest;
import dev.accountadmin.v1.RemoveGroupMembershipsRequest;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code acctadmin groups USER}: the user's groups, each marked member, group owner or both; with
 * {@code --remove-all}, the RemoveGroupMemberships step (the offboarding guide's command for it).
 */
@Command(name = "groups", description = "List a user's groups, or remove the user from all of them.")
final class GroupsCommand implements Callable<Integer> {
  @ParentCommand Acctadmin root;

  @Mixin StepTarget target;

  @Option(names = "--remove-all", description = "Remove the user from every group, as a member and as an owner.")
  boolean removeAll;

  @Override
  public Integer call() {
    var client = root.signedIn();
    if (removeAll) {
      var response = client.call(s -> s.removeGroupMemberships(RemoveGroupMembershipsRequest.newBuilder()
          .setName(target.name()).setValidateOnly(target.dryRun).setRequestId(StepTarget.requestId()).build()));
      return StepOutput.print(root, target.user, response.getStep(), response);
    }
    var response = client.call(s -> s.listUserMemberships(ListUserMembershipsRequest.newBuilder().setName(target.name()).build()));
    if (root.output == Acctadmin.Output.json) {
      Render.json(root.out(), response);
      return ExitCode.OK;
    }
    var m = root.messages();
    if (response.getGroupsCount() == 0) {
      root.out().println(m.render("cli.groups.none", Map.of("user", target.user)));
      return ExitCode.OK;
    }
    for (var g : response.getGroupsList()) {
      // One sentence per kind of place: a translator never joins "member" and "owner" pieces.
      var key = g.getOwner() && g.getMember() ? "cli.groups.memberAndOwner" : g.getOwner() ? "cli.groups.owner" : "cli.groups.member";
      root.out().println(m.render(key, Map.of("group", g.getGroup().getDisplayName())));
    }
    root.out().println(m.render("cli.groups.count", Map.of("groupCount", response.getGroupsCount())));
    return ExitCode.OK;
  }
}
