package dev.accountadmin.client.cli;

import dev.accountadmin.client.AccountAdminClient;
import dev.accountadmin.client.AccountAdminException;
import dev.accountadmin.client.cli.SingleStepCommand.Step;
import dev.accountadmin.i18n.Locales;
import dev.accountadmin.i18n.Messages;
import dev.accountadmin.v1.RefreshTokenRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code acctadmin}: unlock accounts and offboard former employees from the command line, in
 * English, French, Romanian, Dutch or Swedish. Holds what every subcommand shares: the server,
 * the language, the output format, the stored session.
 */
@Command(name = "acctadmin", mixinStandardHelpOptions = true, version = "acctadmin 0.1.0",
    description = "Unlock accounts and offboard former employees.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:success",
        "1:a step failed or was denied",
        "2:usage error or invalid input",
        "3:not signed in (run acctadmin login)",
        "4:permission denied",
        "5:not found",
        "6:server unreachable",
        "7:any other error",
        "8:not possible in the user's current state (e.g. nothing to restore)"})
public final class Acctadmin {

  /** How results are printed. */
  enum Output { text, json }

  @Option(names = "--server", scope = ScopeType.INHERIT, defaultValue = "${env:ACCOUNTADMIN_SERVER:-127.0.0.1:50051}",
      description = "Server as host:port (ACCOUNTADMIN_SERVER; default ${DEFAULT-VALUE}).")
  String server;

  @Option(names = "--locale", scope = ScopeType.INHERIT,
      description = "Language: en, fr, ro, nl or sv (default: LC_ALL, LC_MESSAGES, LANG, else en).")
  String locale;

