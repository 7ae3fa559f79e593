package dev.accountadmin.client.cli;

import dev.accountadmin.v1.CancelScheduledOffboardingRequest;
import dev.accountadmin.v1.GetScheduledOffboardingRequest;
import dev.accountadmin.v1.ListScheduledOffboardingsRequest;
import dev.accountadmin.v1.ScheduledOffboarding;
import dev.accountadmin.v1.UpdateScheduledOffboardingRequest;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code acctadmin schedule list|show ID|change ID --at …|cancel ID}: the offboardings scheduled
 * with {@code acctadmin offboard USER --at …}, until they run (and their result after).
 */
@Command(name = "schedule", description = "List, show, change or cancel scheduled offboardings.",
    subcommands = {ScheduleCommand.ListSchedules.class, ScheduleCommand.Show.class, ScheduleCommand.Change.class,
        ScheduleCommand.Cancel.class})
final class ScheduleCommand {
  @ParentCommand Acctadmin root;

  static String name(String id) {
    return id.startsWith("scheduledOffboardings/") ? id : "scheduledOffboardings/" + id;
  }

  static int print(Acctadmin root, ScheduledOffboarding s) {
    if (root.output == Acctadmin.Output.json) {
      Render.json(root.out(), s);
    } else {
      root.out().println(ScheduleOutput.line(root, s));
      if (s.hasResult()) {
        ProcedureOutput.print(root, ScheduleOutput.args(root, s).get("user").toString(), s.getResult(), s.getResult(), false);
      }
    }
    return ExitCode.OK;
  }

  @Command(name = "list", description = "List scheduled offboardings, earliest first.")
  static final class ListSchedules implements Callable<Integer> {
    @ParentCommand ScheduleCommand parent;

    @Option(names = "--user", paramLabel = "USER", description = "Only this user's.")
    String user;

    @Override
    public Integer call() {
      var root = parent.root;
      var request = ListScheduledOffboardingsRequest.newBuilder();
      if (user != null) {
        request.setUser("users/" + user);
      }
      var response = root.signedIn().call(s -> s.listScheduledOffboardings(request.build()));
      if (root.output == Acctadmin.Output.json) {
        Render.json(root.out(), response);
        return ExitCode.OK;
      }
      for (var s : response.getScheduledOffboardingsList()) {
        root.out().println(ScheduleOutput.line(root, s));
      }
      int count = response.getScheduledOffboardingsCount();
      root.out().println(root.messages().render(count == 0 ? "cli.schedule.none" : "cli.schedule.count", Map.of("count", count)));
      return ExitCode.OK;
    }
  }

  @Command(name = "show", description = "Show one scheduled offboarding, with its result once it ran.")
  static final class Show implements Callable<Integer> {
    @ParentCommand ScheduleCommand parent;

    @Parameters(paramLabel = "ID", descriptionKey = "SCHEDULE_ID", description = "The scheduled offboarding's id.")
    String id;

    @Override
    public Integer call() {
      var root = parent.root;
      return print(root, root.signedIn().call(s -> s.getScheduledOffboarding(GetScheduledOffboardingRequest.newBuilder()
          .setName(name(id)).build()).getScheduledOffboarding()));
    }
  }

  @Command(name = "change", description = "Change when a scheduled offboarding runs, until it starts.")
  static final class Change implements Callable<Integer> {
    @ParentCommand ScheduleCommand parent;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "ID", descriptionKey = "SCHEDULE_ID", description = "The scheduled offboarding's id.")
    String id;

    @Option(names = "--at", required = true, paramLabel = "TIME",
        description = "The new time: \"2026-12-31 18:00 Europe/Paris\", or end-of-last-working-day with --date.")
    String at;

    @Option(names = "--date", paramLabel = "DATE", description = "The last working day, e.g. 2026-12-31.")
    String date;

    @Option(names = "--dry-run", description = "Check the change, change nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
      var root = parent.root;
      var when = OffboardingTimes.parse(spec.commandLine(), at, date, root.clock.instant());
      return print(root, root.signedIn().call(s -> s.updateScheduledOffboarding(UpdateScheduledOffboardingRequest.newBuilder()
          .setName(name(id)).setWhen(when).setValidateOnly(dryRun).setRequestId(UUID.randomUUID().toString()).build())
          .getScheduledOffboarding()));
    }
  }

  @Command(name = "cancel", description = "Cancel a scheduled offboarding, until it starts: it never runs.")
  static final class Cancel implements Callable<Integer> {
    @ParentCommand ScheduleCommand parent;

    @Parameters(paramLabel = "ID", descriptionKey = "SCHEDULE_ID", description = "The scheduled offboarding's id.")
    String id;

    @Override
    public Integer call() {
      var root = parent.root;
      return print(root, root.signedIn().call(s -> s.cancelScheduledOffboarding(CancelScheduledOffboardingRequest.newBuilder()
          .setName(name(id)).setRequestId(UUID.randomUUID().toString()).build()).getScheduledOffboarding()));
    }
  }
}
