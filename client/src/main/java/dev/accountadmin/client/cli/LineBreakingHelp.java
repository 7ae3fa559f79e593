package dev.accountadmin.client.cli;

import java.util.List;
import java.util.Map;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.Column.Overflow;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Picocli's usage help with every wrapped text (descriptions, options, parameters, commands, exit
 * codes) laid out in a {@link LineBreakingTable}, so that no line ends after an elided article or
 * inside an e-mail address. Where picocli builds a table itself, this builds the same one.
 */
final class LineBreakingHelp extends Help {

  LineBreakingHelp(CommandSpec spec, ColorScheme colorScheme) {
    super(spec, colorScheme);
  }

  @Override
  public Layout createDefaultLayout(List<OptionSpec> options, List<PositionalParamSpec> positionals,
      ColorScheme colorScheme) {
    Layout layout = super.createDefaultLayout(options, positionals, colorScheme);
    return new Layout(colorScheme, LineBreakingTable.like(layout.textTable(), colorScheme),
        layout.optionRenderer(), layout.parameterRenderer());
  }

  /** The two-column table picocli lists exit codes in. */
  @Override
  public TextTable createTextTable(Map<?, ?> map) {
    TextTable model = super.createTextTable(Map.of());
    if (map != null && !map.isEmpty()) {
      model = super.createTextTable(Map.of(longestKey(map), ""));
    }
    var table = LineBreakingTable.like(model, colorScheme());
    if (map != null) {
      map.forEach((key, value) -> table.addRowValues(format(String.valueOf(key)), format(String.valueOf(value))));
    }
    return table;
  }

  @Override
  public String commandList(Map<String, Help> subcommands) {
    if (subcommands.isEmpty()) {
      return "";
    }
    int width = width();
    int commandLength = Math.min(subcommands.keySet().stream().mapToInt(String::length).max().orElse(0), width / 2);
    var table = LineBreakingTable.of(colorScheme(),
        new Column(commandLength + 2, 2, Overflow.SPAN), new Column(width - (commandLength + 2), 2, Overflow.WRAP));
    table.setAdjustLineBreaksForWideCJKCharacters(commandSpec().usageMessage().adjustLineBreaksForWideCJKCharacters());
    subcommands.forEach((name, help) -> {
      var usage = help.commandSpec().usageMessage();
      String summary = usage.header().length > 0 ? usage.header()[0]
          : usage.description().length > 0 ? usage.description()[0] : "";
      Text[] lines = colorScheme().text(format(summary)).splitLines();
      for (int i = 0; i < lines.length; i++) {
        table.addRowValues(i == 0 ? help.commandNamesText(", ") : colorScheme().text(""), lines[i]);
      }
    });
    return table.toString();
  }

  @Override
  public String description(Object... params) {
    return paragraphs(commandSpec().usageMessage().description(), params);
  }

  @Override
  public String header(Object... params) {
    return paragraphs(commandSpec().usageMessage().header(), params);
  }

  @Override
  public String footer(Object... params) {
    return paragraphs(commandSpec().usageMessage().footer(), params);
  }

  // Lines of text across the whole width, as picocli lays out a description, header or footer.
  private String paragraphs(String[] lines, Object... params) {
    var table = LineBreakingTable.of(colorScheme(), new Column(width(), 0, Overflow.WRAP));
    table.setAdjustLineBreaksForWideCJKCharacters(commandSpec().usageMessage().adjustLineBreaksForWideCJKCharacters());
    table.indentWrappedLines = 0;
    for (String line : lines) {
      table.addRowValues(colorScheme().text(format(line, params)));
    }
    return table.toString();
  }

  private int width() {
    return commandSpec().usageMessage().width();
  }

  private static String longestKey(Map<?, ?> map) {
    return map.keySet().stream().map(String::valueOf).reduce("", (a, b) -> b.length() > a.length() ? b : a);
  }

  // Picocli passes every help text through String.format (HelpBundle escapes the % signs).
  private static String format(String text, Object... params) {
    return text == null ? "" : String.format(text, params);
  }
}
