package dev.accountadmin.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import dev.accountadmin.i18n.Messages;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code offboard --from-file} and {@code --resume}, against a real server with the demo directory. */
final class BatchOffboardCliTest {
  private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

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

  private Path csv(int from, int to) throws Exception {
    var file = dir.resolve("users-" + from + "-" + to + ".csv");
    Files.writeString(file, String.join("\n", ProcedureCommandsTest.List.STAFF.subList(from, to)) + "\n");
    return file;
  }

  @Test
  void batchId_isTheFirstLineOnStderr_andResumesTheBatch() throws Exception {
    var first = cli.run("--locale", "en", "offboard", "--from-file", csv(0, 3).toString());

    var firstLine = first.err().lines().findFirst().orElse("");
    assertThat(firstLine).matches("Batch " + UUID + ": 3 users\\. .*acctadmin offboard --resume " + UUID);
    var batch = firstLine.replaceAll("^Batch (" + UUID + "):.*", "$1");
    var resumed = cli.run("--locale", "en", "offboard", "--resume", batch);
    assertThat(resumed.code()).as(resumed.err()).isZero();
    assertThat(resumed.out()).contains("[3/3]");
  }

  @Test
  void batchId_isPrintedBeforeTheCall_soAServerLostAtOnceStillLeavesAnId() throws Exception {
    var file = csv(0, 2);
    cli.server.close();

    var cutOff = cli.run("--locale", "en", "offboard", "--from-file", file.toString());

    assertThat(cutOff.code()).isEqualTo(ExitCode.SERVER_UNREACHABLE);
    assertThat(cutOff.err().lines().findFirst().orElse("")).matches("Batch " + UUID + ": 2 users\\. .*--resume " + UUID);
  }

  @Test
  void notSignedIn_printsNoBatchIdForABatchThatCannotStart() throws Exception {
    cli.run("logout");

    var result = cli.run("--locale", "en", "offboard", "--from-file", csv(0, 2).toString());

    assertThat(result.code()).isEqualTo(ExitCode.NOT_AUTHENTICATED);
    assertThat(result.err()).doesNotContain("Batch ").doesNotContain("--resume");
  }

  @Test
  void resume_saysWhatThisRunDidAndWhatWasDoneBefore() throws Exception {
    var first = cli.run("--locale", "en", "offboard", "--from-file", csv(0, 3).toString());
    var batch = first.err().lines().findFirst().orElse("").replaceAll("^Batch (" + UUID + "):.*", "$1");

    var resumed = cli.run("--locale", "en", "offboard", "--resume", batch);

    assertThat(resumed.out()).contains(ProcedureCommandsTest.List.STAFF.get(0) + " was offboarded before the interruption.")
        .contains("This run: 0 users offboarded, 0 failed, 0 already offboarded. Before the interruption: 3 users offboarded, 0 failed.");
  }

  @Test
  void resume_countsAFailureFromBeforeAsBefore() throws Exception {
    var file = dir.resolve("with-ghost.csv");
    Files.writeString(file, ProcedureCommandsTest.List.STAFF.get(0) + "\nghost@contoso.com\n");
    var first = cli.run("--locale", "en", "offboard", "--from-file", file.toString());
    var batch = first.err().lines().findFirst().orElse("").replaceAll("^Batch (" + UUID + "):.*", "$1");

    var resumed = cli.run("--locale", "en", "offboard", "--resume", batch);

    assertThat(resumed.code()).isEqualTo(ExitCode.STEP_FAILED);
    assertThat(resumed.out())
        .contains("This run: 0 users offboarded, 0 failed, 0 already offboarded. Before the interruption: 1 user offboarded, 1 failed.");
  }

  @Test
  void rerun_saysAlreadyOffboarded_forUsersThatWere() throws Exception {
    var file = csv(0, 2);
    cli.run("--locale", "en", "offboard", "--from-file", file.toString());

    var again = cli.run("--locale", "en", "offboard", "--from-file", file.toString());

    assertThat(again.out()).contains(ProcedureCommandsTest.List.STAFF.get(0) + " was already offboarded.")
        .doesNotContain(ProcedureCommandsTest.List.STAFF.get(0) + " offboarded.")
        .contains("2 already offboarded");
  }

  @Test
  void dryRun_summarySaysWhatWouldHappen() throws Exception {
    var plan = cli.run("--locale", "en", "offboard", "--from-file", csv(0, 2).toString(), "--dry-run");

    assertThat(plan.code()).as(plan.err()).isZero();
    assertThat(plan.out()).contains("2 users would be offboarded").contains("Nothing was changed.")
        .doesNotContain("users offboarded");
  }

