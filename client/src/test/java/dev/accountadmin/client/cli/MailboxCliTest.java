package dev.accountadmin.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mailbox from the command line, against a real server with the demo directory. */
final class MailboxCliTest {
  static final String USER = "diego.siciliani@contoso.com";
  static final String MANAGER = "megan.bowen@contoso.com";
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
  void offboard_withTheMailboxOptions_plansThenHandsTheMailboxOver_andMailboxShowsIt() {
    String[] options = {"--forward-to", MANAGER, "--keep-copy", "--shared", "--delegate", MANAGER,
        "--auto-reply", "Diego has left; write to Megan.", "--auto-reply-external", "Diego no longer works here.",
        "--hide-from-address-list", "--litigation-hold"};
    var plan = cli.run(concat(new String[] {"--locale", "fr", "offboard", USER, "--dry-run"}, options));
    assertThat(plan.code()).as(plan.err()).isZero();
    assertThat(plan.out()).contains("Placerait la boîte aux lettres " + USER + " en conservation pour litige")
        .contains("Transférerait le courrier adressé à " + USER + " à " + MANAGER);

    var done = cli.run(concat(new String[] {"--locale", "en", "offboard", USER}, options));
    assertThat(done.code()).as(done.err()).isZero();
    assertThat(done.out())
        .contains("4. [done] The mailbox of " + USER + " is on litigation hold since")
        .contains("6. [done] The mailbox of " + USER + " is a shared mailbox since")
        .contains("1 delegate now has full access: " + MANAGER + ".")
        .contains("7. [done] Email to " + USER + " is forwarded to " + MANAGER)
        .contains("The mailbox of " + USER + " keeps a copy.")
        .contains("8. [done] The automatic replies of " + USER + " are set")
        .contains("9. [done] The mailbox of " + USER + " is hidden from the global address list");

    var shown = cli.run("--locale", "en", "mailbox", USER);
    assertThat(shown.code()).as(shown.err()).isZero();
    assertThat(shown.out()).contains(USER + " is a shared mailbox, with no sign-in of its own. 1 delegate has full access: "
        + MANAGER + ".").contains("Email to " + USER + " is forwarded to " + MANAGER + ", and the mailbox keeps a copy.")
        .contains("Automatic replies of " + USER + ": on.").contains("is on litigation hold since");
  }

  @Test
  void mailbox_oneChangeAtATime_andInboxRulesListsNone() {
    var forwarded = cli.run("--locale", "sv", "mailbox", USER, "--forward-to", MANAGER);
    assertThat(forwarded.code()).as(forwarded.err()).isZero();
    assertThat(forwarded.out()).contains("E-post till " + USER + " vidarebefordras till " + MANAGER);

    var removed = cli.run("--locale", "en", "mailbox", USER, "--no-forwarding");
    assertThat(removed.out()).contains("Email to " + USER + " is no longer forwarded to " + MANAGER);

    var both = cli.run("--locale", "en", "mailbox", USER, "--shared", "--hide-from-address-list");
    assertThat(both.code()).isEqualTo(ExitCode.USAGE);

    var rules = cli.run("--locale", "ro", "inbox-rules", USER);
    assertThat(rules.code()).as(rules.err()).isZero();
    assertThat(rules.out()).contains("Utilizatorul " + USER + " nu are nicio regulă pentru Inbox.");
  }

  @Test
  void offboardHelp_namesTheMailboxOptions_inTheChosenLanguage() {
    var help = cli.run("--locale", "nl", "offboard", "--help");

    assertThat(help.out()).contains("--forward-to").contains("De e-mail ook doorsturen naar dit postvak")
        .contains("--litigation-hold").contains("Het postvak ook eerst in bewaring voor");
  }

  private static String[] concat(String[] a, String[] b) {
    var all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
