package dev.accountadmin.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bulk undo of offboardings: {@code restore --batch BATCH} and {@code restore --from-file FILE}, against a real server. */
final class RestoreBatchCommandTest {
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
  void restoreBatch_undoesEveryUserTheBatchOffboarded() throws Exception {
    var csv = dir.resolve("leavers.csv");
    Files.writeString(csv, "userPrincipalName,department\n" + String.join(",Sales\n", ProcedureCommandsTest.List.STAFF.subList(0, 3)) + ",Sales\n");
    var offboard = cli.run("--locale", "en", "offboard", "--from-file", csv.toString());
    assertThat(offboard.code()).as(offboard.err()).isZero();
    var batch = offboard.err().replaceAll("(?s).*Batch ([0-9a-f-]{36}).*", "$1");

    var restore = cli.run("--locale", "en", "restore", "--batch", batch);
    var again = cli.run("--locale", "en", "restore", "--batch", batch);

    assertThat(restore.code()).as(restore.err()).isEqualTo(ExitCode.OK);
    assertThat(restore.out()).contains("[1/3] Offboarding of adele.dubois@contoso.com undone.")
        .contains("[2/3] Offboarding of alex.dubois@contoso.com undone.")
        .contains("[3/3] Offboarding of allan.dubois@contoso.com undone.")
        .contains("3 users restored, 0 failed, 0 with nothing to undo.");
    // They were really restored: a second run finds nothing to undo, and says so per user.
    assertThat(again.code()).as(again.err()).isEqualTo(ExitCode.OK);
    assertThat(again.out()).contains("[1/3] adele.dubois@contoso.com has not been offboarded, so there is no offboarding to undo.")
        .contains("0 users restored, 0 failed, 3 with nothing to undo.");
  }

  @Test
  void restoreFromFile_reportsAUserNotOffboarded_andRestoresTheOthers_withoutAskingOffATerminal() throws Exception {
    var staff = ProcedureCommandsTest.List.STAFF;
    assertThat(cli.run("offboard", staff.get(3)).code()).isZero();
    assertThat(cli.run("offboard", staff.get(5)).code()).isZero();
    var csv = dir.resolve("back.csv");
    Files.writeString(csv, "upn\n" + staff.get(3) + "\n" + staff.get(4) + "\n" + staff.get(5) + "\n");

    // "n" on standard input: off a terminal nothing is asked, so it is never read as a refusal.
    var restore = cli.runWithInput("n\n", "--locale", "fr", "restore", "--from-file", csv.toString());

    assertThat(restore.code()).as(restore.err()).isEqualTo(ExitCode.OK);
    assertThat(restore.out()).contains("[1/3] Procédure de départ annulée pour bianca.dubois@contoso.com.")
        .contains("[2/3] Aucune procédure de départ n’a été effectuée pour cameron.dubois@contoso.com, il n’y a donc rien à annuler.")
        .contains("[3/3] Procédure de départ annulée pour christie.dubois@contoso.com.")
        .contains("Restauration\u00A0: 2 utilisateurs restaurés, 0 échec, 1 utilisateur sans rien à annuler.");
    assertThat(cli.run("--locale", "en", "restore", staff.get(5)).code()).isEqualTo(ExitCode.PRECONDITION);
  }

  @Test
  void restoreFromFile_dryRun_saysWhatWouldHappen_andChangesNothing() throws Exception {
    var staff = ProcedureCommandsTest.List.STAFF;
    assertThat(cli.run("offboard", staff.get(6)).code()).isZero();
    var csv = dir.resolve("plan.csv");
    Files.writeString(csv, staff.get(6) + "\n");

    var plan = cli.run("--locale", "en", "restore", "--from-file", csv.toString(), "--dry-run");

    assertThat(plan.code()).as(plan.err()).isEqualTo(ExitCode.OK);
    assertThat(plan.out()).contains("1 user would be restored, 0 could not be, 0 have nothing to undo. Nothing was changed.")
        .doesNotContain("users restored");
    assertThat(cli.run("--locale", "en", "restore", staff.get(6)).code()).as("still offboarded").isZero();
  }

  @Test
  void restoreBatch_ofAnUnknownBatch_isALocalizedNotFound() {
    var restore = cli.run("--locale", "sv", "restore", "--batch", "no-such-batch");

    assertThat(restore.code()).isEqualTo(ExitCode.NOT_FOUND);
    assertThat(restore.err()).contains("Det finns ingen batch no-such-batch.");
    assertThat(restore.out()).isEmpty();
  }

  @Test
  void restoreHelp_documentsTheBulkOptions_inDutch() {
    // Unwrapped: picocli breaks the descriptions at the terminal width.
    var help = cli.run("--locale", "nl", "restore", "--help").out().replaceAll("\\s+", " ");

    assertThat(help).contains("--from-file").contains("--batch").contains("--yes")
        .contains("De offboarding ongedaan maken van alle gebruikers die een batch heeft geoffboard")
        .contains("Meerdere gebruikers herstellen zonder op een terminal om bevestiging te vragen.");
  }

  @Test
  void restoreFromFile_json_isOneObjectPerUser_andShowsNoPasswordIntoAPipe() throws Exception {
    var staff = ProcedureCommandsTest.List.STAFF;
    assertThat(cli.run("offboard", staff.get(6)).code()).isZero();
    var csv = dir.resolve("two.csv");
    Files.writeString(csv, staff.get(6) + "\n" + staff.get(7) + "\n");

    var restore = cli.run("--output", "json", "restore", "--from-file", csv.toString());

    assertThat(restore.code()).as(restore.err()).isEqualTo(ExitCode.OK);
    var objects = restore.out().split("\n(?=\\{)");
    assertThat(objects).hasSize(2);
    var restored = JsonParser.parseString(objects[0]).getAsJsonObject();
    assertThat(restored.getAsJsonObject("user").get("name").getAsString()).isEqualTo("users/" + staff.get(6));
    assertThat(restore.out()).doesNotContainPattern("temporaryPassword\": \"[^\"]");
    var nothing = JsonParser.parseString(objects[1]).getAsJsonObject();
    assertThat(nothing.toString()).contains("NOT_OFFBOARDED").contains(staff.get(7));
  }

  @Test
  void restoreBatch_leavesAUserOffboardedBeforeTheBatch_asTheBatchFoundIt() throws Exception {
    var staff = ProcedureCommandsTest.List.STAFF;
    assertThat(cli.run("offboard", staff.get(8)).code()).isZero();
    var csv = dir.resolve("both.csv");
    Files.writeString(csv, staff.get(8) + "\n" + staff.get(9) + "\n");
    var offboard = cli.run("--locale", "en", "offboard", "--from-file", csv.toString());
    var batch = offboard.err().replaceAll("(?s).*Batch ([0-9a-f-]{36}).*", "$1");

    var restore = cli.run("--locale", "en", "restore", "--batch", batch);

    assertThat(restore.code()).as(restore.err()).isEqualTo(ExitCode.OK);
    assertThat(restore.out()).contains("[1/1] Offboarding of " + staff.get(9) + " undone.").doesNotContain(staff.get(8))
        .contains("1 user restored, 0 failed, 0 with nothing to undo.");
    // The earlier offboarding is still there, for a restore of that user alone.
    assertThat(cli.run("restore", staff.get(8)).code()).isEqualTo(ExitCode.OK);
  }
}
