package dev.accountadmin.client.cli;

import dev.accountadmin.client.AccountAdminClient;
import dev.accountadmin.client.AccountAdminException;
import dev.accountadmin.v1.BatchOffboardUsersRequest;
import dev.accountadmin.v1.BatchOffboardUsersResponse;
import dev.accountadmin.v1.OffboardUserRequest;
import dev.accountadmin.v1.StepOutcome;
import dev.accountadmin.v1.StepResult;
import io.grpc.StatusRuntimeException;
import dev.accountadmin.i18n.Messages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code acctadmin offboard USER}, or {@code --from-file users.csv} for many: a progress bar with
 * rate and ETA on a terminal, a line per user otherwise; {@code --resume BATCH} after a break.
 */
@Command(name = "offboard", description = "Offboard a former employee, or everyone in a CSV file."
    + " With --output json, a CSV file gives JSON Lines: one compact object per user, one per line.")
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

  @Option(names = "--yes", description = "Do not ask for confirmation before offboarding the users in a CSV file.")
  boolean yes;

  @Option(names = "--wipe-devices",
      description = "Also wipe the user's mobile devices: each one is wiped at its next sync, before it is blocked.")
  boolean wipeDevices;

  @Option(names = "--block-devices", description = "Also block the user's mobile devices: their next syncs are refused.")
  boolean blockDevices;

  @Option(names = "--remove-groups", description = "Also remove the user from every group, as a member and as an owner.")
  boolean removeGroups;

  @Option(names = "--remove-licences", description = "Also remove every licence of the user; the seats go back to the pool.")
  boolean removeLicences;

  @Option(names = "--remove-methods",
      description = "Also remove the user's authentication methods and revoke their app passwords, right after the sign-out.")
  boolean removeMethods;

  @Option(names = "--delete", description = "Also delete the account, last; it can be restored for 30 days.")
  boolean delete;

  @Option(names = "--files-to", paramLabel = "COLLEAGUE",
      description = "Also keep the user's files for this colleague (usually the manager): they get access before the licence goes.")
  String filesTo;

  @Option(names = "--at", paramLabel = "TIME",
      description = "Schedule it instead of running it now: \"2026-12-31 18:00 Europe/Paris\", or end-of-last-working-day with --date.")
  String at;

  @Option(names = "--date", paramLabel = "DATE", description = "With --at end-of-last-working-day: the last working day, e.g. 2026-12-31.")
  String date;

  // The mailbox options (issue 13, part 1).
  @Option(names = "--litigation-hold", description = "Also place the mailbox on litigation hold first: its contents are kept.")
  boolean litigationHold;

  @Option(names = "--remove-flagged-inbox-rules",
      description = "Also remove the inbox rules that forward, redirect or delete email; restore cannot bring them back.")
  boolean removeFlaggedInboxRules;

  @Option(names = "--shared", description = "Also convert the mailbox to a shared mailbox, before the licences go.")
  boolean shared;

  @Option(names = "--delegate", paramLabel = "USER", description = "With --shared, give this user full access; repeat for several.")
  List<String> delegates = new ArrayList<>();

  @Option(names = "--forward-to", paramLabel = "TARGET", description = "Also forward the email to this mailbox of the organization.")
  String forwardTo;

  @Option(names = "--keep-copy", description = "With --forward-to, keep a copy of each message in the mailbox too.")
  boolean keepCopy;

  @Option(names = "--auto-reply", paramLabel = "TEXT", description = "Also turn on automatic replies with this message for colleagues.")
  String autoReply;

  @Option(names = "--auto-reply-external", paramLabel = "TEXT",
      description = "With --auto-reply, the message for senders outside the organization.")
  String autoReplyExternal;

  @Option(names = "--hide-from-address-list", description = "Also hide the mailbox from the global address list.")
  boolean hideFromAddressList;

  private dev.accountadmin.v1.MailboxOptions mailboxOptions() {
    var mailbox = dev.accountadmin.v1.MailboxOptions.newBuilder().setLitigationHold(litigationHold)
        .setRemoveFlaggedInboxRules(removeFlaggedInboxRules).setConvertToShared(shared).addAllDelegates(delegates)
        .setKeepCopy(keepCopy).setHideFromAddressList(hideFromAddressList);
    if (forwardTo != null) {
      mailbox.setForwardTo(forwardTo);
    }
    if (autoReply != null) {
      mailbox.setAutomaticReplies(MailboxCommand.replies(autoReply, autoReplyExternal, null));
    }
    return mailbox.build();
  }

  // The optional steps chosen: the same for one user and for every user of a batch.
  private dev.accountadmin.v1.StepOptions options() {
    return dev.accountadmin.v1.StepOptions.newBuilder()
        .setMailbox(mailboxOptions())
        .setDevices(dev.accountadmin.v1.DeviceOptions.newBuilder().setWipe(wipeDevices).setBlock(blockDevices))
        .setMemberships(dev.accountadmin.v1.MembershipOptions.newBuilder()
            .setRemoveGroups(removeGroups).setRemoveLicences(removeLicences))
        .setMethods(dev.accountadmin.v1.MethodOptions.newBuilder().setRemoveMethods(removeMethods))

        .setDeletion(dev.accountadmin.v1.DeletionOptions.newBuilder().setDeleteUser(delete))
        .setFiles(dev.accountadmin.v1.FilesOptions.newBuilder().setGrantTo(filesTo == null ? "" : "users/" + filesTo)).build();
  }

  @Spec CommandSpec spec;

  // The CSV line of each user, by batch position - 1: a bad value is reported where it can be fixed.
  private int[] fileLines = new int[0];

  // The Ctrl-C reminder of the running batch, registered as a shutdown hook until the batch ends.
  Thread reminder;

  @Override
  public Integer call() throws IOException {
    if (at != null) {
      return schedule();
    }
    if (date != null) {
      throw new UsageError(spec.commandLine(), "--date", "DATE_WITHOUT_AT", "cli.usage.dateWithoutAt", Map.of());
    }
    if (target.user != null) {
      var response = root.signedIn().call(s -> s.offboardUser(OffboardUserRequest.newBuilder()
          .setName("users/" + target.user).setValidateOnly(dryRun).setRequestId(UUID.randomUUID().toString())
          .setOptions(options()).build()));
      return ProcedureOutput.print(root, target.user, response.getResult(), response, false);
    }
    // A resumed batch keeps the options it started with; the server ignores these then.
    var request = BatchOffboardUsersRequest.newBuilder().setValidateOnly(dryRun).setOptions(options());
    // Signed in first: an id printed for a batch that could never start would only mislead.
    var client = root.signedIn();
    if (target.batch != null) {
      request.setBatchId(target.batch);
    } else {
      var users = UsersFile.read(spec.commandLine(), target.file);
      fileLines = users.stream().mapToInt(UsersFile.User::line).toArray();
      for (var user : users) {
        request.addNames("users/" + user.upn());
      }
      // Only a person at a terminal is asked; a script's stdin is not a person.
      if (!dryRun && !yes && System.console() != null && !confirmed(request.getNamesCount())) {
        root.err().println(root.messages().render("cli.batch.notConfirmed", Map.of()));
        return ExitCode.OK;
      }
      if (!dryRun) {
        // The id is ours, and said before the call: however early this run dies, it can be resumed.
        request.setRequestId(UUID.randomUUID().toString());
        if (root.output == Acctadmin.Output.text) {
          root.err().println(root.messages().render("cli.batch.started",
              Map.of("batchId", request.getRequestId(), "count", request.getNamesCount())));
          root.err().flush();
        }
      }
    }
    return batch(client, request.build());
  }

  /** {@code --at}: schedules the offboarding of one user; the plan shows what will run then. */
  private int schedule() {
    if (target.user == null) {
      throw new UsageError(spec.commandLine(), "--at", "AT_ONE_USER", "cli.usage.atOneUser", Map.of());
    }
    var when = OffboardingTimes.parse(spec.commandLine(), at, date, root.clock.instant());
    var response = root.signedIn().call(s -> s.scheduleOffboarding(dev.accountadmin.v1.ScheduleOffboardingRequest.newBuilder()
        .setName("users/" + target.user).setWhen(when).setOptions(options()).setValidateOnly(dryRun)
        .setRequestId(UUID.randomUUID().toString()).build()));
    if (root.output == Acctadmin.Output.json) {
      Render.json(root.out(), response);
      return ExitCode.OK;
    }
    var args = ScheduleOutput.args(root, response.getScheduledOffboarding());
    root.out().println(root.messages().render(dryRun ? "cli.schedule.wouldSchedule" : "cli.schedule.scheduled", args));
    // What will run then, as of now: the same plan as --dry-run without --at.
    ProcedureOutput.print(root, target.user, response.getPlan(), response.getPlan(), false);
    return ExitCode.OK;
  }

  private boolean confirmed(int count) {
    root.err().print(confirmPrompt(root.messages(), count));
    root.err().flush();
    String answer;
    try {
      answer = new java.io.BufferedReader(new java.io.InputStreamReader(root.in, StandardCharsets.UTF_8)).readLine();
    } catch (IOException e) {
      return false;
    }
    return isYes(root.messages(), answer);
  }

  static String confirmPrompt(Messages m, int count) {
    return m.render("cli.batch.confirm", Map.of("count", count)) + " ";
  }

  /** A localized yes (the bundle lists them), or the English one every admin types. */
  static boolean isYes(Messages m, String answer) {
    if (answer == null) {
      return false;
    }
    var given = answer.strip().toLowerCase(m.locale());
    var yeses = new ArrayList<>(List.of(m.render("cli.batch.confirmYes", Map.of()).toLowerCase(m.locale()).split("\\|")));
    yeses.addAll(List.of("y", "yes"));
    return yeses.contains(given);
  }

  private int batch(AccountAdminClient client, BatchOffboardUsersRequest request) {
    var m = root.messages();
    int done = 0;
    int failed = 0;
    int already = 0;
    int before = 0;
    int failedBefore = 0;
    int seen = 0;
    boolean onTerminal = root.output == Acctadmin.Output.text && System.console() != null;
    boolean unicode = onTerminal && BatchProgress.unicode(System.console().charset());
    var task = m.render("cli.batch.task", Map.of());
    var unit = m.render("cli.batch.unit", Map.of());
    var started = root.clock.instant();
    var batchId = request.getBatchId().isEmpty() ? request.getRequestId() : request.getBatchId();
    if (!batchId.isEmpty() && root.output == Acctadmin.Output.text) {
      reminder = interruptReminder(batchId);
      Runtime.getRuntime().addShutdownHook(reminder);
    }
    try {
      var results = client.streamingStub().batchOffboardUsers(request);
      while (results.hasNext()) {
        var item = results.next();
        seen++;
        if (item.hasError() && item.getResumed()) {
          failedBefore++;
        } else if (item.hasError()) {
          failed++;
        } else if (item.getResumed()) {
          before++;
        } else if (alreadyOffboarded(item)) {
          already++;
        } else {
          done++;
        }
        if (root.output == Acctadmin.Output.json) {
          Render.jsonLine(root.out(), item);
        } else if (onTerminal) {
          root.err().print("\r" + BatchProgress.line(task, seen, item.getTotalCount(),
              java.time.Duration.between(started, root.clock.instant()), unit, unicode));
          if (item.hasError()) {
            // A failure stays on screen above the bar.
            root.err().print("\r" + line(item) + System.lineSeparator());
          }
          root.err().flush();
        } else {
          root.out().println(line(item));
        }
      }
    } catch (StatusRuntimeException e) {
      throw client.failure(e);
    } finally {
      if (onTerminal && seen > 0) {
        root.err().println();
      }
      if (reminder != null) {
        try {
          Runtime.getRuntime().removeShutdownHook(reminder);
        } catch (IllegalStateException shuttingDown) {
          // The hook is running or about to: it is the reminder this run needs.
        }
      }
    }
    if (root.output == Acctadmin.Output.text) {
      root.out().println(summary(m, request.getValidateOnly(), !request.getBatchId().isEmpty(), done, failed, already, before, failedBefore));
    }
    return failed + failedBefore > 0 ? ExitCode.STEP_FAILED : ExitCode.OK;
  }

  /** Prints, on Ctrl-C or any exit before the batch ends, how to pick it up again. */
  Thread interruptReminder(String batchId) {
    var text = root.messages().render("cli.batch.interrupted", Map.of("batchId", batchId));
    var err = root.err();
    return new Thread(() -> {
      err.println();
      err.println(text);
      err.flush();
    }, "offboard-resume-reminder");
  }

  static String summary(Messages m, boolean dryRun, boolean resume, int done, int failed, int already, int before, int failedBefore) {
    if (dryRun) {
      return m.render("summary.batchPlanned", Map.of("plannedCount", done, "failedCount", failed, "alreadyCount", already));
    }
    if (resume) {
      return m.render("summary.batchResumed",
          Map.of("offboardedCount", done, "failedCount", failed, "alreadyCount", already, "beforeCount", before,
              "beforeFailedCount", failedBefore));
    }
    return m.render("summary.batch", Map.of("offboardedCount", done, "failedCount", failed, "alreadyCount", already));
  }

  private static boolean alreadyOffboarded(BatchOffboardUsersResponse item) {
    return item.getResult().getStepsList().stream().map(StepResult::getOutcome)
        .allMatch(o -> o == StepOutcome.STEP_OUTCOME_ALREADY_DONE || o == StepOutcome.STEP_OUTCOME_NOT_REQUESTED);
  }

  private String line(BatchOffboardUsersResponse item) {
    var m = root.messages();
    var user = item.getName().startsWith("users/") ? item.getName().substring(6) : item.getName();
    String what;
    if (item.hasError() && item.getError().getReason().equals("INVALID_ARGUMENT") && item.getIndex() - 1 < fileLines.length) {
      what = m.render("cli.batch.badUser", Map.of("file", target.file.toString(), "line", String.valueOf(fileLines[item.getIndex() - 1]), "value", user));
    } else if (item.hasError()) {
      what = m.renderError(item.getError().getReason(), item.getError().getMetadataMap());
    } else {
      var failed = item.getResult().getStepsList().stream().anyMatch(s -> s.getOutcome() == StepOutcome.STEP_OUTCOME_DENIED);
      String key;
      if (item.getResult().getValidateOnly()) {
        key = alreadyOffboarded(item) ? "cli.batch.alreadyOffboarded" : "cli.batch.planned";
      } else if (failed) {
        key = "cli.batch.denied";
      } else if (item.getResumed()) {
        key = "cli.batch.offboardedBefore";
      } else {
        key = alreadyOffboarded(item) ? "cli.batch.alreadyOffboarded" : "cli.batch.offboarded";
      }
      what = m.render(key, Map.of("user", user));
    }
    return m.render("cli.batch.line", Map.of("index", item.getIndex(), "total", item.getTotalCount(), "message", what));
  }
}
