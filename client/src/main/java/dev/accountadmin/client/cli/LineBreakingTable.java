package dev.accountadmin.client.cli;

import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.util.ULocale;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.TextTable;

/**
 * A picocli text table whose wrapping column breaks lines only where Unicode's line-breaking rules
 * (ICU, UAX #14) allow. Picocli wraps with the JDK's older rules, which break after an apostrophe
 * ("d’⏎un", "l’⏎envoi") and after the dot of an address ("alex@contoso.⏎com").
 */
final class LineBreakingTable extends TextTable {

  private LineBreakingTable(ColorScheme colorScheme, Column... columns) {
    super(colorScheme, columns);
  }

  /** An empty table with these columns. */
  static LineBreakingTable of(ColorScheme colorScheme, Column... columns) {
    return new LineBreakingTable(colorScheme, columns);
  }

  /** An empty table with the columns and settings of {@code model}. */
  static LineBreakingTable like(TextTable model, ColorScheme colorScheme) {
    Column[] columns = Arrays.stream(model.columns())
        .map(c -> new Column(c.width, c.indent, c.overflow))
        .toArray(Column[]::new);
    var table = new LineBreakingTable(colorScheme, columns);
    table.indentWrappedLines = model.indentWrappedLines;
    table.setAdjustLineBreaksForWideCJKCharacters(model.isAdjustLineBreaksForWideCJKCharacters());
    return table;
  }

  /**
   * Puts a value in the last, wrapping column one line at a time, each short enough that picocli
   * writes it whole; any other value, picocli places as usual.
   */
  @Override
  public Cell putValue(int row, int col, Text value) {
    Column column = columns()[col];
    if (value == null || column.overflow != Column.Overflow.WRAP || col != columns().length - 1) {
      return super.putValue(row, col, value);
    }
    int indent = column.indent;
    List<Integer> ends = lineEnds(value.plainString(), column.width - indent,
        column.width - indent - indentWrappedLines);
    Cell cell = null;
    int start = 0;
    for (int i = 0; i < ends.size(); i++) {
      if (i > 0) {
        addEmptyRow();
        row = rowCount() - 1;
        // Continuation lines are indented further, as picocli does.
        column.indent = indent + indentWrappedLines;
      }
      try {
        cell = super.putValue(row, col, value.substring(start, ends.get(i)));
      } finally {
        column.indent = indent;
      }
      start = ends.get(i);
    }
    return cell;
  }

  /**
   * Where each line of {@code text} ends: as many whole segments (a word and the spaces after it)
   * as fit in the width, the first line {@code firstWidth} wide and the others {@code nextWidth}; a
   * segment longer than a whole line is cut where the line is full.
   */
  static List<Integer> lineEnds(String text, int firstWidth, int nextWidth) {
    var breaks = BreakIterator.getLineInstance(ULocale.ROOT);
    // Never at a hyphen, as in picocli: "--dry-run" and "e-mail" stay whole.
    breaks.setText(text.replace('-', 'a'));
    var ends = new ArrayList<Integer>();
    int width = Math.max(1, firstWidth);
    int lineStart = 0;
    int fitted = 0;
    for (int end = breaks.next(); end != BreakIterator.DONE; end = breaks.next()) {
      if (end - lineStart > width && fitted > lineStart) {
        ends.add(fitted);
        lineStart = fitted;
        width = Math.max(1, nextWidth);
      }
      while (end - lineStart > width) {
        lineStart += width;
        ends.add(lineStart);
        width = Math.max(1, nextWidth);
      }
      fitted = end;
    }
    if (ends.isEmpty() || lineStart < text.length()) {
      ends.add(text.length());
    }
    return ends;
  }
}
