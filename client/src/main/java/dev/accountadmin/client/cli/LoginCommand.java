package dev.accountadmin.client.cli;

import dev.accountadmin.v1.ClientApp;
import dev.accountadmin.v1.SignInRequest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code acctadmin login}: signs in through the admin API and stores the session (0600). */
@Command(name = "login", description = "Sign in and keep the session for later commands.")
final class LoginCommand implements Callable<Integer> {
  @ParentCommand Acctadmin root;

  @Spec CommandSpec spec;

  @Option(names = "--user", description = "Your user principal name, e.g. admin@contoso.com.")
  String user;

  @Option(names = "--password-stdin", description = "Read the password from standard input instead of prompting.")
  boolean passwordStdin;

  @Option(names = "--code", paramLabel = "CODE",
      description = "The verification code from your authenticator app; asked for when the server needs one and this is not given.")
  String code;

  @Override
  public Integer call() throws Exception {
    var m = root.messages();
    if (user == null || user.isBlank()) {
      // Asked for on a terminal, like the password; a script must say who signs in.
      var typed = System.console() == null ? null : System.console().readLine("%s", m.render("cli.login.userPrompt", Acctadmin.args()));
      if (typed == null || typed.isBlank()) {
        throw new UsageError(spec.commandLine(), "--user", "MISSING_ARGUMENT", "cli.usage.missing", Acctadmin.args("kind", "option", "name", "--user"));
      }
      user = typed.strip();
    }
    String password;
    if (passwordStdin) {
      var reader = new BufferedReader(new InputStreamReader(root.in, StandardCharsets.UTF_8));
      password = reader.readLine();
    } else if (System.console() != null) {
      var typed = System.console().readPassword("%s", m.render("cli.login.prompt", Acctadmin.args("user", user)));
      password = typed == null ? null : new String(typed);
    } else {
      password = null;
    }
    if (password == null || password.isEmpty()) {
      root.err().println(m.render("cli.login.noPassword", Acctadmin.args()));
      return ExitCode.USAGE;
    }
    final var secret = password;
    dev.accountadmin.v1.SignInResponse tokens;
    try {
      tokens = signIn(secret, code);
    } catch (dev.accountadmin.client.AccountAdminException e) {
      // The password was right and the account has an authenticator app: ask for its code once,
      // on a terminal; a script passes --code.
      if (!"MFA_CODE_REQUIRED".equals(e.reason()) || code != null || System.console() == null) {
        throw e;
      }
      var typed = System.console().readLine("%s", m.render("cli.login.codePrompt", Acctadmin.args("user", user)));
      if (typed == null || typed.isBlank()) {
        throw e;
      }
      tokens = signIn(secret, typed.strip());
    }
    new Credentials(root.server, user, tokens.getAccessToken(),
        Instant.ofEpochSecond(tokens.getAccessTokenExpireTime().getSeconds()), tokens.getRefreshToken())
        .save(Credentials.file(root.env));
    root.out().println(m.render("cli.login.success", Acctadmin.args("user", user, "server", root.server)));
    if (tokens.getRegistrationRequired()) {
      root.out().println(m.render("cli.login.registrationRequired", Acctadmin.args("user", user)));
    }
    return ExitCode.OK;
  }

  private dev.accountadmin.v1.SignInResponse signIn(String password, String verificationCode) {
    var request = SignInRequest.newBuilder().setUserPrincipalName(user).setPassword(password)
        .setClientApp(ClientApp.CLIENT_APP_ADMIN_API);
    if (verificationCode != null) {
      request.setVerificationCode(verificationCode);
    }
    return root.client().auth(s -> s.signIn(request.build()));
  }
}
