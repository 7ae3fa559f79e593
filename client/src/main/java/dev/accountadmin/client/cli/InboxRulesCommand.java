package dev.accountadmin.client.cli;

import dev.accountadmin.v1.ListInboxRulesRequest;
import dev.accountadmin.v1.RemoveFlaggedInboxRulesRequest;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code acctadmin inbox-rules USER}: the user's inbox rules, those that forward, redirect or
 * delete flagged; with {@code --remove-flagged}, the RemoveFlaggedInboxRules step.
 */
@Command(name = "inbox-rules", description = "List a user's inbox rules, or remove those that forward, redirect or delete.")
final class InboxRulesCommand implements Callable<Integer> {
  @ParentCommand Acctadmin root;

  @Mixin StepTarget target;

  @Option(names = "--remove-flagged", description = "Remove the rules that forward, redirect or delete email; the others stay.")
  boolean removeFlagged;

  @Override
  public Integer call() {
    var client = root.signedIn();
    if (removeFlagged) {
      var response = client.call(s -> s.removeFlaggedInboxRules(RemoveFlaggedInboxRulesRequest.newBuilder()
          .setName(target.name()).setValidateOnly(target.dryRun).setRequestId(StepTarget.requestId()).build()));
      return StepOutput.print(root, target.user, response.getStep(), response);
    }
    var response = client.call(s -> s.listInboxRules(ListInboxRulesRequest.newBuilder().setName(target.name()).build()));
    if (root.output == Acctadmin.Output.json) {
      Render.json(root.out(), response);
      return ExitCode.OK;
    }
    var m = root.messages();
    if (response.getRulesCount() == 0) {
      root.out().println(m.render("cli.inboxRules.none", Map.of("user", target.user)));
      return ExitCode.OK;
    }
    for (var rule : response.getRulesList()) {
      root.out().println(m.render(rule.getFlagged() ? "cli.inboxRules.flagged" : "cli.inboxRules.rule", Map.of("rule", rule.getName())));
    }
    long flagged = response.getRulesList().stream().filter(dev.accountadmin.v1.InboxRule::getFlagged).count();
    root.out().println(m.render("cli.inboxRules.count", Map.of("ruleCount", response.getRulesCount(), "flaggedRuleCount", flagged)));
    return ExitCode.OK;
  }
}
