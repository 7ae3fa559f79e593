package dev.accountadmin.client.cli;

import dev.accountadmin.v1.BeginTotpRegistrationRequest;
import dev.accountadmin.v1.ConfirmTotpRegistrationRequest;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code acctadmin register-authenticator}: registers an authenticator app for the signed-in
 * user's own account. The key is shown once; at a terminal the command then asks for the app's
 * code, and a script confirms in a second run with {@code --confirm METHOD_ID --code CODE}. It is
 * also the way out of a session that may only register one (a re-registration an admin required).
 */
@Command(name = "register-authenticator", description = "Register an authenticator app for your own account.")
final class RegisterAuthenticatorCommand implements Callable<Integer> {
  @ParentCommand Acctadmin root;

  @Spec CommandSpec spec;

  @Option(names = "--name", paramLabel = "NAME", description = "A name for the app, as your list of methods will show it.")
  String name;

  @Option(names = "--confirm", paramLabel = "METHOD_ID",
      description = "Confirm the registration with this id (printed when it began), with --code.")
  String confirm;

  @Option(names = "--code", paramLabel = "CODE", description = "The code your authenticator app shows now.")
  String code;

  @Override
  public Integer call() {
    var m = root.messages();
    var client = root.signedIn();
    var methodId = confirm;
    if (methodId == null) {
      var begun = client.auth(s -> s.beginTotpRegistration(BeginTotpRegistrationRequest.newBuilder()
          .setDisplayName(name == null ? "" : name).build()));
      root.out().println(m.render("cli.authenticator.key", Map.of("secret", begun.getSecret())));
      root.out().println(m.render("cli.authenticator.uri", Map.of("uri", begun.getOtpauthUri())));
      methodId = begun.getMethodId();
      if (code == null && System.console() != null) {
        code = System.console().readLine("%s", m.render("cli.authenticator.codePrompt", Map.of()));
      }
      if (code == null || code.isBlank()) {
        root.out().println(m.render("cli.authenticator.confirmWith", Map.of("methodId", methodId)));
        return ExitCode.OK;
      }
    } else if (code == null || code.isBlank()) {
      throw new UsageError(spec.commandLine(), "--code", "MISSING_ARGUMENT", "cli.usage.missing",
          Acctadmin.args("kind", "option", "name", "--code"));
    }
    final var id = methodId;
    final var typed = code.strip();
    var confirmed = client.auth(s -> s.confirmTotpRegistration(ConfirmTotpRegistrationRequest.newBuilder()
        .setMethodId(id).setVerificationCode(typed).build()));
    root.out().println(m.render("cli.authenticator.registered", Map.of("displayName", confirmed.getMethod().getDisplayName())));
    return ExitCode.OK;
  }
}
