package dev.accountadmin.server.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Points the SQLite driver at the native library the build unpacked beside the server's jar
 * ({@code lib/sqlite-native}). Without it the driver extracts its own copy from its jar into the
 * temporary directory on every start, which was a tenth of a second of a one-second start. When
 * the server does not run from its jar, on a machine the build unpacked nothing for, or when the
 * operator chose a library with the driver's own properties, the driver does as it always does;
 * it also falls back to extracting when the library here will not load.
 */
public final class SqliteNative {
  private static final String PATH = "org.sqlite.lib.path";
  private static final String NAME = "org.sqlite.lib.name";

  private SqliteNative() {}

  /** Sets the driver's library properties, once, before its first connection. */
  public static void useUnpacked() {
    if (System.getProperty(PATH) != null || System.getProperty(NAME) != null) {
      return;
    }
    var folder = folder(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
    var jar = jar();
    if (folder == null || jar == null) {
      return;
    }
    var library = jar.resolveSibling("lib").resolve("sqlite-native/org/sqlite/native").resolve(folder);
    var name = folder.startsWith("Mac") ? "libsqlitejdbc.dylib" : "libsqlitejdbc.so";
    if (Files.isRegularFile(library.resolve(name))) {
      System.setProperty(PATH, library.toString());
      System.setProperty(NAME, name);
    }
  }

  /** The driver's folder for this system, such as {@code Linux/x86_64}; null for any other. */
  static String folder(String osName, String osArch) {
    var os = osName.toLowerCase(Locale.ROOT);
    var system = os.startsWith("linux") ? "Linux" : os.startsWith("mac") ? "Mac" : null;
    var arch = switch (osArch.toLowerCase(Locale.ROOT)) {
      case "amd64", "x86_64" -> "x86_64";
      case "aarch64", "arm64" -> "aarch64";
      default -> null;
    };
    return system == null || arch == null ? null : system + "/" + arch;
  }

  private static Path jar() {
    try {
      var source = SqliteNative.class.getProtectionDomain().getCodeSource();
      var path = source == null ? null : Path.of(source.getLocation().toURI());
      return path != null && path.toString().endsWith(".jar") ? path : null;
    } catch (java.net.URISyntaxException | SecurityException | IllegalArgumentException e) {
      return null;
    }
  }
}
