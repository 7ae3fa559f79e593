package dev.accountadmin.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import dev.accountadmin.server.AccountAdminServer;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The procedure and step commands, against a real server with the demo directory. */
final class ProcedureCommandsTest {
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

  CliServer.Run runWithInput(String stdin, String... args) {
    return cli.runWithInput(stdin, args);
  }

  CliServer.Run run(String... args) {
    return cli.run(args);
  }

  @Test
  void unlock_dryRunThenRun_inFrench() {
    var plan = run("--locale", "fr", "unlock", "alex.wilber@contoso.com", "--dry-run");
    var done = run("--locale", "fr", "unlock", "alex.wilber@contoso.com");
    var again = run("--locale", "fr", "unlock", "alex.wilber@contoso.com");

    assertThat(plan.code()).as(plan.err()).isZero();
    assertThat(plan.out()).contains("Déverrouillage du compte alex.wilber@contoso.com").contains("Simulation").contains("[prévu]");
    assertThat(done.out()).contains("2. [terminé]").contains("verrouill");
    assertThat(again.out()).doesNotContain("[terminé]");
    assertThat(plan.out() + done.out()).doesNotContain("Sign-in").doesNotContain("Lockout").doesNotContain(" done");
  }

  @Test
  void unlock_restrictedUser_inRomanian_recommendsSecuringTheAccount() {
    var done = run("--locale", "ro", "unlock", "adele.vance@contoso.com");
    assertThat(done.code()).as(done.err()).isZero();
    assertThat(done.out()).contains("Deblocarea contului adele.vance@contoso.com").contains("1. [finalizat]")
        .contains("acctadmin guide compromised");
  }

  @Test
  void unlock_withReset_intoAPipe_refusesBeforeActing_unlessThePasswordIsShown() {
    var refused = run("--locale", "sv", "unlock", "diego.siciliani@contoso.com", "--reset-password");
    assertThat(refused.code()).isEqualTo(ExitCode.USAGE);
    assertThat(refused.err()).contains("Kontot diego.siciliani@contoso.com låstes inte upp").contains("--show-password");
    assertThat(refused.out()).isEmpty();
    var plan = run("--locale", "en", "unlock", "diego.siciliani@contoso.com", "--reset-password", "--dry-run");
    assertThat(plan.code()).as(plan.err()).isZero();
    var shown = run("--locale", "en", "unlock", "diego.siciliani@contoso.com", "--reset-password", "--show-password");
    assertThat(shown.out()).containsPattern("Temporary password \\(shown once\\): \\S{16}");
  }

  @Test
  void offboard_single_thenRestore() {
    var offboard = run("--locale", "en", "offboard", "megan.bowen@contoso.com");
    var restore = run("--locale", "en", "restore", "megan.bowen@contoso.com");
    assertThat(offboard.code()).as(offboard.err()).isZero();
    assertThat(offboard.out()).contains("Offboarding megan.bowen@contoso.com").contains("12. [done]").contains("user admin");
    assertThat(restore.code()).as(restore.err()).isZero();
    assertThat(restore.out()).contains("Undoing the offboarding").contains("user admin");
  }

  @Test
  void offboard_withDevices_plansThenReportsTheWipeAsPending_andRestoreSaysWhatIsUndone() {
    var plan = run("--locale", "en", "offboard", "alex.wilber@contoso.com", "--wipe-devices", "--block-devices", "--dry-run");
    var done = run("--locale", "en", "offboard", "alex.wilber@contoso.com", "--wipe-devices", "--block-devices");
    var restore = run("--locale", "en", "restore", "alex.wilber@contoso.com");

    assertThat(plan.code()).as(plan.err()).isZero();
    assertThat(plan.out()).contains("Would mark 2 mobile devices of alex.wilber@contoso.com for a wipe")
        .contains("Would block 2 mobile devices of alex.wilber@contoso.com: ANDROID-5E1C07");
    assertThat(done.code()).as(done.err()).isZero();
    // Pending, never "wiped": nothing is erased before the devices sync.
    assertThat(done.out()).contains("Wipe pending for 2 mobile devices of alex.wilber@contoso.com").doesNotContain("wiped:");
    assertThat(restore.code()).as(restore.err()).isZero();
    assertThat(restore.out()).contains("Pending wipes cancelled for 2 mobile devices")
        .contains("2 mobile devices of alex.wilber@contoso.com unblocked");
  }

