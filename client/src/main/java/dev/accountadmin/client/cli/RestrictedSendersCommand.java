package dev.accountadmin.client.cli;

import dev.accountadmin.v1.ListRestrictedSendersRequest;
import dev.accountadmin.v1.ListRestrictedSendersResponse;
import dev.accountadmin.v1.User;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code acctadmin restricted-senders}: who may not send email, why and since when. */
@Command(name = "restricted-senders", description = "List the users restricted from sending email.")
final class RestrictedSendersCommand implements Callable<Integer> {
  @ParentCommand Acctadmin root;

  @Override
  public Integer call() {
    var client = root.signedIn();
    var all = new ArrayList<User>();
    String token = "";
    do {
      final var page = token;
      var response = client.call(s -> s.listRestrictedSenders(ListRestrictedSendersRequest.newBuilder()
          .setPageSize(500).setPageToken(page).build()));
      all.addAll(response.getUsersList());
      token = response.getNextPageToken();
    } while (!token.isEmpty());
    if (root.output == Acctadmin.Output.json) {
      Render.json(root.out(), ListRestrictedSendersResponse.newBuilder().addAllUsers(all).build());
      return ExitCode.OK;
    }
    var m = root.messages();
    if (all.isEmpty()) {
      root.out().println(m.render("cli.restricted.none", Map.of()));
      return ExitCode.OK;
    }
    for (var u : all) {
      var restriction = u.getMailbox().getSendingRestriction();
      var reason = ApiNames.of(restriction.getReason());
      root.out().println(m.render("cli.restricted.line", Map.of("user", u.getUserPrincipalName(),
          "restrictionReason", reason.equals("UNSPECIFIED") ? "" : m.label("restrictionReason", reason),
          "restrictTime", Render.instant(restriction.getRestrictTime()),
          "restrictionLiftCount", u.getMailbox().getRestrictionLiftCount())));
    }
    root.out().println(m.render("cli.users.count", Map.of("count", all.size())));
    return ExitCode.OK;
  }
}