  @Test
  void missingFile_isALocalizedUsageError() {
    var missing = cli.run("--locale", "fr", "offboard", "--from-file", dir.resolve("nope.csv").toString());

    assertThat(missing.code()).isEqualTo(ExitCode.USAGE);
    assertThat(missing.err()).contains("Le fichier " + dir.resolve("nope.csv") + " n’existe pas")
        .doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void json_isJsonLines_oneCompactObjectPerLine() throws Exception {
    var result = cli.run("--output", "json", "offboard", "--from-file", csv(0, 2).toString());

    assertThat(result.code()).as(result.err()).isZero();
    var lines = result.out().lines().toList();
    assertThat(lines).hasSize(2);
    for (var line : lines) {
      assertThat(JsonParser.parseString(line).getAsJsonObject().get("totalCount").getAsInt()).isEqualTo(2);
    }
  }

  @Test
  void offTerminal_neverAsks_andYesIsAccepted() throws Exception {
    // The tests' stdin is not a terminal: a script must run through without a prompt.
    var script = cli.runWithInput("n\n", "--locale", "en", "offboard", "--from-file", csv(0, 2).toString());
    var withYes = cli.run("--locale", "en", "offboard", "--from-file", csv(2, 4).toString(), "--yes");

    assertThat(script.code()).as(script.err()).isZero();
    assertThat(script.err()).doesNotContain("[y/N]");
    assertThat(script.out()).contains("2 users offboarded");
    assertThat(withYes.code()).as(withYes.err()).isZero();
    assertThat(withYes.out()).contains("2 users offboarded");
  }

  @Test
  void confirmation_namesTheCount_andTakesTheLocalizedYes() {
    var en = Messages.of(Locale.ENGLISH, ZoneOffset.UTC);
    var fr = Messages.of(Locale.FRENCH, ZoneOffset.UTC);
    var nl = Messages.of(Locale.forLanguageTag("nl"), ZoneOffset.UTC);

    assertThat(OffboardCommand.confirmPrompt(en, 300)).isEqualTo("Offboard 300 users? [y/N] ");
    assertThat(OffboardCommand.confirmPrompt(fr, 300)).contains("300 utilisateurs").contains("[o/N]");
    assertThat(OffboardCommand.isYes(fr, "oui")).isTrue();
    assertThat(OffboardCommand.isYes(fr, "O")).isTrue();
    assertThat(OffboardCommand.isYes(nl, "ja")).isTrue();
    assertThat(OffboardCommand.isYes(en, "y")).isTrue();
    assertThat(OffboardCommand.isYes(fr, "non")).isFalse();
    assertThat(OffboardCommand.isYes(en, "")).isFalse();
    assertThat(OffboardCommand.isYes(en, null)).isFalse();
  }

  @Test
  void ctrlC_reminder_isLocalized_andRemovedWhenTheBatchEnds() throws Exception {
    var err = new StringWriter();
    var commandLine = Acctadmin.commandLine(cli.env, Clock.systemUTC(), new ByteArrayInputStream(new byte[0]),
        new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
    int code = commandLine.execute("--server", "127.0.0.1:" + cli.server.port(), "--locale", "sv",
        "offboard", "--from-file", csv(0, 2).toString());
    var offboard = (OffboardCommand) commandLine.getSubcommands().get("offboard").getCommand();
    ((Acctadmin) commandLine.getCommand()).close();

    assertThat(code).as(err.toString()).isZero();
    assertThat(offboard.reminder).isNotNull();
    // Removed already: the batch ended, so there is nothing to remind of at exit.
    assertThat(Runtime.getRuntime().removeShutdownHook(offboard.reminder)).isFalse();
    var batch = err.toString().lines().findFirst().orElse("").replaceAll("^Batch (" + UUID + "):.*", "$1");
    offboard.reminder.run();
    assertThat(err.toString()).contains("Batchen avbröts. Återuppta den med: acctadmin offboard --resume " + batch);
  }

  @Test
  void progress_rateAndEta_comeFromTheClock_andTheBarFallsBackToAscii() {
    var start = BatchProgress.line("Offboarding users", 0, 30, Duration.ZERO, "users", false);
    var midway = BatchProgress.line("Offboarding users", 10, 30, Duration.ofSeconds(5), "users", false);
    var unicode = BatchProgress.line("Offboarding users", 10, 30, Duration.ofSeconds(5), "users", true);

    assertThat(start).contains("0/30").contains("? users/s");
    assertThat(midway).contains("10/30").contains("2.0 users/s").contains("0:00:10").doesNotContain("0:00:00");
    assertThat(midway).matches("\\p{ASCII}*").contains("[==========          ");
    assertThat(unicode).contains("\u2588");
    assertThat(BatchProgress.unicode(StandardCharsets.US_ASCII)).isFalse();
    assertThat(BatchProgress.unicode(StandardCharsets.UTF_8)).isTrue();
    assertThat(BatchProgress.clock(Duration.ofSeconds(3725))).isEqualTo("1:02:05");
  }

  @Test
  void badUserInCsv_namesTheValueAndItsLine() throws Exception {
    var file = dir.resolve("bad.csv");
    Files.writeString(file, "userPrincipalName\n" + ProcedureCommandsTest.List.STAFF.get(0) + "\nnot an address\n");

    var plan = cli.run("--locale", "en", "offboard", "--from-file", file.toString(), "--dry-run");
    var run = cli.run("--locale", "en", "offboard", "--from-file", file.toString());

    for (var result : java.util.List.of(plan, run)) {
      assertThat(result.code()).isEqualTo(ExitCode.STEP_FAILED);
      assertThat(result.out()).contains("[2/2] Line 3 of " + file + ": not an address is not a valid user principal name.")
          .doesNotContain("invalid field");
    }
  }
}