  @Test
  void devices_listsThem_thenWipeSaysPending_andBlockShowsInTheList() {
    var listed = run("--locale", "en", "devices", "alex.wilber@contoso.com");
    var planned = run("--locale", "en", "devices", "alex.wilber@contoso.com", "--wipe", "IPAD-93B2F4", "--dry-run");
    var wiped = run("--locale", "en", "devices", "alex.wilber@contoso.com", "--wipe", "IPAD-93B2F4");
    var blocked = run("--locale", "en", "devices", "alex.wilber@contoso.com", "--block", "ANDROID-5E1C07");
    var after = run("--locale", "en", "devices", "alex.wilber@contoso.com");
    var unknown = run("--locale", "en", "devices", "alex.wilber@contoso.com", "--block", "NOPE");

    assertThat(listed.code()).as(listed.err()).isZero();
    assertThat(listed.out()).contains("ANDROID-5E1C07 (Pixel 8): first synced").contains("IPAD-93B2F4 (iPad Air)")
        .contains("2 mobile devices").doesNotContain("Blocked").doesNotContain("Wipe");
    assertThat(planned.out()).contains("Would mark 1 mobile device of alex.wilber@contoso.com for a wipe");
    assertThat(wiped.out()).contains("Wipe pending for 1 mobile device of alex.wilber@contoso.com");
    assertThat(blocked.out()).contains("1 mobile device of alex.wilber@contoso.com blocked");
    assertThat(after.out()).contains("Blocked since").contains("Wipe pending since").doesNotContain("Wiped:");
    assertThat(unknown.code()).isNotZero();
    assertThat(unknown.err()).contains("has no mobile device with the id NOPE");
  }

  @Test
  void offboard_withDevices_inFrench_saysPending() {
    var done = run("--locale", "fr", "offboard", "alex.wilber@contoso.com", "--wipe-devices");
    assertThat(done.code()).as(done.err()).isZero();
    assertThat(done.out()).contains("Effacement en attente pour 2 appareils mobiles du compte alex.wilber@contoso.com");
  }

  @Test
  void restore_mailProtocolStep_saysWhatItTurnsBackOn_inEveryLocale() {
    assertThat(run("--locale", "en", "offboard", "megan.bowen@contoso.com").code()).isZero();
    var turnOn = Map.of("en", "Would turn on these mail protocols for megan.bowen@contoso.com: ",
        "fr", "Ces protocoles de messagerie seraient activés pour megan.bowen@contoso.com\u00A0: ",
        "ro", "Aceste protocoale de e-mail ar fi activate pentru megan.bowen@contoso.com: ",
        "nl", "Deze e-mailprotocollen zouden worden ingeschakeld voor megan.bowen@contoso.com: ",
        "sv", "Dessa e-postprotokoll skulle slås på för megan.bowen@contoso.com: ");
    for (var locale : turnOn.keySet()) {
      var plan = run("--locale", locale, "restore", "megan.bowen@contoso.com", "--dry-run");
      assertThat(plan.code()).as(plan.err()).isZero();
      // The protocols named are the ones turned back on: never an empty list.
      assertThat(plan.out()).as(locale).containsPattern(java.util.regex.Pattern.quote(turnOn.get(locale)) + "\\S+")
          .doesNotContain(": .").doesNotContain("\u00A0: .");
    }
    var restore = run("--locale", "en", "restore", "megan.bowen@contoso.com");
    assertThat(restore.out()).containsPattern("Turned on: \\S+").doesNotContain("Turned off: .").doesNotContain("Still on");
  }