  @Option(names = "--output", scope = ScopeType.INHERIT, defaultValue = "text",
      description = "Output format: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
  Output output;

  @Spec CommandSpec spec;

  final Map<String, String> env;
  final Clock clock;
  final InputStream in;
  private Messages messages;
  // The one client that owns the channel; withToken/withLanguage copies share it and never close it.
  private AccountAdminClient connection;

  Acctadmin(Map<String, String> env, Clock clock, InputStream in) {
    this.env = env;
    this.clock = clock;
    this.in = in;
  }

  /** The command line as {@code main} runs it; tests pass their own environment and streams. */
  public static CommandLine commandLine(Map<String, String> env, Clock clock, InputStream in, PrintWriter out, PrintWriter err) {
    var root = new Acctadmin(env, clock, in);
    var commandLine = new CommandLine(root);
    // Added here rather than in @Command(subcommands) because the single-step commands are
    // instances of one class; this is the order the help lists them in.
    for (var sub : List.of(LoginCommand.class, LogoutCommand.class, WhoamiCommand.class, RegisterAuthenticatorCommand.class,
        GuideCommand.class, UnlockCommand.class, OffboardCommand.class, SecureCommand.class, RestoreCommand.class,
        ResetPasswordCommand.class, SingleStepCommand.of(Step.REVOKE_SESSIONS), SingleStepCommand.of(Step.CLEAR_LOCKOUT),
        SingleStepCommand.of(Step.BLOCK_SIGN_IN), SingleStepCommand.of(Step.ALLOW_SIGN_IN), MailProtocolsCommand.class,
        DevicesCommand.class, MailboxCommand.class, InboxRulesCommand.class, MethodsCommand.class,
        SingleStepCommand.of(Step.RESTRICT_SENDING), SingleStepCommand.of(Step.LIFT_SENDING_RESTRICTION),
        RestrictedSendersCommand.class, UsersCommand.class, GroupsCommand.class, LicencesCommand.class, AuditCommand.class,
        CanCommand.class, ScheduleCommand.class, TemplateCommand.class, picocli.AutoComplete.GenerateCompletion.class, CommandLine.HelpCommand.class)) {
      commandLine.addSubcommand(sub);
    }
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    LocalizedHelp.install(commandLine, env, () -> root.locale);
    // The channel is closed when the command returns or throws, before its error is reported, so
    // no run leaves a channel behind, whoever called execute().
    var strategy = commandLine.getExecutionStrategy();
    commandLine.setExecutionStrategy(parsed -> {
      try {
        return strategy.execute(parsed);
      } finally {
        root.close();
      }
    });
    commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
      if (e instanceof AccountAdminException failure) {
        return root.report(failure);
      }
      throw e;
    });
    return commandLine;
  }

  public static void main(String[] args) {
    var out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    var err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    int code;
    var commandLine = commandLine(System.getenv(), Clock.systemDefaultZone(), System.in, out, err);
    try {
      code = commandLine.execute(args);
    } finally {
      ((Acctadmin) commandLine.getCommand()).close();
    }
    System.exit(code);
  }

  /** The messages in the chosen language: --locale, else the environment, else English. */
  Messages messages() {
    if (messages == null) {
      messages = Messages.of(Locales.fromEnvironment(locale, env), ZoneId.systemDefault());
      // Asked for a language we do not have: say so once, in English, rather than switch silently.
      if (locale != null && !locale.isBlank() && !locale.equalsIgnoreCase("qps")
          && Messages.of(java.util.Locale.forLanguageTag(locale.replace('_', '-')), ZoneId.systemDefault()).isFallback()) {
        err().println(messages.render("summary.fallbackLocale", Map.of("requested", locale)));
      }
    }
    return messages;
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** A connection to --server, not signed in. */
  AccountAdminClient client() {
    if (connection == null) {
      try {
        connection = AccountAdminClient.connect(server, null);
      } catch (IllegalArgumentException e) {
        // No port, a port that is no number, or out of range: the admin mistyped --server.
        throw new UsageError(spec.commandLine(), "--server", "INVALID_SERVER", "cli.usage.invalidServer",
            Map.of("value", server, "example", "127.0.0.1:50051"));
      }
      // A name that does not resolve is an unreachable server; left to the channel, it would also
      // print gRPC's own warning, with a stack trace, before our message.
      if (!resolves(server.substring(0, server.lastIndexOf(':')))) {
        throw unreachable();
      }
    }
    return connection.withLanguage(messages().locale());
  }

  /** A connection signed in with the stored session, refreshed first when its token expired. */
  AccountAdminClient signedIn() {
    try {
      var file = Credentials.file(env);
      var stored = Credentials.load(file).filter(c -> c.server().equals(server)).orElse(null);
      if (stored == null) {
        // No session for this server, perhaps because --server is mistyped: a server that does not
        // answer is what to report then, not "run acctadmin login" (which could not work either).
        if (!client().reachable(Duration.ofSeconds(5))) {
          throw unreachable();
        }
        throw notSignedIn();
      }
      var credentials = stored;
      if (!clock.instant().plus(Duration.ofSeconds(30)).isBefore(stored.accessExpiresAt())) {
        var refreshed = client().auth(s -> s.refreshToken(
            RefreshTokenRequest.newBuilder().setRefreshToken(stored.refreshToken()).build()));
        credentials = new Credentials(server, stored.user(), refreshed.getAccessToken(),
            java.time.Instant.ofEpochSecond(refreshed.getAccessTokenExpireTime().getSeconds()),
            refreshed.getRefreshToken());
        credentials.save(file);
      }
      return client().withToken(credentials.accessToken());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean resolves(String host) {
    try {
      InetAddress.getByName(host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host);
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  AccountAdminException unreachable() {
    return new AccountAdminException(io.grpc.Status.Code.UNAVAILABLE, AccountAdminException.SERVER_UNAVAILABLE,
        Map.of("server", server), java.util.List.of(), null, null);
  }

  private AccountAdminException notSignedIn() {
    return new AccountAdminException(io.grpc.Status.Code.UNAUTHENTICATED, "UNAUTHENTICATED", Map.of(),
        java.util.List.of(), null, null);
  }

  /** True when output goes to a person at a terminal who did not opt out of colour (NO_COLOR). */
  boolean colour() {
    return output == Output.text && System.console() != null && !env.containsKey("NO_COLOR")
        && !"dumb".equals(env.get("TERM"));
  }

  /** {@code text} in picocli's ANSI styles (e.g. "bold,green") when colour is on; as is otherwise. */
  String style(String text, String styles) {
    if (!colour()) {
      return text;
    }
    return CommandLine.Help.Ansi.ON.string("@|" + styles + " " + text.replace("|@", "| @") + "|@");
  }

  /** A generated password is printed in text on a terminal, or when the admin asks for it. */
  boolean passwordVisible(boolean asked) {
    return asked || (output == Output.text && System.console() != null);
  }

  /** Prints a failure in the reader's language (in JSON with --output json) and returns its exit code. */
  int report(AccountAdminException e) {
    var m = messages();
    if (output == Output.json) {
      ErrorJson.print(out(), ErrorJson.of(e, m));
      return ExitCode.of(e);
    }
    err().println(m.render("cli.error", Map.of("message", m.renderError(e.reason(), e.metadata()))));
    for (var violation : e.violations()) {
      err().println(m.render("cli.violation", Map.of("message", violation.localizedMessage())));
    }
    if (e.reason().equals("STEPS_DENIED") && e.metadata().containsKey("allowedSteps")) {
      var commands = StepCommands.forSteps(e.metadata().get("allowedSteps"), e.metadata().getOrDefault("user", ""));
      if (!commands.isEmpty()) {
        err().println(m.render("cli.stepsDenied.commands", Map.of("count", commands.size())));
        commands.forEach(command -> err().println("  " + command));
      }
    }
    if (e.retryAfter() != null) {
      err().println(m.render("cli.retryAfter", Map.of("wait", e.retryAfter())));
    }
    err().flush();
    return ExitCode.of(e);
  }

  /** Shuts the channel down and waits for it; safe to call again, and a later command connects anew. */
  void close() {
    if (connection != null) {
      connection.close();
      connection = null;
    }
  }

  static Map<String, Object> args(Object... keyValues) {
    var map = new java.util.LinkedHashMap<String, Object>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put((String) keyValues[i], keyValues[i + 1]);
    }
    return map;
  }
}
