package dev.accountadmin.client.cli;

import dev.accountadmin.v1.ClientApp;
import dev.accountadmin.v1.SignInRequest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code acctadmin login}: signs in through the admin API and stores the session (0600). */
@Command(name = "login", description = "Sign in and keep the session for later commands.")
final class LoginCommand implements Callable<Integer> {
  @ParentCommand Acctadmin root;

  @Option(names = "--user", required = true, description = "Your user principal name, e.g. admin@contoso.com.")
  String user;

  @Option(names = "--password-stdin", description = "Read the password from standard input instead of prompting.")
  boolean passwordStdin;

  @Override
  public Integer call() throws Exception {
    var m = root.messages();
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
    var tokens = root.client().auth(s -> s.signIn(SignInRequest.newBuilder()
        .setUserPrincipalName(user).setPassword(secret).setClientApp(ClientApp.CLIENT_APP_ADMIN_API).build()));
    new Credentials(root.server, user, tokens.getAccessToken(),
        Instant.ofEpochSecond(tokens.getAccessTokenExpireTime().getSeconds()), tokens.getRefreshToken())
        .save(Credentials.file(root.env));
    root.out().println(m.render("cli.login.success", Acctadmin.args("user", user, "server", root.server)));
    return ExitCode.OK;
  }
}
