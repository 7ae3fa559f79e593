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
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The acctadmin CLI through picocli, against a real server on a real SQLite file. */
final class CliTest {
  static final String PASSWORD = CliServer.PASSWORD;

  @TempDir Path dir;
  CliServer cli;
  AccountAdminServer server;
  Map<String, String> env;

  @BeforeEach
  void start() throws Exception {
    cli = new CliServer(dir);
    server = cli.server;
    env = cli.env;
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

  void login() {
    cli.login();
  }

  @Test
  void login_storesTheSessionPrivatelyAndNeverPrintsIt() throws Exception {
    var login = runWithInput(PASSWORD + "\n", "--locale", "en", "login", "--user", "admin@contoso.com", "--password-stdin");

    var file = dir.resolve("config/acctadmin/credentials");
    assertThat(login.code()).isZero();
    assertThat(login.out()).contains("admin@contoso.com");
    assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    var token = Files.readAllLines(file).stream().filter(l -> l.startsWith("access_token=")).findFirst().orElseThrow().substring(13);
    assertThat(token).isNotEmpty();
    assertThat(login.out() + login.err()).doesNotContain(token).doesNotContain(PASSWORD);
  }

  @Test
  void login_wrongPassword_exitsNotAuthenticated() {
    var login = runWithInput("wrong-password\n", "--locale", "en", "login", "--user", "admin@contoso.com", "--password-stdin");
    assertThat(login.code()).isEqualTo(ExitCode.NOT_AUTHENTICATED);
    assertThat(login.err()).isNotBlank();
  }

  @Test
  void usersList_beforeLogin_exitsNotAuthenticated() {
    var list = run("--locale", "en", "users", "list");
    assertThat(list.code()).isEqualTo(ExitCode.NOT_AUTHENTICATED);
    assertThat(list.err()).contains("acctadmin login");
  }

  @Test
  void usersList_inRomanian_printsARomanianTable() {
    login();
    var list = run("--locale", "ro", "users", "list", "--filter", "locked");
    assertThat(list.code()).as(list.err()).isZero();
    assertThat(list.out()).contains("alex.wilber@contoso.com").contains("Utilizator").contains("blocat");
    assertThat(list.out()).doesNotContain("User ").doesNotContain("locked");
  }

  @Test
  void locale_comesFromTheEnvironmentWhenNoFlag() {
    login();
    env.put("LANG", "sv_SE.UTF-8");
    var list = run("users", "list", "--filter", "blocked");
    assertThat(list.out()).contains("diego.siciliani@contoso.com").contains("Användare");
  }

  @Test
  void block_inSwedish_thenAgain_reportsAlreadyDone() {
    login();
    var first = run("--locale", "sv", "block", "nestor.andersson@contoso.com");
    var second = run("--locale", "sv", "block", "nestor.andersson@contoso.com");
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.out()).contains("nestor.andersson@contoso.com").contains("klart");
    assertThat(second.out()).isNotEqualTo(first.out());
    var allow = run("--locale", "en", "allow", "nestor.andersson@contoso.com");
    assertThat(allow.code()).isZero();
  }

  @Test
  void usersShow_json_isTheTypedUser() {
    login();
    var show = run("--output", "json", "users", "show", "adele.vance@contoso.com");
    assertThat(show.code()).as(show.err()).isZero();
    var user = JsonParser.parseString(show.out()).getAsJsonObject().getAsJsonObject("user");
    assertThat(user.get("userPrincipalName").getAsString()).isEqualTo("adele.vance@contoso.com");
    assertThat(user.getAsJsonObject("mailbox").getAsJsonObject("sendingRestriction").get("reason").getAsString())
        .isEqualTo("SENDING_RESTRICTION_REASON_OUTBOUND_SPAM");
  }

  @Test
  void usersShow_unknownUser_exitsNotFoundWithALocalizedError() {
    login();
    var english = run("--locale", "en", "users", "show", "ghost@contoso.com");
    var french = run("--locale", "fr", "users", "show", "ghost@contoso.com");
    assertThat(english.code()).isEqualTo(ExitCode.NOT_FOUND);
    assertThat(french.code()).isEqualTo(ExitCode.NOT_FOUND);
    assertThat(french.err()).contains("ghost@contoso.com").isNotEqualTo(english.err());
  }

  @Test
  void usersShow_malformedName_exitsUsageWithTheFieldViolation() {
    login();
    var show = run("--locale", "nl", "users", "show", "not-an-email");
    assertThat(show.code()).isEqualTo(ExitCode.USAGE);
    assertThat(show.err()).contains("not-an-email");
    // The violation's sentence names its field itself; the line does not name it again.
    assertThat(show.err()).doesNotContain("name: name:");
  }

