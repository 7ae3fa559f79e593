package dev.accountadmin.client.cli;

import dev.accountadmin.v1.ListLicencesRequest;
import dev.accountadmin.v1.ListUserMembershipsRequest;
import dev.accountadmin.v1.RemoveLicencesRequest;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code acctadmin licences}: the catalogue with its seats; {@code acctadmin licences USER}: the
 * user's licences; with {@code --remove-all}, the RemoveLicences step on the user.
 */
@Command(name = "licences", description = "List the licence catalogue and its seats, or a user's licences, or remove them.")
final class LicencesCommand implements Callable<Integer> {
  @ParentCommand Acctadmin root;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "USER", descriptionKey = "USER", arity = "0..1",
      description = "User principal name, e.g. alex@contoso.com.")
  String user;

  @Option(names = "--remove-all", description = "Remove every licence of the user; the seats go back to the pool.")
  boolean removeAll;

  @Option(names = "--dry-run", description = "Show what would change, change nothing.")
  boolean dryRun;

  @Override
  public Integer call() {
    var m = root.messages();
    if ((removeAll || dryRun) && user == null) {
      throw new UsageError(spec.commandLine(), "USER", "MISSING_ARGUMENT", "cli.usage.missing",
          Acctadmin.args("kind", "parameter", "name", "USER"));
    }
    var client = root.signedIn();
    if (removeAll) {
      var response = client.call(s -> s.removeLicences(RemoveLicencesRequest.newBuilder()
          .setName("users/" + user).setValidateOnly(dryRun).setRequestId(StepTarget.requestId()).build()));
      return StepOutput.print(root, user, response.getStep(), response);
    }
    if (user == null) {
      var catalogue = client.call(s -> s.listLicences(ListLicencesRequest.getDefaultInstance()));
      if (root.output == Acctadmin.Output.json) {
        Render.json(root.out(), catalogue);
        return ExitCode.OK;
      }
      for (var l : catalogue.getLicencesList()) {
        root.out().println(m.render("cli.licences.catalogueLine", Map.of("licence", l.getDisplayName(), "sku", l.getSku(),
            "usedSeatCount", l.getUsedSeats(), "freeSeatCount", Math.max(0, l.getTotalSeats() - l.getUsedSeats()))));
      }
      return ExitCode.OK;
    }
    var response = client.call(s -> s.listUserMemberships(ListUserMembershipsRequest.newBuilder().setName("users/" + user).build()));
    if (root.output == Acctadmin.Output.json) {
      Render.json(root.out(), response);
      return ExitCode.OK;
    }
    if (response.getLicencesCount() == 0) {
      root.out().println(m.render("cli.licences.none", Map.of("user", user)));
      return ExitCode.OK;
    }
    for (var l : response.getLicencesList()) {
      root.out().println(m.render("cli.licences.userLine", Map.of("licence", l.getDisplayName(), "sku", l.getSku())));
    }
    return ExitCode.OK;
  }
}
