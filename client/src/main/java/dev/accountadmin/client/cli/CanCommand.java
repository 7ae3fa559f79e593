package dev.accountadmin.client.cli;

import dev.accountadmin.v1.Action;
import dev.accountadmin.v1.CheckPermissionRequest;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code acctadmin can ACTION USER}: may I, and if not, which role would let me? Exit 4 when not. */
@Command(name = "can", description = "Check whether you may do an action to a user, and which roles allow it.")
final class CanCommand implements Callable<Integer> {
  /** The actions by the names an admin types. */
  enum Verb {
    read(Action.ACTION_READ), unlock(Action.ACTION_UNLOCK_USER), offboard(Action.ACTION_OFFBOARD_USER),
    secure(Action.ACTION_SECURE_COMPROMISED_USER), restore(Action.ACTION_RESTORE_USER),
    reset_password(Action.ACTION_RESET_PASSWORD), revoke_sessions(Action.ACTION_REVOKE_SESSIONS),
    clear_lockout(Action.ACTION_CLEAR_LOCKOUT), block(Action.ACTION_BLOCK_SIGN_IN), allow(Action.ACTION_ALLOW_SIGN_IN),
    mail_protocols(Action.ACTION_SET_MAIL_PROTOCOLS), restrict_sending(Action.ACTION_RESTRICT_SENDING),
    lift_restriction(Action.ACTION_LIFT_SENDING_RESTRICTION), delete(Action.ACTION_DELETE_USER),
    undelete(Action.ACTION_UNDELETE_USER), roles(Action.ACTION_MANAGE_ADMIN_ROLES);

    final Action action;

    Verb(Action action) {
      this.action = action;
    }
  }

  @ParentCommand Acctadmin root;

  @Parameters(index = "0", paramLabel = "ACTION", descriptionKey = "ACTION", description = "One of: ${COMPLETION-CANDIDATES} (a dash may stand for the underscore).",
      converter = VerbConverter.class)
  Verb verb;

  @Parameters(index = "1", paramLabel = "USER", descriptionKey = "USER", description = "User principal name, e.g. alex@contoso.com.")
  String user;

  static final class VerbConverter implements picocli.CommandLine.ITypeConverter<Verb> {
    @Override
    public Verb convert(String value) {
      try {
        return Verb.valueOf(value.toLowerCase(Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException e) {
        // Reported with the list of actions, in the reader's language, by the usage error handler.
        throw new picocli.CommandLine.TypeConversionException(value);
      }
    }
  }

  @Override
  public Integer call() {
    var response = root.signedIn().call(s -> s.checkPermission(CheckPermissionRequest.newBuilder()
        .setAction(verb.action).setName("users/" + user).build()));
    if (root.output == Acctadmin.Output.json) {
      Render.json(root.out(), response);
    } else {
      var m = root.messages();
      // The action's name selects a whole sentence in the message, in every language.
      var action = ApiNames.of(verb.action);
      if (response.getAllowed()) {
        root.out().println(m.render("cli.can.yes", Map.of("action", action, "user", user)));
      } else {
        var required = new dev.accountadmin.i18n.Messages.Alternatives(Render.roles(m, response.getRequiredRolesList()));
        var denial = m.render("error.PERMISSION_DENIED", Map.of("action", action, "user", user, "requiredRoles", required));
        root.out().println(m.render("cli.can.no", Map.of("denial", denial)));
      }
    }
    return response.getAllowed() ? ExitCode.OK : ExitCode.PERMISSION_DENIED;
  }
}