  @Test
  void usersCreate_printsTheTemporaryPasswordOnce() {
    login();
    var create = run("--locale", "en", "users", "create", "pat@contoso.com", "--display-name", "Pat", "--show-password");
    assertThat(create.code()).as(create.err()).isZero();
    assertThat(create.out()).contains("pat@contoso.com").containsPattern("\\S{16}");
    var show = run("--locale", "en", "users", "show", "pat@contoso.com");
    assertThat(show.out()).contains("Pat");
  }

  @Test
  void usersCreate_intoAPipe_refusesBeforeCreating() {
    login();
    var create = run("--locale", "fr", "users", "create", "pat@contoso.com", "--display-name", "Pat");
    assertThat(create.code()).isEqualTo(ExitCode.USAGE);
    assertThat(create.err()).contains("pat@contoso.com n’a pas été créé").contains("--show-password");
    var show = run("--locale", "en", "users", "show", "pat@contoso.com");
    assertThat(show.code()).as("nothing was created").isEqualTo(ExitCode.NOT_FOUND);
  }

  @Test
  void block_byHelpdeskAdmin_exitsPermissionDenied() {
    var login = runWithInput("Demo-Passw0rd-2026\n", "login", "--user", "lee.gu@contoso.com", "--password-stdin");
    assertThat(login.code()).as(login.err()).isZero();
    var block = run("--locale", "en", "block", "nestor.andersson@contoso.com");
    assertThat(block.code()).isEqualTo(ExitCode.PERMISSION_DENIED);
    assertThat(block.err()).contains("nestor.andersson@contoso.com");
  }

  @Test
  void unlock_byHelpdeskAdmin_ofABlockedUser_isDenied_andShowsTheCommandsItMayRun() {
    login();
    assertThat(run("--locale", "en", "block", "alex.wilber@contoso.com").code()).isZero();
    var login = runWithInput("Demo-Passw0rd-2026\n", "login", "--user", "lee.gu@contoso.com", "--password-stdin");
    assertThat(login.code()).as(login.err()).isZero();
    var unlock = run("--locale", "nl", "unlock", "alex.wilber@contoso.com");
    assertThat(unlock.code()).isEqualTo(ExitCode.PERMISSION_DENIED);
    assertThat(unlock.err()).contains("De stap die u mag uitvoeren, als een eigen opdracht:")
        .contains("  acctadmin clear-lockout alex.wilber@contoso.com");
    var clear = run("--locale", "en", "clear-lockout", "alex.wilber@contoso.com");
    assertThat(clear.code()).as(clear.err()).isZero();
  }

  @Test
  void anyCommand_serverDown_exitsUnreachable() {
    login();
    server.close();
    var list = run("--locale", "en", "users", "list");
    assertThat(list.code()).isEqualTo(ExitCode.SERVER_UNREACHABLE);
  }

  @Test
  void expiredAccessToken_isRefreshedFromTheStoredSession() throws Exception {
    login();
    var file = dir.resolve("config/acctadmin/credentials");
    var before = java.nio.file.Files.readAllLines(file).stream().filter(l -> l.startsWith("refresh_token=")).findFirst().orElseThrow();
    // Two hours on, the stored access token has expired; the refresh token is still good.
    var later = Clock.offset(Clock.systemUTC(), java.time.Duration.ofHours(2));

    var whoami = cli.runAt(later, "", "--locale", "en", "whoami");

    assertThat(whoami.code()).as(whoami.err()).isZero();
    assertThat(whoami.out()).contains("admin@contoso.com");
    var after = java.nio.file.Files.readAllLines(file).stream().filter(l -> l.startsWith("refresh_token=")).findFirst().orElseThrow();
    assertThat(after).isNotEqualTo(before);
  }

  @Test
  void unsupportedLocale_saysSoAndUsesEnglish() {
    login();
    var german = run("--locale", "de", "users", "list", "--filter", "locked");
    assertThat(german.code()).isZero();
    assertThat(german.err()).contains("(de)").contains("English");
    assertThat(german.out()).contains("User").contains("alex.wilber@contoso.com");
  }

  @Test
  void help_listsTheExitCodes() {
    var help = run("--help");
    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("Exit codes:").contains("6").contains("server unreachable");
  }

  @Test
  void unknownOption_exitsUsage() {
    var run = run("users", "list", "--no-such-option");
    assertThat(run.code()).isEqualTo(ExitCode.USAGE);
  }

  static Set<String> lines(String text) {
    return Set.of(text.split("\n"));
  }
}
