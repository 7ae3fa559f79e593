package dev.accountadmin.client.cli;

import dev.accountadmin.client.AccountAdminException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;

/** The {@code --from-file} CSV of users that {@code offboard} and {@code restore} read. */
final class UsersFile {
  private UsersFile() {}

  /** A user principal name from a CSV file, and the line (from 1) it is on. */
  record User(String upn, int line) {}

  /** User principal names from a CSV file: a header names the column, else the first column. */
  static List<User> read(CommandLine commandLine, Path file) throws IOException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException | AccessDeniedException e) {
      throw new UsageError(commandLine, "--from-file", "FILE_NOT_FOUND", "cli.usage.fileNotFound", Map.of("file", file.toString()));
    }
    var users = new ArrayList<User>();
    int column = 0;
    boolean first = true;
    for (int number = 1; number <= lines.size(); number++) {
      var line = lines.get(number - 1).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      var cells = line.split(",", -1);
      if (first) {
        first = false;
        int header = -1;
        for (int i = 0; i < cells.length; i++) {
          var name = unquote(cells[i]).toLowerCase(Locale.ROOT);
          if (List.of("userprincipalname", "upn", "user", "email", "mail").contains(name)) {
            header = i;
          }
        }
        if (header >= 0) {
          column = header;
          continue;
        }
      }
      if (column < cells.length && !unquote(cells[column]).isEmpty()) {
        users.add(new User(unquote(cells[column]), number));
      }
    }
    if (users.isEmpty()) {
      throw new AccountAdminException(io.grpc.Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT",
          Map.of("violationCount", "1"), List.of(new AccountAdminException.Violation("--from-file", "REQUIRED", file.toString())), null, null);
    }
    return users;
  }

  private static String unquote(String cell) {
    var s = cell.strip();
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1).replace("\"\"", "\"") : s;
  }
}
