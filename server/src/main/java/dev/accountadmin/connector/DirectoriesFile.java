package dev.accountadmin.connector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The external directories file ({@code --directories FILE}), in TOML: one table per directory,
 * {@code [directories.NAME]}, with its connector {@code type}, the {@code upn_suffixes} it holds
 * and the connector's own settings. Secrets are never in the file: a setting ending in
 * {@code _env} names an environment variable, one ending in {@code _file} a file, that holds it.
 */
public final class DirectoriesFile {

  /** One configured directory: its name, connector type, UPN suffixes and settings. */
  public record Entry(String name, String type, List<String> upnSuffixes, Settings settings) {}

  /** A directory's settings, read by name, with its secrets resolved from the environment or a file. */
  public static final class Settings {
    private final String directory;
    private final JsonNode node;
    private final Map<String, String> env;

    Settings(String directory, JsonNode node, Map<String, String> env) {
      this.directory = directory;
      this.node = node;
      this.env = env;
    }

    /** A required text setting. */
    public String text(String key) {
      var value = node.get(key);
      if (value == null || !value.isTextual() || value.asText().isBlank()) {
        throw invalid(directory, "needs the setting " + key);
      }
      return value.asText();
    }

    /** An optional text setting; {@code fallback} when absent. */
    public String text(String key, String fallback) {
      var value = node.get(key);
      return value == null ? fallback : text(key);
    }

    public boolean flag(String key, boolean fallback) {
      var value = node.get(key);
      if (value == null) {
        return fallback;
      }
      if (!value.isBoolean()) {
        throw invalid(directory, "setting " + key + " must be true or false");
      }
      return value.asBoolean();
    }

    public long number(String key, long fallback) {
      var value = node.get(key);
      if (value == null) {
        return fallback;
      }
      if (!value.canConvertToLong()) {
        throw invalid(directory, "setting " + key + " must be a whole number");
      }
      return value.asLong();
    }

    /** A table of lists of text ({@code [directories.NAME.KEY]}); empty when absent. */
    public Map<String, List<String>> lists(String key) {
      var value = node.get(key);
      var lists = new java.util.LinkedHashMap<String, List<String>>();
      if (value == null) {
        return lists;
      }
      value.fields().forEachRemaining(e -> {
        var items = new ArrayList<String>();
        e.getValue().forEach(item -> items.add(item.asText()));
        lists.put(e.getKey(), items);
      });
      return lists;
    }

    /**
     * The secret {@code key}: from the environment variable named by {@code KEY_env}, or the
     * file named by {@code KEY_file} (its first line); never from the file itself.
     */
    public String secret(String key) {
      if (node.has(key)) {
        throw invalid(directory, "keeps " + key + " in the file: name an environment variable (" + key
            + "_env) or a file (" + key + "_file) instead");
      }
      var fromEnv = node.get(key + "_env");
      var fromFile = node.get(key + "_file");
      if ((fromEnv == null) == (fromFile == null)) {
        throw invalid(directory, "needs exactly one of " + key + "_env and " + key + "_file");
      }
      if (fromEnv != null) {
        var value = env.get(fromEnv.asText());
        if (value == null || value.isEmpty()) {
          throw invalid(directory, "names the environment variable " + fromEnv.asText() + " for " + key
              + ", which is not set");
        }
        return value;
      }
      try {
        var lines = Files.readAllLines(Path.of(fromFile.asText()), StandardCharsets.UTF_8);
        if (lines.isEmpty() || lines.get(0).isEmpty()) {
          throw invalid(directory, "names the file " + fromFile.asText() + " for " + key + ", which is empty");
        }
        return lines.get(0);
      } catch (IOException e) {
        throw invalid(directory, "cannot read the file " + fromFile.asText() + " for " + key);
      }
    }
  }

  private DirectoriesFile() {}

  /** The directories configured in {@code file}, in the file's order. */
  public static List<Entry> read(Path file, Map<String, String> env) {
    JsonNode root;
    try {
      root = new TomlMapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      // The parser's message says where; the file holds no secret, by the rule above.
      throw new IllegalArgumentException("the directories file " + file + " is not valid TOML: " + e.getMessage(), e);
    }
    var entries = new ArrayList<Entry>();
    var directories = root.get("directories");
    if (directories == null || !directories.isObject()) {
      return entries;
    }
    directories.fields().forEachRemaining(e -> {
      var name = e.getKey();
      var node = e.getValue();
      if (!name.matches("[a-z][a-z0-9-]{0,62}")) {
        throw invalid(name, "needs a name of lower-case letters, digits and dashes");
      }
      var settings = new Settings(name, node, env);
      var suffixes = new ArrayList<String>();
      var listed = node.get("upn_suffixes");
      if (listed == null || !listed.isArray() || listed.isEmpty()) {
        throw invalid(name, "needs upn_suffixes, the domains of the user names it holds");
      }
      listed.forEach(s -> suffixes.add(s.asText().toLowerCase(java.util.Locale.ROOT)));
      entries.add(new Entry(name, settings.text("type"), List.copyOf(suffixes), settings));
    });
    return entries;
  }

  static IllegalArgumentException invalid(String directory, String problem) {
    return new IllegalArgumentException("directory " + directory + " " + problem);
  }
}