  @Test
  void offboard_fromCsv_printsALinePerUserAndASummary() throws Exception {
    var csv = dir.resolve("leavers.csv");
    var lines = new StringBuilder("userPrincipalName,department\n");
    IntStream.range(0, 25).forEach(i -> lines.append(List.STAFF.get(i)).append(",Sales\n"));
    lines.append("ghost@contoso.com,Sales\n");
    Files.writeString(csv, lines);

    var result = run("--locale", "ro", "offboard", "--from-file", csv.toString());

    assertThat(result.code()).isEqualTo(ExitCode.STEP_FAILED);
    assertThat(result.err()).contains("acctadmin offboard --resume");
    assertThat(result.out()).contains("[1/26]").contains("[26/26]").contains("Utilizatorul ghost@contoso.com nu există")
        .contains("25 de utilizatori");
  }

  @Test
  void offboard_fromCsv_json_isOneObjectPerUser() throws Exception {
    var csv = dir.resolve("two.csv");
    Files.writeString(csv, List.STAFF.get(0) + "\n" + List.STAFF.get(1) + "\n");
    var result = run("--output", "json", "offboard", "--from-file", csv.toString());
    assertThat(result.code()).as(result.err()).isZero();
    var objects = result.out().split("\n");
    assertThat(objects).hasSize(2);
    var first = JsonParser.parseString(objects[0]).getAsJsonObject();
    assertThat(first.get("totalCount").getAsInt()).isEqualTo(2);
    assertThat(first.getAsJsonObject("result").getAsJsonArray("steps")).hasSize(18); // method, mailbox, device, files, group, licence and delete steps among them, NOT_REQUESTED
  }

  @Test
  void offboard_resume_replaysTheFinishedBatch() throws Exception {
    var csv = dir.resolve("three.csv");
    Files.writeString(csv, String.join("\n", List.STAFF.subList(0, 3)));
    var first = run("--locale", "en", "offboard", "--from-file", csv.toString());
    var batch = first.err().replaceAll("(?s).*Batch ([0-9a-f-]{36}).*", "$1");
    var resumed = run("--locale", "en", "offboard", "--resume", batch);
    assertThat(resumed.code()).as(resumed.err()).isZero();
    assertThat(resumed.out()).contains("[3/3]").contains("Before the interruption: 3 users offboarded");
  }

  @Test
  void mailProtocols_smtpAuth_isAProtocolOfItsOwn() {
    var onlySmtp = run("--locale", "sv", "mail-protocols", "nestor.andersson@contoso.com", "--enable", "smtp");
    var all = run("--locale", "en", "mail-protocols", "nestor.andersson@contoso.com", "--all");

    assertThat(onlySmtp.code()).as(onlySmtp.err()).isZero();
    assertThat(onlySmtp.out()).contains("Autentiserad SMTP (SMTP AUTH)");
    // SMTP AUTH stayed on; --all turns the other six back on, and says so of them only.
    assertThat(all.out()).contains("Turned on: Exchange ActiveSync").doesNotContain("SMTP");
  }

  @Test
  void clearLockout_inRomanian_saysTheLockoutIsLiftedNotThatTheAccountIsUnlocked() {
    var cleared = run("--locale", "ro", "clear-lockout", "alex.wilber@contoso.com");
    var again = run("--locale", "ro", "clear-lockout", "alex.wilber@contoso.com");

    assertThat(cleared.code()).as(cleared.err()).isZero();
    // Sign-in may still be blocked after this step alone: it must not read as "the account is unlocked".
    assertThat(cleared.out()).contains("Blocarea temporară a contului alex.wilber@contoso.com a fost ridicată după 10 încercări eșuate")
        .doesNotContain("deblocat");
    assertThat(again.out()).contains("Contul alex.wilber@contoso.com nu era blocat temporar.");
  }

