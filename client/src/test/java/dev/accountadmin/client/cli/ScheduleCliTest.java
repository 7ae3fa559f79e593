package dev.accountadmin.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** acctadmin offboard --at, acctadmin schedule and acctadmin template, against a real server with the demo directory. */
final class ScheduleCliTest {
  static final String USER = "diego.siciliani@contoso.com";
  @TempDir Path dir;
  CliServer cli;

  @BeforeEach
  void start() throws Exception {
    cli = new CliServer(dir);
    cli.login();
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  @Test
  void offboardAt_schedulesIt_listShowsIt_andCancelStopsIt() {
    var scheduled = cli.run("--locale", "en", "offboard", USER, "--at", "2099-12-31 18:00 Europe/Paris", "--delete");
    assertThat(scheduled.code()).as(scheduled.err()).isZero();
    assertThat(scheduled.out()).contains("The offboarding of " + USER + " is scheduled for")
        .contains("(Europe/Paris)").contains("would be deleted last");

    var json = cli.run("--output", "json", "schedule", "list");
    var id = JsonParser.parseString(json.out()).getAsJsonObject().getAsJsonArray("scheduledOffboardings").get(0)
        .getAsJsonObject().get("name").getAsString().substring("scheduledOffboardings/".length());
    var list = cli.run("--locale", "en", "schedule", "list");
    assertThat(list.out()).contains(id + ": offboarding of " + USER + " scheduled for").contains("1 scheduled offboarding.");

    var changed = cli.run("--locale", "fr", "schedule", "change", id, "--at", "2099-12-30 18h00 Europe/Paris");
    assertThat(changed.code()).as(changed.err()).isZero();
    assertThat(changed.out()).contains("procédure de départ du compte " + USER + " planifiée pour le");

    var cancelled = cli.run("--locale", "en", "schedule", "cancel", id);
    assertThat(cancelled.code()).as(cancelled.err()).isZero();
    assertThat(cancelled.out()).contains("was cancelled");
    var again = cli.run("--locale", "en", "schedule", "cancel", id);
    assertThat(again.code()).isNotZero();
    assertThat(again.err()).contains("was cancelled: it can no longer be changed.");
  }

  @Test
  void endOfLastWorkingDay_isTheUsersSixPm() {
    var scheduled = cli.run("--locale", "en", "--output", "json", "offboard", USER, "--at", "end-of-last-working-day",
        "--date", "2099-06-30");
    assertThat(scheduled.code()).as(scheduled.err()).isZero();
    var s = JsonParser.parseString(scheduled.out()).getAsJsonObject().getAsJsonObject("scheduledOffboarding");
    // The tenant's default zone is UTC, and a working day ends at 18:00.
    assertThat(s.get("runTime").getAsString()).isEqualTo("2099-06-30T18:00:00Z");
  }

  @Test
  void badTimes_areLocalizedUsageErrors() {
    var garbled = cli.run("--locale", "en", "offboard", USER, "--at", "tomorrow evening");
    assertThat(garbled.code()).isEqualTo(ExitCode.USAGE);
    assertThat(garbled.err()).contains("tomorrow evening is not a time the CLI understands");

    var zone = cli.run("--locale", "sv", "offboard", USER, "--at", "2099-12-31 18:00 Mars/Olympus");
    assertThat(zone.code()).isEqualTo(ExitCode.USAGE);
    assertThat(zone.err()).contains("Mars/Olympus är ingen tidszon");

    var past = cli.run("--locale", "nl", "offboard", USER, "--at", "2001-01-01 09:00 UTC");
    assertThat(past.code()).isEqualTo(ExitCode.USAGE);
    assertThat(past.err()).contains("is al voorbij");

    var noDate = cli.run("--locale", "ro", "offboard", USER, "--at", "end-of-last-working-day");
    assertThat(noDate.code()).isEqualTo(ExitCode.USAGE);
    assertThat(noDate.err()).contains("are nevoie de --date");
    assertThat(cli.run("--output", "json", "schedule", "list").out()).doesNotContain("scheduledOffboardings/");
  }

  @Test
  void template_setThenShow_andAnOffboardWithoutOptionsFollowsIt() {
    assertThat(cli.run("--locale", "en", "template", "show").out()).contains("No offboarding template has been set yet");
    var set = cli.run("--locale", "en", "template", "set", "--version", "0", "--remove-groups", "--delete");
    assertThat(set.code()).as(set.err()).isZero();
    assertThat(set.out()).contains("Offboarding template version 1").contains("2 optional steps");

    var stale = cli.run("--locale", "en", "template", "set", "--version", "0");
    assertThat(stale.code()).isNotZero();
    assertThat(stale.err()).contains("Someone else changed the offboarding template");

    var plan = cli.run("--locale", "en", "offboard", USER, "--dry-run");
    assertThat(plan.out()).contains("would be deleted last");
  }
}
