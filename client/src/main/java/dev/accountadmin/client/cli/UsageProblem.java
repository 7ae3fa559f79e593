package dev.accountadmin.client.cli;

import dev.accountadmin.i18n.Messages;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * One thing wrong with a command line, as a whole sentence from the bundles rather than picocli's
 * English: its ErrorInfo reason, its bundle key and arguments, and the argument it is about.
 *
 * @param field the option or parameter at fault (e.g. {@code --since}, {@code USER}), or the command
 */
record UsageProblem(String reason, String key, Map<String, Object> args, String field) {

  String render(Messages messages) {
    return messages.render(key, args);
  }

  /** What {@code e} means, one problem per missing or unmatched argument. */
  static List<UsageProblem> of(CommandLine.ParameterException e, String[] rawArgs) {
    var command = e.getCommandLine().getCommandSpec().qualifiedName();
    var problems = new ArrayList<UsageProblem>();
    if (e instanceof UsageError own) {
      problems.add(new UsageProblem(own.reason, own.key, own.args, own.field));
    } else if (e instanceof CommandLine.MissingParameterException missing) {
      var oneOf = new ArrayList<String>();
      for (var arg : missing.getMissing()) {
        if (arg instanceof OptionSpec option && appears(option, rawArgs)) {
          // Given, but with nothing after it.
          problems.add(new UsageProblem("MISSING_VALUE", "cli.usage.missingValue", Map.of("name", name(arg)), name(arg)));
        } else if (arg.group() != null && arg.group().exclusive()) {
          // An exclusive group wants one of its options, not all of them.
          oneOf.add(name(arg));
        } else {
          problems.add(new UsageProblem("MISSING_ARGUMENT", "cli.usage.missing",
              Map.of("kind", arg.isOption() ? "option" : "parameter", "name", name(arg)), name(arg)));
        }
      }
      if (!oneOf.isEmpty()) {
        problems.add(new UsageProblem("MISSING_ARGUMENT", "cli.usage.missingOneOf",
            Map.of("names", new Messages.Alternatives(oneOf)), command));
      }
    } else if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
      for (var argument : unmatched.getUnmatched()) {
        problems.add(unmatched(e.getCommandLine(), argument, command));
      }
    } else if (e instanceof CommandLine.OverwrittenOptionException overwritten) {
      var name = name(overwritten.getOverwritten());
      problems.add(new UsageProblem("REPEATED_OPTION", "cli.usage.repeated", Map.of("name", name), name));
    } else if (e instanceof CommandLine.MutuallyExclusiveArgsException) {
      problems.add(new UsageProblem("EXCLUSIVE_OPTIONS", "cli.usage.exclusive",
          Map.of("names", new Messages.Alternatives(exclusiveGiven(e.getCommandLine(), rawArgs))), command));
    } else if (e.getArgSpec() != null && e.getValue() != null) {
      problems.add(invalidValue(e.getArgSpec(), e.getValue()));
    } else if (needsSubcommand(e.getCommandLine())) {
      var commands = new ArrayList<String>(e.getCommandLine().getSubcommands().keySet());
      problems.add(new UsageProblem("MISSING_COMMAND", "cli.usage.missingCommand",
          Map.of("command", command, "commands", new Messages.Alternatives(commands)), command));
    }
    if (problems.isEmpty()) {
      problems.add(new UsageProblem("INVALID_COMMAND_LINE", "cli.usage.invalid", Map.of("command", command), command));
    }
    return problems;
  }

  private static UsageProblem unmatched(CommandLine commandLine, String argument, String command) {
    var spec = commandLine.getCommandSpec();
    if (argument.startsWith("-") && argument.length() > 1) {
      var name = argument.contains("=") ? argument.substring(0, argument.indexOf('=')) : argument;
      return new UsageProblem("UNKNOWN_OPTION", "cli.usage.unknownOption", Map.of("argument", name, "command", command), name);
    }
    if (!spec.subcommands().isEmpty() && spec.positionalParameters().isEmpty()) {
      return new UsageProblem("UNKNOWN_COMMAND", "cli.usage.unknownCommand",
          Map.of("argument", argument, "command", command), argument);
    }
    return new UsageProblem("UNEXPECTED_ARGUMENT", "cli.usage.unexpectedArgument",
        Map.of("argument", argument, "command", command), argument);
  }

  // A value picocli could not convert: say what was expected, by the type of the argument.
  private static UsageProblem invalidValue(ArgSpec arg, String value) {
    var name = name(arg);
    var type = arg.auxiliaryTypes().length > 0 ? arg.auxiliaryTypes()[0] : arg.type();
    var args = new LinkedHashMap<String, Object>();
    args.put("name", name);
    args.put("value", value);
    if (arg.completionCandidates() != null) {
      var choices = new ArrayList<String>();
      arg.completionCandidates().forEach(choices::add);
      if (!choices.isEmpty()) {
        args.put("choices", new Messages.Alternatives(choices));
        return new UsageProblem("INVALID_CHOICE", "cli.usage.invalidChoice", args, name);
      }
    }
    if (type == Instant.class) {
      args.put("example", "2026-11-23T08:00:00Z");
      return new UsageProblem("INVALID_TIME", "cli.usage.invalidTime", args, name);
    }
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return new UsageProblem("INVALID_NUMBER", "cli.usage.invalidNumber", args, name);
    }
    return new UsageProblem("INVALID_VALUE", "cli.usage.invalidValue", args, name);
  }

  // A group of commands such as `audit` does nothing by itself: picocli wants one of its subcommands.
  private static boolean needsSubcommand(CommandLine commandLine) {
    var command = commandLine.getCommand();
    return !commandLine.getSubcommands().isEmpty() && !(command instanceof Runnable) && !(command instanceof java.util.concurrent.Callable);
  }

  /** An option by its longest name, a positional parameter by its label ({@code USER}). */
  static String name(ArgSpec arg) {
    return arg instanceof OptionSpec option ? option.longestName() : arg.paramLabel();
  }

  // Picocli does not say which options of an exclusive group clashed; the command line does.
  private static List<String> exclusiveGiven(CommandLine commandLine, String[] rawArgs) {
    var given = new ArrayList<String>();
    for (var group : commandLine.getCommandSpec().argGroups()) {
      if (!group.exclusive()) {
        continue;
      }
      for (var arg : group.args()) {
        if (arg instanceof OptionSpec option && appears(option, rawArgs)) {
          given.add(option.longestName());
        }
      }
    }
    return given;
  }

  private static boolean appears(OptionSpec option, String[] rawArgs) {
    for (var raw : rawArgs) {
      for (var name : option.names()) {
        if (raw.equals(name) || raw.startsWith(name + "=")) {
          return true;
        }
      }
    }
    return false;
  }
}
