package dev.accountadmin.client.cli;

import dev.accountadmin.client.AccountAdminException;
import dev.accountadmin.v1.BatchItem;
import dev.accountadmin.v1.BatchItemState;
import dev.accountadmin.v1.GetBatchRequest;
import dev.accountadmin.v1.RestoreUserRequest;
import dev.accountadmin.v1.RestoreUserResponse;
import dev.accountadmin.v1.StepOutcome;
import dev.accountadmin.v1.StepResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code acctadmin restore USER}: undo an offboarding exactly, with a new temporary password; or,
 * with {@code --from-file users.csv} or {@code --batch BATCH}, undo many, a line per user.
 */
@Command(name = "restore", description = "Undo an offboarding: sign-in, mail protocols and admin roles as they were.")
final class RestoreCommand implements Callable<Integer> {
  @ParentCommand Acctadmin root;

  @Spec CommandSpec spec;

  static final class Target {
    @Parameters(paramLabel = "USER", descriptionKey = "USER", description = "User principal name, e.g. alex@contoso.com.")
    String user;

    @Option(names = "--from-file", paramLabel = "FILE",
        description = "Undo the offboarding of everyone in a CSV file, in the format of offboard --from-file.")
    Path file;

    @Option(names = "--batch", paramLabel = "BATCH", description = "Undo the offboarding of every user a batch offboarded, by the batch's id.")
    String batch;
  }

  @ArgGroup(multiplicity = "1")
  Target target;

  @Option(names = "--dry-run", description = "Show the plan, change nothing.")
  boolean dryRun;

  @Option(names = "--show-password", description = "Print the temporary password even when output is not a terminal.")
  boolean showPassword;

  @Option(names = "--yes", description = "Restore many users without asking for confirmation on a terminal.")
  boolean yes;

  @Override
  public Integer call() throws IOException {
    if (target.user != null) {
      var response = root.signedIn().call(s -> s.restoreUser(RestoreUserRequest.newBuilder().setName("users/" + target.user)
          .setValidateOnly(dryRun).setRequestId(StepTarget.requestId()).build()));
      return ProcedureOutput.print(root, target.user, response.getResult(), response, showPassword);
    }
    var names = target.file != null
        ? UsersFile.read(spec.commandLine(), target.file).stream().map(user -> "users/" + user.upn()).toList()
        : offboardedBy(target.batch);
    if (!dryRun && !yes && !names.isEmpty() && !confirmed(names.size())) {
      root.err().println(root.messages().render("cli.restoreBatch.cancelled", Map.of()));
      return ExitCode.OK;
    }
    return restoreAll(names);
  }

  /** The users the batch offboarded: not those it failed or never reached, nor those offboarded before it. */
  private List<String> offboardedBy(String batchId) {
    var batch = root.signedIn().call(s -> s.getBatch(GetBatchRequest.newBuilder().setBatchId(batchId).build()));
    return batch.getItemsList().stream()
        .filter(i -> i.getState() == BatchItemState.BATCH_ITEM_STATE_DONE && !i.getAlreadyOffboarded())
        .map(BatchItem::getName).toList();
  }

  /** Only a person at a terminal is asked; a script off a terminal goes on, as with offboard. */
  private boolean confirmed(int count) {
    var console = System.console();
    if (console == null) {
      return true;
    }
    var m = root.messages();
    var answer = console.readLine("%s", m.render("cli.restoreBatch.confirm", Map.of("count", count)));
    if (answer == null) {
      return false;
    }
    var typed = answer.strip().toLowerCase(m.locale());
    return typed.equals(m.render("cli.restoreBatch.yes", Map.of()).toLowerCase(m.locale())) || typed.equals("y");
  }

  private int restoreAll(List<String> names) {
    var m = root.messages();
    var client = root.signedIn();
    int restored = 0;
    int failed = 0;
    int nothing = 0;
    for (int i = 0; i < names.size(); i++) {
      var name = names.get(i);
      var user = name.substring("users/".length());
      String what;
      try {
        RestoreUserResponse response = client.call(s -> s.restoreUser(RestoreUserRequest.newBuilder().setName(name)
            .setValidateOnly(dryRun).setRequestId(StepTarget.requestId()).build()));
        var denied = response.getResult().getStepsList().stream().map(StepResult::getOutcome)
            .anyMatch(o -> o == StepOutcome.STEP_OUTCOME_DENIED || o == StepOutcome.STEP_OUTCOME_FAILED);
        if (denied) {
          failed++;
        } else {
          restored++;
        }
        if (root.output == Acctadmin.Output.json) {
          Render.json(root.out(), root.passwordVisible(showPassword) ? response : Secrets.redact(response));
          continue;
        }
        what = m.render(dryRun ? "cli.restoreBatch.planned" : denied ? "cli.restoreBatch.denied" : "cli.restoreBatch.restored",
            Map.of("user", user));
        root.out().println(m.render("cli.batch.line", Map.of("index", i + 1, "total", names.size(), "message", what)));
        for (var step : response.getResult().getStepsList()) {
          TemporaryPassword.print(root, step, showPassword);
        }
      } catch (AccountAdminException e) {
        if (!perUser(e)) {
          throw e;
        }
        // Not offboarded (never, or restored already): nothing to undo for this one, go on.
        if ("NOT_OFFBOARDED".equals(e.reason())) {
          nothing++;
        } else {
          failed++;
        }
        if (root.output == Acctadmin.Output.json) {
          ErrorJson.print(root.out(), ErrorJson.of(e, m));
          continue;
        }
        what = m.renderError(e.reason(), e.metadata());
        root.out().println(m.render("cli.batch.line", Map.of("index", i + 1, "total", names.size(), "message", what)));
      }
    }
    if (root.output == Acctadmin.Output.text) {
      root.out().println(m.render(dryRun ? "summary.restoreBatchPlanned" : "summary.restoreBatch", Map.of("restoredCount", restored, "failedCount", failed, "nothingCount", nothing)));
    }
    return failed > 0 ? ExitCode.STEP_FAILED : ExitCode.OK;
  }

  /** An error about one user (its state, its existence, a permission on it) rather than the whole run. */
  private static boolean perUser(AccountAdminException e) {
    return switch (e.code()) {
      case FAILED_PRECONDITION, NOT_FOUND, PERMISSION_DENIED, INVALID_ARGUMENT -> true;
      default -> false;
    };
  }
}
