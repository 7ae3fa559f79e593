package dev.accountadmin.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accountadmin.i18n.Locales;
import dev.accountadmin.i18n.Messages;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Command lines acctadmin refuses: each problem as a sentence of the bundles in the reader's
 * language (never picocli's English, never a stack trace), and exit code 2 for every one of them.
 */
final class UsageErrorTest {
  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  // No server: every command line here is refused before a call is made.
  Run run(String... args) {
    var out = new StringWriter();
    var err = new StringWriter();
    var commandLine = Acctadmin.commandLine(Map.of("XDG_CONFIG_HOME", dir.toString()), Clock.systemUTC(),
        new ByteArrayInputStream(new byte[0]), new PrintWriter(out, true), new PrintWriter(err, true));
    int code = commandLine.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  static String render(Locale locale, String key, Map<String, ?> args) {
    return Messages.of(locale, ZoneId.systemDefault()).render(key, args);
  }

  @Test
  void missingParameter_isASentenceInEveryLanguage() {
    for (var locale : Locales.SUPPORTED) {
      var run = run("--locale", locale.toLanguageTag(), "unlock");

      assertThat(run.code()).as(locale.toString()).isEqualTo(ExitCode.USAGE);
      assertThat(run.err()).as(locale.toString())
          .startsWith(render(locale, "cli.usage.missing", Map.of("kind", "parameter", "name", "USER")) + "\n")
          .endsWith(render(locale, "cli.usageHint", Map.of("command", "acctadmin unlock --help")) + "\n")
          .doesNotContain("Missing required");
    }
  }

  @Test
  void optionWithoutValue_saysItNeedsOne() {
    var run = run("--locale", "sv", "users", "create", "--display-name");

    assertThat(run.code()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).startsWith("Alternativet --display-name måste följas av ett värde.\n");
  }

  @Test
  void unknownOption_inRomanian_withSuggestions() {
    var run = run("--locale", "ro", "users", "list", "--limt", "5");

    assertThat(run.code()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).startsWith("acctadmin users list nu are opțiunea --limt.\n")
        .contains("Ați vrut să scrieți --limit?")
        .doesNotContain("Unknown option", "Possible solutions");
  }

  @Test
  void unknownCommand_inDutch() {
    var run = run("--locale", "nl", "frobnicate");

    assertThat(run.code()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).startsWith("acctadmin heeft geen opdracht frobnicate.\n").doesNotContain("Unmatched");
  }

  @Test
  void commandGroupAlone_namesItsCommands() {
    var run = run("--locale", "en", "audit");

    assertThat(run.code()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).startsWith("acctadmin audit needs a command: list or verify.\n");
  }

  @Test
  void can_unknownAction_listsTheActionsInFrench() {
    var run = run("--locale", "fr", "can", "fly", "alex@contoso.com");

    assertThat(run.code()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).startsWith("fly n’est pas une valeur valide pour ACTION. Utilisez read, unlock,")
        .contains("reset_password").contains(" ou roles.")
        .doesNotContain("No enum constant", "Invalid value", "Exception");
  }

  @Test
  void auditList_unknownAction_isAUsageErrorNotAStackTrace() {
    var run = run("--locale", "en", "audit", "list", "--action", "frobnicate");

    assertThat(run.code()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).startsWith("frobnicate is not a valid value for --action. Use READ, CREATE_USER,")
        .contains("OFFBOARD_USER").doesNotContain("Exception", "\tat ");
  }

  @Test
  void auditList_malformedTime_saysWhatATimeLooksLike() {
    var run = run("--locale", "sv", "audit", "list", "--since", "yesterday");

    assertThat(run.code()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).startsWith(render(Locale.forLanguageTag("sv"), "cli.usage.invalidTime",
        Map.of("value", "yesterday", "name", "--since", "example", "2026-11-23T08:00:00Z")) + "\n");
  }

  @Test
  void usersList_limitNotANumber_exitsUsage() {
    var run = run("--locale", "en", "users", "list", "--limit", "many");

    assertThat(run.code()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).startsWith("--limit takes a whole number, e.g. 50, not many.\n");
  }

  @Test
  void output_unknownFormat_listsTheFormats() {
    var run = run("--locale", "en", "--output", "xml", "whoami");

    assertThat(run.code()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).startsWith("xml is not a valid value for --output. Use text or json.\n");
  }

  @Test
  void repeatedOption_exitsUsage() {
    var run = run("--locale", "en", "--output", "text", "--output", "json", "whoami");

    assertThat(run.code()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).startsWith("The option --output is given more than once.\n");
  }

  @Test
  void mailProtocols_exclusiveOptions_namesThem() {
    var run = run("--locale", "en", "mail-protocols", "alex@contoso.com", "--none", "--all");

    assertThat(run.code()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).startsWith("Use only one of the options --none or --all.\n");
  }

  @Test
  void server_withoutAPort_isAUsageError() {
    var run = run("--locale", "fr", "--server", "localhost", "users", "list");

    assertThat(run.code()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).startsWith("localhost n’est pas une adresse de serveur.").doesNotContain("Exception");
  }
}
