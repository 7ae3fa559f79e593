package dev.accountadmin.server;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * The data directory and its SQLite file, which hold the token-signing key: created readable by
 * the server's own user only (0700 and 0600; SQLite gives its -wal and -shm files the database
 * file's mode), and refused when an existing database can be read by anyone on the machine.
 * On a file system without POSIX permissions there is nothing to set or check.
 */
final class DataDirectory {
  private DataDirectory() {}

  /** Prepares {@code database} (a SQLite file) and the directory it lives in. */
  static void prepare(Path database) throws IOException {
    var dir = database.toAbsolutePath().getParent();
    if (!posix(dir.getRoot())) {
      Files.createDirectories(dir);
      return;
    }
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir.getParent());
      try {
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } catch (FileAlreadyExistsException raced) {
        // Another process made it first: checked like any existing directory below.
      }
    }
    if (!Files.exists(database) || Files.size(database) == 0) {
      // A new database holds no secret yet: make it private before the first key is written.
      if (!Files.exists(database)) {
        Files.createFile(database, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } else {
        Files.setPosixFilePermissions(database, PosixFilePermissions.fromString("rw-------"));
      }
      return;
    }
    for (var file : new Path[] {database, sibling(database, "-wal"), sibling(database, "-shm")}) {
      if (Files.exists(file) && Files.getPosixFilePermissions(file).contains(PosixFilePermission.OTHERS_READ)) {
        throw new StartupFailure(StartupFailure.Kind.DATABASE_READABLE_BY_OTHERS,
            Map.of("file", file.toString(), "directory", dir.toString()), null);
      }
    }
  }

  private static Path sibling(Path database, String suffix) {
    return database.resolveSibling(database.getFileName() + suffix);
  }

  private static boolean posix(Path root) {
    return root != null && root.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
