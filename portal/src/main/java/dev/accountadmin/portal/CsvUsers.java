package dev.accountadmin.portal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * The user principal names of an uploaded CSV, read as {@code acctadmin offboard --from-file}
 * reads them: a header names the column (userPrincipalName, upn, user, email or mail), else the
 * first column; blank lines and lines starting with # are skipped; a name given twice counts once.
 */
final class CsvUsers {
  private static final List<String> HEADERS = List.of("userprincipalname", "upn", "user", "email", "mail");

  private CsvUsers() {}

  static List<String> read(String text) {
    var users = new LinkedHashSet<String>();
    int column = 0;
    boolean first = true;
    for (var raw : text.split("\\R")) {
      var line = raw.strip();
      if (line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      var cells = line.split(",", -1);
      if (first) {
        first = false;
        int header = -1;
        for (int i = 0; i < cells.length; i++) {
          if (HEADERS.contains(unquote(cells[i]).toLowerCase(Locale.ROOT))) {
            header = i;
          }
        }
        if (header >= 0) {
          column = header;
          continue;
        }
      }
      if (column < cells.length && !unquote(cells[column]).isEmpty()) {
        users.add(unquote(cells[column]));
      }
    }
    return new ArrayList<>(users);
  }

  private static String unquote(String cell) {
    var value = cell.strip();
    return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
        ? value.substring(1, value.length() - 1).replace("\"\"", "\"").strip() : value;
  }
}
