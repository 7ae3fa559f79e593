package dev.accountadmin.client.cli;

import dev.accountadmin.v1.AdminRole;
import dev.accountadmin.v1.AssignAdminRolesRequest;
import dev.accountadmin.v1.CreateUserRequest;
import dev.accountadmin.v1.DeleteUserRequest;
import dev.accountadmin.v1.RemoveAdminRolesRequest;
import dev.accountadmin.v1.UndeleteUserRequest;
import dev.accountadmin.v1.GetUserRequest;
import dev.accountadmin.v1.ListUsersRequest;
import dev.accountadmin.v1.ListUsersResponse;
import dev.accountadmin.v1.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code acctadmin users list|show|create}. */
@Command(name = "users", description = "List, show and create users.",
    subcommands = {UsersCommand.ListUsers.class, UsersCommand.Show.class, UsersCommand.Create.class,
        UsersCommand.Delete.class, UsersCommand.Undelete.class, UsersCommand.Roles.class})
final class UsersCommand {
  @ParentCommand Acctadmin root;

  @Command(name = "list", description = "List users, a page at a time or all of them.")
  static final class ListUsers implements Callable<Integer> {
    private static final int PAGE_SIZE = 500;

    @ParentCommand UsersCommand users;

    @Option(names = "--filter", defaultValue = "",
        description = "Words to match, and states: locked, blocked, restricted, admin, deleted, offboarded.")
    String filter;

    @Option(names = "--limit", defaultValue = "0", description = "Show at most this many users (default: all).")
    int limit;

    @Option(names = "--directory", defaultValue = "", paramLabel = "NAME",
        description = "List the users of this external directory, read live from it, instead of the built-in directory's.")
    String directory;

    @Override
    public Integer call() {
      var root = users.root;
      var client = root.signedIn();
      var all = new ArrayList<User>();
      String token = "";
      do {
        final var pageToken = token;
        ListUsersResponse page = client.call(s -> s.listUsers(ListUsersRequest.newBuilder()
            .setFilter(filter).setDirectory(directory).setPageSize(PAGE_SIZE).setPageToken(pageToken).build()));
        all.addAll(page.getUsersList());
        token = page.getNextPageToken();
      } while (!token.isEmpty() && (limit <= 0 || all.size() < limit));
      List<User> shown = limit > 0 && all.size() > limit ? all.subList(0, limit) : all;
      if (root.output == Acctadmin.Output.json) {
        Render.json(root.out(), ListUsersResponse.newBuilder().addAllUsers(shown).build());
        return ExitCode.OK;
      }
      var m = root.messages();
      if (shown.isEmpty()) {
        root.out().println(m.render("cli.users.none", Acctadmin.args()));
        return ExitCode.OK;
      }
      Render.userTable(root.out(), m, shown);
      root.out().println(m.render("cli.users.count", Acctadmin.args("count", shown.size())));
      return ExitCode.OK;
    }
  }

  @Command(name = "show", description = "Show one user.")
  static final class Show implements Callable<Integer> {
    @ParentCommand UsersCommand users;

    @Parameters(paramLabel = "USER", descriptionKey = "USER", description = "User principal name, e.g. alex@contoso.com.")
    String user;

    @Override
    public Integer call() {
      var root = users.root;
      var found = root.signedIn().call(s -> s.getUser(GetUserRequest.newBuilder().setName("users/" + user).build()));
      if (root.output == Acctadmin.Output.json) {
        Render.json(root.out(), found);
      } else {
        Render.user(root.out(), root.messages(), found.getUser());
      }
      return ExitCode.OK;
    }
  }

  @Command(name = "create", description = "Create a user with a temporary password.")
  static final class Create implements Callable<Integer> {
    @ParentCommand UsersCommand users;

    @Parameters(paramLabel = "USER", descriptionKey = "USER", description = "User principal name, e.g. alex@contoso.com.")
    String user;

    @Option(names = "--display-name", defaultValue = "", description = "The name people see.")
    String displayName;

    @Option(names = "--language", defaultValue = "", description = "The user's language: en, fr, ro, nl or sv.")
    String language;