  @Test
  void singleSteps_andTheirJson() {
    assertThat(run("--locale", "en", "restrict-sending", "nestor.andersson@contoso.com").out()).contains("[done]");
    var senders = run("--locale", "en", "restricted-senders");
    assertThat(senders.out()).contains("nestor.andersson@contoso.com").contains("adele.vance@contoso.com");
    assertThat(run("--locale", "en", "lift-restriction", "nestor.andersson@contoso.com").out()).contains("lifted 1 time in all");
    assertThat(run("--locale", "en", "mail-protocols", "nestor.andersson@contoso.com", "--enable", "owa,imap").out())
        .contains("Turned off:").contains("Still on: Outlook on the web and IMAP");
    assertThat(run("--locale", "en", "revoke-sessions", "nestor.andersson@contoso.com").out()).contains("[already done]");
    assertThat(run("--locale", "en", "clear-lockout", "alex.wilber@contoso.com").out()).contains("[done]");
    var json = run("--output", "json", "block", "nestor.andersson@contoso.com");
    assertThat(JsonParser.parseString(json.out()).getAsJsonObject().getAsJsonObject("step").get("outcome").getAsString())
        .isEqualTo("STEP_OUTCOME_DONE");
  }

  @Test
  void usersRolesDeleteUndelete() {
    assertThat(run("--locale", "en", "users", "roles", "nestor.andersson@contoso.com", "--add", "helpdesk").out())
        .contains("helpdesk admin");
    assertThat(run("--locale", "en", "users", "roles", "nestor.andersson@contoso.com").out()).contains("helpdesk admin");
    assertThat(run("--locale", "en", "users", "roles", "nestor.andersson@contoso.com", "--remove-all").out()).contains("[done]");
    assertThat(run("--locale", "sv", "users", "delete", "nestor.andersson@contoso.com").out()).contains("borttagen");
    assertThat(run("--locale", "sv", "users", "undelete", "nestor.andersson@contoso.com").out()).contains("återställd");
  }

  @Test
  void can_whoami_audit() {
    var yes = run("--locale", "en", "can", "offboard", "nestor.andersson@contoso.com");
    assertThat(yes.code()).isZero();
    // A whole sentence per action, not "you may offboard the user for nestor…".
    assertThat(yes.out()).isEqualTo("Yes. You may offboard nestor.andersson@contoso.com.\n");
    assertThat(run("--locale", "en", "whoami").out()).contains("admin@contoso.com").contains("global admin");
    var login = runWithInput("Demo-Passw0rd-2026\n", "login", "--user", "lee.gu@contoso.com", "--password-stdin");
    assertThat(login.code()).isZero();
    var no = run("--locale", "nl", "can", "block", "nestor.andersson@contoso.com");
    assertThat(no.code()).isEqualTo(ExitCode.PERMISSION_DENIED);
    assertThat(no.out()).startsWith("Nee. U mag de aanmelding voor nestor.andersson@contoso.com niet blokkeren.")
        .contains("globale beheerder");
    var verify = run("--locale", "ro", "audit", "verify");
    assertThat(verify.code()).isZero();
    assertThat(verify.out()).contains("intact");
    var list = run("--locale", "en", "audit", "list", "--limit", "3");
    assertThat(list.out()).contains("3 events");
  }

  /** Demo staff names, as the server's demo directory makes them. */
  static final class List {
    static final java.util.List<String> STAFF = IntStream.range(0, 30).mapToObj(i ->
        java.util.List.of("adele", "alex", "allan", "bianca", "cameron", "christie", "debra", "diego", "emily", "enrico",
            "grady", "henrietta", "irvin", "isaiah", "johanna", "joni", "lee", "lidia", "lynne", "megan",
            "miriam", "nestor", "patti", "pradeep", "raul", "sofia", "tomas", "ulla", "vasile", "wilma").get(i)
            + ".dubois@contoso.com").toList();
  }
}
