package dev.accountadmin.client.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The signed-in session of {@code acctadmin login}, kept in the user's config directory
 * ({@code $XDG_CONFIG_HOME/acctadmin/credentials}, else {@code ~/.config/acctadmin/credentials})
 * and readable by its owner only. Tokens are never printed.
 */
record Credentials(String server, String user, String accessToken, Instant accessExpiresAt, String refreshToken) {

  static Path file(Map<String, String> env) {
    var config = env.get("XDG_CONFIG_HOME");
    var base = config != null && !config.isBlank()
        ? Path.of(config)
        : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".config");
    return base.resolve("acctadmin").resolve("credentials");
  }

  static Optional<Credentials> load(Path file) throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    var properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    }
    try {
      return Optional.of(new Credentials(properties.getProperty("server"), properties.getProperty("user"),
          properties.getProperty("access_token"), Instant.parse(properties.getProperty("access_expires_at")),
          properties.getProperty("refresh_token")));
    } catch (RuntimeException e) {
      // A damaged file is as good as none: the user logs in again.
      return Optional.empty();
    }
  }

  void save(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    var owner = PosixFilePermissions.fromString("rw-------");
    var temporary = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(temporary);
    // Created 0600 before anything is written to it, then moved over the old file.
    Files.createFile(temporary, PosixFilePermissions.asFileAttribute(owner));
    var properties = new Properties();
    properties.setProperty("server", server);
    properties.setProperty("user", user);
    properties.setProperty("access_token", accessToken);
    properties.setProperty("access_expires_at", accessExpiresAt.toString());
    properties.setProperty("refresh_token", refreshToken);
    try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8, StandardOpenOption.WRITE)) {
      properties.store(writer, "acctadmin session; keep private");
    }
    Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  static void delete(Path file) throws IOException {
    Files.deleteIfExists(file);
  }

  @Override
  public String toString() {
    return "Credentials[server=" + server + ", user=" + user + "]";
  }
}