    @Option(names = "--show-password", description = "Print the temporary password even when output is not a terminal.")
    boolean showPassword;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      var root = users.root;
      // As reset-password: decided before anything changes, so no user is created whose password nobody knows.
      if (!root.passwordVisible(showPassword)) {
        throw new UsageError(spec.commandLine(), "--show-password", "PASSWORD_NOT_SHOWN", "cli.users.create.passwordNotShown",
            Map.of("user", user));
      }
      var created = root.signedIn().call(s -> s.createUser(CreateUserRequest.newBuilder()
          .setUser(User.newBuilder().setUserPrincipalName(user).setDisplayName(displayName).setPreferredLanguage(language))
          .setRequestId(UUID.randomUUID().toString()).build()));
      if (root.output == Acctadmin.Output.json) {
        Render.json(root.out(), root.passwordVisible(showPassword) ? created : Secrets.redact(created));
        return ExitCode.OK;
      }
      var m = root.messages();
      root.out().println(m.render("cli.users.created", Acctadmin.args("user", created.getUser().getUserPrincipalName())));
      // Like every generated password: on a terminal, or when asked for, and only once.
      root.out().println(root.passwordVisible(showPassword)
          ? root.style(m.render("cli.users.temporaryPassword", Acctadmin.args("password", created.getTemporaryPassword())), "bold,yellow")
          : m.render("cli.password.hidden", Acctadmin.args()));
      return ExitCode.OK;
    }
  }

  @Command(name = "delete", description = "Delete a user; it can be restored for 30 days.")
  static final class Delete implements Callable<Integer> {
    @ParentCommand UsersCommand users;

    @Parameters(paramLabel = "USER", descriptionKey = "USER", description = "User principal name, e.g. alex@contoso.com.")
    String user;

    @Option(names = "--dry-run", description = "Check, change nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
      var root = users.root;
      var response = root.signedIn().call(s -> s.deleteUser(DeleteUserRequest.newBuilder().setName("users/" + user)
          .setValidateOnly(dryRun).setRequestId(UUID.randomUUID().toString()).build()));
      if (root.output == Acctadmin.Output.json) {
        Render.json(root.out(), response);
      } else if (!dryRun) {
        root.out().println(root.messages().render("cli.users.deleted", Acctadmin.args("user", user,
            "purgeTime", Render.instant(response.getUser().getPurgeTime()))));
      } else {
        root.out().println(root.messages().render("cli.users.wouldDelete", Acctadmin.args("user", user)));
      }
      return ExitCode.OK;
    }
  }

  @Command(name = "undelete", description = "Restore a deleted user (within 30 days of its deletion).")
  static final class Undelete implements Callable<Integer> {
    @ParentCommand UsersCommand users;

    @Parameters(paramLabel = "USER", descriptionKey = "USER", description = "User principal name, e.g. alex@contoso.com.")
    String user;

    @Override
    public Integer call() {
      var root = users.root;
      var response = root.signedIn().call(s -> s.undeleteUser(UndeleteUserRequest.newBuilder().setName("users/" + user)
          .setRequestId(UUID.randomUUID().toString()).build()));
      if (root.output == Acctadmin.Output.json) {
        Render.json(root.out(), response);
      } else {
        root.out().println(root.messages().render("cli.users.undeleted", Acctadmin.args("user", user)));
      }
      return ExitCode.OK;
    }
  }

  @Command(name = "roles", description = "Assign or remove admin roles (a global admin's task).")
  static final class Roles implements Callable<Integer> {
    /** Roles by the names an admin types. */
    enum Role {
      global(AdminRole.ADMIN_ROLE_GLOBAL_ADMIN), user(AdminRole.ADMIN_ROLE_USER_ADMIN),
      helpdesk(AdminRole.ADMIN_ROLE_HELPDESK_ADMIN), exchange(AdminRole.ADMIN_ROLE_EXCHANGE_ADMIN),
      security(AdminRole.ADMIN_ROLE_SECURITY_ADMIN);

      final AdminRole proto;

      Role(AdminRole proto) {
        this.proto = proto;
      }
    }

    @ParentCommand UsersCommand users;

    @Parameters(paramLabel = "USER", descriptionKey = "USER", description = "User principal name, e.g. alex@contoso.com.")
    String user;

    @Option(names = "--add", split = ",", paramLabel = "ROLE", description = "Roles to assign: ${COMPLETION-CANDIDATES}.")
    List<Role> add = List.of();

    @Option(names = "--remove", split = ",", paramLabel = "ROLE", description = "Roles to remove: ${COMPLETION-CANDIDATES}.")
    List<Role> remove = List.of();

    @Option(names = "--remove-all", description = "Remove every admin role.")
    boolean removeAll;

    @Override
    public Integer call() {
      var root = users.root;
      var client = root.signedIn();
      if (add.isEmpty() && remove.isEmpty() && !removeAll) {
        var shown = client.call(s -> s.getUser(GetUserRequest.newBuilder().setName("users/" + user).build())).getUser();
        var m = root.messages();
        root.out().println(shown.getAdminRolesCount() == 0 ? m.render("cli.user.noRoles", Acctadmin.args())
            : m.list(Render.roles(m, shown.getAdminRolesList())));
        return ExitCode.OK;
      }
      int code = ExitCode.OK;
      if (!add.isEmpty()) {
        var response = client.call(s -> s.assignAdminRoles(AssignAdminRolesRequest.newBuilder().setName("users/" + user)
            .addAllAdminRoles(add.stream().map(r -> r.proto).toList()).setRequestId(UUID.randomUUID().toString()).build()));
        code = Math.max(code, StepOutput.print(root, user, response.getStep(), response));
      }
      if (!remove.isEmpty() || removeAll) {
        var response = client.call(s -> s.removeAdminRoles(RemoveAdminRolesRequest.newBuilder().setName("users/" + user)
            .addAllAdminRoles(removeAll ? List.of() : remove.stream().map(r -> r.proto).toList())
            .setRequestId(UUID.randomUUID().toString()).build()));
        code = Math.max(code, StepOutput.print(root, user, response.getStep(), response));
      }
      return code;
    }
  }
}
