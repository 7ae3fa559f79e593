package dev.accountadmin.client.cli;

import dev.accountadmin.v1.BatchOffboardUsersRequest;
import dev.accountadmin.v1.BatchOffboardUsersResponse;
import dev.accountadmin.v1.OffboardUserRequest;
import dev.accountadmin.v1.StepOutcome;
import dev.accountadmin.v1.StepResult;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code acctadmin offboard USER}, or {@code --from-file users.csv} for many: a progress bar with
 * rate and ETA on a terminal, a line per user otherwise; {@code --resume BATCH} after a break.
 */
@Command(name = "offboard", description = "Offboard a former employee, or everyone in a CSV file.")
final class OffboardCommand implements Callable<Integer> {
  @ParentCommand Acctadmin root;

  static final class Target {
    @Parameters(paramLabel = "USER", descriptionKey = "USER", description = "User principal name, e.g. alex@contoso.com.")
    String user;

    @Option(names = "--from-file", paramLabel = "FILE",
        description = "A CSV file of users: one user principal name per line, or a column named userPrincipalName, upn, user or email.")
    Path file;

    @Option(names = "--resume", paramLabel = "BATCH", description = "Resume an interrupted batch by its id.")
    String batch;
  }

  @ArgGroup(multiplicity = "1")
  Target target;

  @Option(names = "--dry-run", description = "Show the plan, change nothing.")
  boolean dryRun;

  @Override
  public Integer call() throws IOException {
    if (target.user != null) {
      var response = root.signedIn().call(s -> s.offboardUser(OffboardUserRequest.newBuilder()
          .setName("users/" + target.user).setValidateOnly(dryRun).setRequestId(UUID.randomUUID().toString()).build()));
      return ProcedureOutput.print(root, target.user, response.getResult(), response, false);
    }
    var request = BatchOffboardUsersRequest.newBuilder().setValidateOnly(dryRun);
    if (target.batch != null) {
      request.setBatchId(target.batch);
    } else {
      for (var upn : UsersFile.read(target.file)) {
        request.addNames("users/" + upn);
      }
    }
    return batch(request.build());
  }

  private int batch(BatchOffboardUsersRequest request) {
    var m = root.messages();
    var client = root.signedIn();
    int done = 0;
    int failed = 0;
    int already = 0;
    int seen = 0;
    ProgressBar bar = null;
    try {
      var results = client.streamingStub().batchOffboardUsers(request);
      while (results.hasNext()) {
        var item = results.next();
        if (seen++ == 0) {
          if (!item.getBatchId().isEmpty() && root.output == Acctadmin.Output.text) {
            root.err().println(m.render("cli.batch.started", Map.of("batchId", item.getBatchId(), "count", item.getTotalCount())));
          }
          if (root.output == Acctadmin.Output.text && System.console() != null) {
            bar = progressBar(item.getTotalCount());
          }
        }
        if (item.hasError()) {
          failed++;
        } else if (item.getResult().getStepsList().stream().map(StepResult::getOutcome).allMatch(o -> o == StepOutcome.STEP_OUTCOME_ALREADY_DONE)) {
          already++;
        } else {
          done++;
        }
        if (root.output == Acctadmin.Output.json) {
          Render.json(root.out(), item);
        } else if (bar != null) {
          bar.step();
          if (item.hasError()) {
            bar.setExtraMessage(" " + item.getName().substring("users/".length()));
          }
        } else {
          root.out().println(line(item));
        }
      }
    } catch (StatusRuntimeException e) {
      throw client.failure(e);
    } finally {
      if (bar != null) {
        bar.close();
      }
    }
    if (root.output == Acctadmin.Output.text) {
      root.out().println(m.render("summary.batch", Map.of("offboardedCount", done, "failedCount", failed, "alreadyCount", already)));
    }
    return failed > 0 ? ExitCode.STEP_FAILED : ExitCode.OK;
  }

  private String line(BatchOffboardUsersResponse item) {
    var m = root.messages();
    var user = item.getName().startsWith("users/") ? item.getName().substring(6) : item.getName();
    String what;
    if (item.hasError()) {
      what = m.renderError(item.getError().getReason(), item.getError().getMetadataMap());
    } else {
      var failed = item.getResult().getStepsList().stream().anyMatch(s -> s.getOutcome() == StepOutcome.STEP_OUTCOME_DENIED);
      what = m.render(item.getResult().getValidateOnly() ? "cli.batch.planned" : failed ? "cli.batch.denied" : "cli.batch.offboarded",
          Map.of("user", user));
    }
    return m.render("cli.batch.line", Map.of("index", item.getIndex(), "total", item.getTotalCount(), "message", what));
  }

  private ProgressBar progressBar(int total) {
    return new ProgressBarBuilder()
        .setTaskName(root.messages().render("cli.batch.task", Map.of()))
        .setInitialMax(total)
        .setStyle(root.colour() ? ProgressBarStyle.COLORFUL_UNICODE_BLOCK : ProgressBarStyle.ASCII)
        .setConsumer(new ConsoleProgressBarConsumer(System.err))
        .showSpeed()
        .setUnit(" " + root.messages().render("cli.batch.unit", Map.of()), 1)
        .build();
  }
}
