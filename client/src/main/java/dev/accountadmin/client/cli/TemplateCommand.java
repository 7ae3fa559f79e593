package dev.accountadmin.client.cli;

import dev.accountadmin.v1.DeletionOptions;
import dev.accountadmin.v1.DeviceOptions;
import dev.accountadmin.v1.GetOffboardingTemplateRequest;
import dev.accountadmin.v1.MembershipOptions;
import dev.accountadmin.v1.OffboardingTemplate;
import dev.accountadmin.v1.StepOptions;
import dev.accountadmin.v1.UpdateOffboardingTemplateRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code acctadmin template show|set …}: the tenant's default offboarding template, the optional
 * steps an {@code acctadmin offboard} without options runs. Setting it is a global admin's.
 */
@Command(name = "template", description = "Show or set the tenant's default offboarding template.",
    subcommands = {TemplateCommand.Show.class, TemplateCommand.Set.class})
final class TemplateCommand {
  @ParentCommand Acctadmin root;

  /** The optional steps a template chooses, by their step kind, as the guide names them. */
  static List<String> chosen(StepOptions options) {
    var kinds = new ArrayList<String>();
    if (options.getDevices().getWipe()) {
      kinds.add("WIPE_DEVICES");
    }
    if (options.getDevices().getBlock()) {
      kinds.add("BLOCK_DEVICES");
    }
    if (options.getMemberships().getRemoveGroups()) {
      kinds.add("REMOVE_GROUP_MEMBERSHIPS");
    }
    if (options.getMemberships().getRemoveLicences()) {
      kinds.add("REMOVE_LICENCES");
    }
    if (!options.getFiles().getGrantTo().isEmpty()) {
      kinds.add("GRANT_FILES_ACCESS");
    }
    if (options.getDeletion().getDeleteUser()) {
      kinds.add("DELETE_USER");
    }
    return kinds;
  }

  static int print(Acctadmin root, OffboardingTemplate template) {
    if (root.output == Acctadmin.Output.json) {
      Render.json(root.out(), template);
      return ExitCode.OK;
    }
    var m = root.messages();
    var steps = chosen(template.getOptions()).stream().map(k -> m.render("stepKind." + k, java.util.Map.of())).toList();
    var args = new HashMap<String, Object>();
    args.put("version", template.getVersion());
    args.put("updater", template.getUpdater().isEmpty() ? "" : template.getUpdater().substring("users/".length()));
    args.put("updateTime", template.hasUpdateTime() ? Render.instant(template.getUpdateTime()) : root.clock.instant());
    args.put("stepCount", steps.size());
    args.put("steps", steps);
    root.out().println(m.render(template.getVersion() == 0 ? "cli.template.none" : steps.isEmpty() ? "cli.template.showWithoutSteps" : "cli.template.show", args));
    return ExitCode.OK;
  }

  @Command(name = "show", description = "Show the current template.")
  static final class Show implements Callable<Integer> {
    @ParentCommand TemplateCommand parent;

    @Override
    public Integer call() {
      var root = parent.root;
      return print(root, root.signedIn().call(s -> s.getOffboardingTemplate(GetOffboardingTemplateRequest.getDefaultInstance())).getTemplate());
    }
  }

  @Command(name = "set", description = "Set a new version of the template: exactly the steps given.")
  static final class Set implements Callable<Integer> {
    @ParentCommand TemplateCommand parent;

    @Option(names = "--version", required = true, paramLabel = "N",
        description = "The version you are replacing (0 when there is none), as template show says it.")
    long expectedVersion;

    @Option(names = "--wipe-devices", description = "Wipe the user's mobile devices.")
    boolean wipeDevices;

    @Option(names = "--block-devices", description = "Block the user's mobile devices.")
    boolean blockDevices;

    @Option(names = "--remove-groups", description = "Remove the user from every group.")
    boolean removeGroups;

    @Option(names = "--remove-licences", description = "Remove every licence of the user.")
    boolean removeLicences;

    @Option(names = "--delete", description = "Delete the account last (restorable for 30 days).")
    boolean delete;

    @Option(names = "--dry-run", description = "Check the change, change nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
      var root = parent.root;
      var options = StepOptions.newBuilder()
          .setDevices(DeviceOptions.newBuilder().setWipe(wipeDevices).setBlock(blockDevices))
          .setMemberships(MembershipOptions.newBuilder().setRemoveGroups(removeGroups).setRemoveLicences(removeLicences))
          .setDeletion(DeletionOptions.newBuilder().setDeleteUser(delete)).build();
      return print(root, root.signedIn().call(s -> s.updateOffboardingTemplate(UpdateOffboardingTemplateRequest.newBuilder()
          .setOptions(options).setExpectedVersion(expectedVersion).setValidateOnly(dryRun)
          .setRequestId(UUID.randomUUID().toString()).build()).getTemplate()));
    }
  }
}
