package dev.accountadmin.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accountadmin.i18n.Locales;
import dev.accountadmin.i18n.Messages;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code acctadmin --help} and {@code acctadmin <command> --help} in every language: every text
 * from the bundles, none of it left in English, in the language {@code --locale} or the
 * environment chose; usage errors end with a hint in that language.
 */
final class LocalizedHelpTest {

  private static final List<Locale> TRANSLATED = Locales.SUPPORTED.stream()
      .filter(l -> !l.equals(Locales.FALLBACK)).toList();

  record Run(int code, String out, String err) {}

  static Run run(Map<String, String> env, String... args) {
    var out = new StringWriter();
    var err = new StringWriter();
    var commandLine = Acctadmin.commandLine(env, Clock.systemUTC(), new ByteArrayInputStream(new byte[0]),
        new PrintWriter(out, true), new PrintWriter(err, true));
    int code = commandLine.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  static Run run(String... args) {
    return run(Map.of(), args);
  }

  static Run runAtWidth(int width, String... args) {
    var out = new StringWriter();
    var err = new StringWriter();
    var commandLine = Acctadmin.commandLine(Map.of(), Clock.systemUTC(), new ByteArrayInputStream(new byte[0]),
        new PrintWriter(out, true), new PrintWriter(err, true));
    commandLine.setUsageHelpWidth(width);
    int code = commandLine.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+");

  private static CommandLine model(Locale locale) {
    var commandLine = Acctadmin.commandLine(Map.of(), Clock.systemUTC(), new ByteArrayInputStream(new byte[0]),
        new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    LocalizedHelp.use(commandLine, locale);
    return commandLine;
  }

  /** Every command of the tree, the root first, each as the words that call it ("users", "list"). */
  private static List<List<String>> commandPaths(CommandLine commandLine, List<String> path, List<List<String>> paths) {
    paths.add(path);
    commandLine.getSubcommands().forEach((name, sub) -> {
      var subPath = new ArrayList<>(path);
      subPath.add(name);
      commandPaths(sub, subPath, paths);
    });
    return paths;
  }

  private static List<List<String>> commandPaths() {
    return commandPaths(model(Locale.ENGLISH), List.of(), new ArrayList<>());
  }

  private static CommandSpec spec(CommandLine root, List<String> path) {
    var commandLine = root;
    for (String name : path) {
      commandLine = commandLine.getSubcommands().get(name);
    }
    return commandLine.getCommandSpec();
  }

  /** The texts picocli shows for a command: its description, and each option's and parameter's. */
  private static List<String> descriptions(CommandSpec spec) {
    var texts = new ArrayList<String>();
    texts.add(String.join(" ", spec.usageMessage().description()));
    for (ArgSpec arg : spec.args()) {
      if (!arg.hidden()) {
        texts.add(String.join(" ", arg.description()));
      }
    }
    return texts;
  }

  // Picocli wraps lines, indents continuations, and may break a word at a dot ("contoso.
  // com"): compare texts without any white space.
  private static String flat(String text) {
    return text.replaceAll("[\\s\u00A0]+", "");
  }

  // The parts of a description picocli prints literally: its ${…} variables get substituted.
  private static List<String> literalParts(String description) {
    return List.of(flat(description).split("\\$\\{[^}]*\\}"));
  }

  private static String[] helpArgs(Locale locale, List<String> path) {
    var args = new ArrayList<String>();
    args.add("--locale");
    args.add(locale.getLanguage());
    args.addAll(path);
    args.add("--help");
    return args.toArray(String[]::new);
  }

  @Test
  void model_everyCommandOptionAndParameter_hasItsOwnTextInEveryLocale() {
    var english = model(Locale.ENGLISH);
    var missing = new ArrayList<String>();
    for (var path : commandPaths()) {
      var englishSpec = spec(english, path);
      // English from the bundle, not from an annotation: an annotation's text has no bundle key.
      var bundleKeys = Messages.of(Locale.ENGLISH, ZoneOffset.UTC).keys();
      String command = englishSpec.qualifiedName(".");
      if (!bundleKeys.contains("help." + command + ".usage.description")
          && !bundleKeys.contains("help." + command + ".usage.description.0")) {
        missing.add("en " + command + ": usage.description");
      }
      for (ArgSpec arg : englishSpec.args()) {
        String key = arg.descriptionKey().isEmpty() && arg.isOption()
            ? ((CommandLine.Model.OptionSpec) arg).longestName().replaceFirst("^-+", "") : arg.descriptionKey();
        if (!arg.hidden() && !bundleKeys.contains("help." + command + "." + key) && !bundleKeys.contains("help." + key)) {
          missing.add("en " + command + ": " + arg + " (key " + key + ")");
        }
      }
      // Each translation differs from English: the bundle lint forbids untranslated copies, so
      // a text equal to English here came from an annotation, not from that locale's bundle.
      var englishTexts = descriptions(englishSpec);
      for (Locale locale : TRANSLATED) {
        var texts = descriptions(spec(model(locale), path));
        for (int i = 0; i < texts.size(); i++) {
          if (texts.get(i).equals(englishTexts.get(i))) {
            missing.add(locale + " " + command + ": " + texts.get(i));
          }
        }
      }
    }
    assertThat(missing).isEmpty();
  }

  @Test
  void help_everyCommandInEveryLocale_printsThatLocalesTextsAndNoEnglishOne() {
    var englishRoot = model(Locale.ENGLISH);
    for (var path : commandPaths()) {
      var englishTexts = descriptions(spec(englishRoot, path));
      for (Locale locale : Locales.SUPPORTED) {
        var help = run(helpArgs(locale, path));
        String shown = flat(help.out());

        assertThat(help.code()).as(locale + " " + path + ": " + help.err()).isZero();
        for (String text : descriptions(spec(model(locale), path))) {
          for (String part : literalParts(text)) {
            assertThat(shown).as(locale + " " + path).contains(part.strip());
          }
        }
        String usageHeading = Messages.of(locale, ZoneOffset.UTC).render("help.usage.synopsisHeading", Map.of());
        assertThat(shown).as(locale + " " + path).contains(flat(usageHeading) + "acctadmin");
        if (!locale.equals(Locale.ENGLISH)) {
          for (String text : englishTexts) {
            for (String part : literalParts(text)) {
              if (part.strip().length() > 12) {
                assertThat(shown).as(locale + " " + path).doesNotContain(part.strip());
              }
            }
          }
          assertThat(help.out()).as(locale + " " + path)
              .doesNotContain("Usage:", "Options:", "Commands:", "Parameters:", "Exit codes:");
        }
      }
    }
  }

  @Test
  void help_everyCommandInEveryLocaleAndWidth_neverBreaksAfterAnElisionNorInsideAnEmailAddress() {
    var problems = new ArrayList<String>();
    for (int width : new int[] {80, 67, 55}) {
      for (var path : commandPaths()) {
        for (Locale locale : Locales.SUPPORTED) {
          var help = runAtWidth(width, helpArgs(locale, path));
          String where = locale + " " + path + " at " + width + ": ";
          for (String line : help.out().split("\n")) {
            // "d’⏎un", "l’⏎envoi": an elided word belongs to the next one.
            if (line.stripTrailing().endsWith("’") || line.stripTrailing().endsWith("'")) {
              problems.add(where + line);
            }
            if (line.stripTrailing().length() > width) {
              problems.add(where + "wider than " + width + ": " + line);
            }
          }
          for (String text : descriptions(spec(model(locale), path))) {
            var emails = EMAIL.matcher(text);
            while (emails.find()) {
              if (!help.out().contains(emails.group())) {
                problems.add(where + emails.group() + " is split");
              }
            }
          }
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void lineEnds_keepAnElidedWordAndAnAddressWhole() {
    String text = "Un nom d’utilisateur, p. ex. alex@contoso.com, ou --dry-run.";
    var lines = new ArrayList<String>();
    int start = 0;
    for (int end : LineBreakingTable.lineEnds(text, 20, 18)) {
      lines.add(text.substring(start, end));
      start = end;
    }

    // The JDK's rules would end the first line with "d’" and a later one with "contoso.".
    assertThat(lines).containsExactly("Un nom ", "d’utilisateur, p. ", "ex. ", "alex@contoso.com, ", "ou --dry-run.");
  }

  @Test
  void lineEnds_cutAWordLongerThanTheLine() {
    assertThat(LineBreakingTable.lineEnds("abcdefghij klm", 4, 4)).containsExactly(4, 8, 11, 14);
  }

  @Test
  void help_root_listsTheExitCodesInTheChosenLanguage() {
    var help = run("--locale", "nl", "--help");

    assertThat(help.out()).contains("Afsluitcodes:", "  3   niet aangemeld (voer acctadmin login uit)",
        "  6   server onbereikbaar");
  }

  @Test
  void help_offboard_substitutesDefaultValuesAndEnumValues() {
    var help = flat(run("--locale", "fr", "offboard", "--help").out());

    assertThat(help).contains(flat("Format de sortie : text, json (par défaut text)."));
    assertThat(help).doesNotContain("${", "{defaultValue}", "{candidates}");
  }

  @Test
  void help_localeEqualsFormAndLocaleAfterTheCommand_bothChooseTheLanguage() {
    assertThat(run("--locale=sv", "block", "--help").out()).startsWith("Användning: acctadmin block");
    assertThat(run("block", "--locale", "ro", "--help").out()).startsWith("Utilizare: acctadmin block");
  }

  @Test
  void help_withoutLocaleFlag_followsLcAllThenLcMessagesThenLang() {
    var env = new HashMap<String, String>();
    env.put("LANG", "sv_SE.UTF-8");
    assertThat(run(env, "--help").out()).startsWith("Användning:");
    env.put("LC_MESSAGES", "fr_FR.UTF-8");
    assertThat(run(env, "--help").out()).startsWith("Utilisation\u00A0:");
    env.put("LC_ALL", "nl_NL.UTF-8");
    assertThat(run(env, "--help").out()).startsWith("Gebruik:");
    assertThat(run(env, "--locale", "ro", "--help").out()).startsWith("Utilizare:");
    assertThat(run(Map.of(), "--help").out()).startsWith("Usage:");
  }

  @Test
  void help_helpSubcommand_speaksTheChosenLanguageToo() {
    var help = run("--locale", "ro", "help", "unlock");

    assertThat(help.code()).isZero();
    assertThat(help.out()).startsWith("Utilizare: acctadmin unlock")
        .contains("Deblochează un cont", "Opțiuni:");
  }

  @Test
  void help_pseudoLocale_everyDescriptionFromTheBundle() {
    var help = run("--locale", "qps", "unlock", "--help");

    assertThat(help.out()).startsWith("[Ûšåĝé: ~] acctadmin unlock")
        .contains("[Ûñļöçķ åñ åççöûñţ", "[Šĥöŵ ţĥé þļåñ, çĥåñĝé ñöţĥîñĝ.");
  }

  @Test
  void usageError_unknownOption_saysSoAndHintsInTheChosenLanguage() {
    var error = run("--locale", "ro", "users", "list", "--no-such-option");

    assertThat(error.code()).isEqualTo(ExitCode.USAGE);
    assertThat(error.err()).isEqualTo("acctadmin users list nu are opțiunea --no-such-option.\n"
        + "Rulați acctadmin users list --help pentru ajutor.\n");
  }

  @Test
  void usageError_beforeTheLocaleFlagIsParsed_stillHintsInThatLocale() {
    var error = run("--no-such-option", "--locale=sv");

    assertThat(error.code()).isEqualTo(ExitCode.USAGE);
    assertThat(error.err()).endsWith("Kör acctadmin --help för hjälp.\n");
  }

  @Test
  void usageError_missingParameter_hintsAtTheSubcommandsHelp() {
    var error = run("--locale", "fr", "unlock");

    assertThat(error.code()).isEqualTo(ExitCode.USAGE);
    assertThat(error.err()).startsWith("Le paramètre USER est obligatoire.\n")
        .endsWith("Exécutez acctadmin unlock --help pour obtenir de l’aide.\n");
  }

  @Test
  void argument_bothFormsAndNothingAfterDoubleDash() {
    assertThat(LocalizedHelp.argument(new String[] {"users", "--locale", "fr"}, "--locale")).isEqualTo("fr");
    assertThat(LocalizedHelp.argument(new String[] {"--locale=ro", "users"}, "--locale")).isEqualTo("ro");
    assertThat(LocalizedHelp.argument(new String[] {"guide", "--", "--locale", "fr"}, "--locale")).isNull();
    assertThat(LocalizedHelp.argument(new String[] {"--locale"}, "--locale")).isNull();
  }
}
