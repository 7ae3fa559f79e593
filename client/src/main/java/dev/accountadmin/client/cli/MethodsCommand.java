package dev.accountadmin.client.cli;

import dev.accountadmin.v1.LiftReregistrationRequest;
import dev.accountadmin.v1.ListAuthenticationMethodsRequest;
import dev.accountadmin.v1.RemoveAuthenticationMethodsRequest;
import dev.accountadmin.v1.RequireReregistrationRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code acctadmin methods USER}: the user's authentication methods (never a secret); with
 * {@code --remove METHOD_ID} or {@code --remove-all} the RemoveAuthenticationMethods step, with
 * {@code --require-reregistration} (or {@code --lift-reregistration}) the re-registration steps.
 * A removal and a requirement may be asked for together: the removal runs first.
 */
@Command(name = "methods", description = "List a user's authentication methods, remove them, or require re-registration.")
final class MethodsCommand implements Callable<Integer> {
  static final class Removal {
    @Option(names = "--remove", paramLabel = "METHOD_ID", description = "Remove this authentication method.")
    String remove;

    @Option(names = "--remove-all",
        description = "Remove every authentication method of the user and revoke their app passwords.")
    boolean removeAll;
  }

  static final class Reregistration {
    @Option(names = "--require-reregistration",
        description = "Require the user to register an authenticator app again at the next sign-in.")
    boolean require;

    @Option(names = "--lift-reregistration", description = "Lift the re-registration requirement.")
    boolean lift;
  }

  @ParentCommand Acctadmin root;

  @Mixin StepTarget target;

  @ArgGroup(multiplicity = "0..1")
  Removal removal;

  @ArgGroup(multiplicity = "0..1")
  Reregistration reregistration;

  @Override
  public Integer call() {
    var client = root.signedIn();
    Integer exit = null;
    if (removal != null) {
      var request = RemoveAuthenticationMethodsRequest.newBuilder().setName(target.name())
          .setValidateOnly(target.dryRun).setRequestId(StepTarget.requestId());
      if (removal.remove != null) {
        request.setMethodId(removal.remove);
      }
      var response = client.call(s -> s.removeAuthenticationMethods(request.build()));
      exit = StepOutput.print(root, target.user, response.getStep(), response);
    }
    if (reregistration != null && reregistration.require) {
      var response = client.call(s -> s.requireReregistration(RequireReregistrationRequest.newBuilder()
          .setName(target.name()).setValidateOnly(target.dryRun).setRequestId(StepTarget.requestId()).build()));
      exit = worse(exit, StepOutput.print(root, target.user, response.getStep(), response));
    } else if (reregistration != null && reregistration.lift) {
      var response = client.call(s -> s.liftReregistration(LiftReregistrationRequest.newBuilder()
          .setName(target.name()).setValidateOnly(target.dryRun).setRequestId(StepTarget.requestId()).build()));
      exit = worse(exit, StepOutput.print(root, target.user, response.getStep(), response));
    }
    if (exit != null) {
      return exit;
    }
    var response = client.call(s -> s.listAuthenticationMethods(ListAuthenticationMethodsRequest.newBuilder()
        .setName(target.name()).build()));
    if (root.output == Acctadmin.Output.json) {
      Render.json(root.out(), response);
      return ExitCode.OK;
    }
    var m = root.messages();
    if (response.getMethodsCount() == 0) {
      root.out().println(m.render("cli.methods.none", Map.of("user", target.user)));
    }
    for (var method : response.getMethodsList()) {
      // One sentence per kind: each language words an app, an address and a password its own way.
      var args = new HashMap<String, Object>(Map.of("id", method.getId(), "displayName", method.getDisplayName(),
          "registeredTime", Render.instant(method.getRegisteredTime())));
      root.out().println(m.render("cli.methods." + ApiNames.of(method.getKind()), args));
      if (method.hasLastUsedTime()) {
        root.out().println(m.render("cli.methods.lastUsed", Map.of("lastUsedTime", Render.instant(method.getLastUsedTime()))));
      }
    }
    if (response.getMethodsCount() > 0) {
      root.out().println(m.render("cli.methods.count", Map.of("count", response.getMethodsCount())));
    }
    if (response.getReregistrationRequired()) {
      root.out().println(m.render("cli.methods.reregistrationRequired", Map.of("user", target.user,
          "requiredTime", Render.instant(response.getReregistrationRequiredTime()))));
    }
    return ExitCode.OK;
  }

  private static int worse(Integer first, int second) {
    return first == null || first == ExitCode.OK ? second : first;
  }
}
