package dev.accountadmin.client.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The acctadmin command that runs one step on its own, for a denied procedure's way forward: a
 * helpdesk admin denied {@code unlock} of a blocked user is shown {@code acctadmin clear-lockout …}.
 */
final class StepCommands {
  // Steps whose command takes only the user (the single-step commands, named after their step
  // kind, and reset-password); the others (mail protocols, roles) need a choice.
  private static final Map<String, String> COMMANDS = commands();

  private static Map<String, String> commands() {
    var commands = new java.util.HashMap<String, String>();
    for (var step : SingleStepCommand.Step.values()) {
      commands.put(step.name(), step.command);
    }
    commands.put("RESET_PASSWORD", "reset-password");
    return Map.copyOf(commands);
  }

  private StepCommands() {}

  /** The commands for {@code steps} (comma-separated step kinds, as in STEPS_DENIED metadata). */
  static List<String> forSteps(String steps, String user) {
    var commands = new ArrayList<String>();
    for (var step : steps.split(",")) {
      var command = COMMANDS.get(step.trim());
      if (command != null && !user.isBlank()) {
        commands.add("acctadmin " + command + " " + user);
      }
    }
    return commands;
  }
}
