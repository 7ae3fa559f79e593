package dev.accountadmin.client.cli;

import dev.accountadmin.i18n.Locales;
import dev.accountadmin.i18n.Messages;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Usage help in the reader's language: picocli reads it from a {@link HelpBundle} for the locale of
 * {@code --locale}, else LC_ALL, LC_MESSAGES, LANG, else English — the same choice as every other
 * message of the CLI ({@link Locales#fromEnvironment}).
 *
 * <p>Help is printed after parsing (by the execution strategy), when {@code --locale} is known, so
 * the bundle is set there. A usage error happens during parsing, possibly before {@code --locale}
 * was read, so its handler looks for the flag in the raw arguments itself.
 */
final class LocalizedHelp {

  private LocalizedHelp() {}

  /**
   * Gives every subcommand a {@code --help} that wraps lines where the language allows ({@link
   * LineBreakingHelp}), sets the environment's help language now, and the {@code --locale} one
   * once the arguments are parsed.
   *
   * @param explicitLocale the parsed {@code --locale}, or null
   */
  static void install(CommandLine commandLine, Map<String, String> env, Supplier<String> explicitLocale) {
    addHelpOptions(commandLine.getCommandSpec());
    commandLine.setHelpFactory(LineBreakingHelp::new);
    use(commandLine, Locales.fromEnvironment(null, env));
    var delegate = commandLine.getExecutionStrategy();
    commandLine.setExecutionStrategy(parsed -> {
      use(commandLine, Locales.fromEnvironment(explicitLocale.get(), env));
      return delegate.execute(parsed);
    });
    commandLine.setParameterExceptionHandler((e, args) -> {
      var locale = Locales.fromEnvironment(argument(args, "--locale"), env);
      use(commandLine, locale);
      return usageError(e, args, Messages.of(locale, ZoneId.systemDefault()));
    });
  }

  /** Sets the help language of the whole command tree. */
  static void use(CommandLine commandLine, Locale locale) {
    commandLine.setResourceBundle(new HelpBundle(Messages.of(locale, ZoneId.systemDefault())));
  }

  // Subcommands other than picocli's own have no --help of their own; `acctadmin X --help` should
  // work like `acctadmin help X`. The root's help text describes it (mixinStandardHelpOptions.help).
  private static void addHelpOptions(CommandSpec spec) {
    for (CommandLine sub : spec.subcommands().values()) {
      CommandSpec subSpec = sub.getCommandSpec();
      if (subSpec.optionsMap().get("--help") == null && !subSpec.helpCommand()) {
        subSpec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
            .descriptionKey("mixinStandardHelpOptions.help")
            .description("Show this help message and exit.").build());
      }
      addHelpOptions(subSpec);
    }
  }

  /**
   * The value of option {@code name} among raw arguments ({@code --locale X} or {@code --locale=X}),
   * for when parsing failed before setting it; null when absent. Stops at {@code --}, after which
   * everything is a positional parameter.
   */
  static String argument(String[] args, String name) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--")) {
        return null;
      }
      if (args[i].equals(name) && i + 1 < args.length) {
        return args[i + 1];
      }
      if (args[i].startsWith(name + "=")) {
        return args[i].substring(name.length() + 1);
      }
    }
    return null;
  }

  // Each problem as a whole sentence from the bundles (picocli's own messages are English only),
  // spelling suggestions, then where to find the help. In --output json, the same as a
  // google.rpc.Status on standard output, like every other error.
  private static int usageError(CommandLine.ParameterException e, String[] args, Messages messages) {
    CommandLine failed = e.getCommandLine();
    var problems = UsageProblem.of(e, args);
    if ("json".equalsIgnoreCase(argument(args, "--output"))) {
      ErrorJson.print(failed.getOut(), ErrorJson.of(problems, messages));
      return ExitCode.USAGE;
    }
    var err = failed.getErr();
    for (var problem : problems) {
      err.println(failed.getColorScheme().errorText(problem.render(messages)));
    }
    if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
      err.println(messages.render("cli.usage.suggestions",
          Map.of("suggestions", new Messages.Alternatives(unmatched.getSuggestions()))));
    }
    err.println(messages.render("cli.usageHint", Map.of("command", failed.getCommandSpec().qualifiedName() + " --help")));
    err.flush();
    // Every refused command line, whatever picocli made of it, is a usage error.
    return ExitCode.USAGE;
  }
}
