package dev.accountadmin.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqliteNativeTest {
  @Test
  void theDriversFolder_isNamedAsTheDriverNamesIt_andUnknownSystemsGetNone() {
    assertThat(SqliteNative.folder("Linux", "amd64")).isEqualTo("Linux/x86_64");
    assertThat(SqliteNative.folder("Linux", "aarch64")).isEqualTo("Linux/aarch64");
    assertThat(SqliteNative.folder("Mac OS X", "aarch64")).isEqualTo("Mac/aarch64");
    assertThat(SqliteNative.folder("Mac OS X", "x86_64")).isEqualTo("Mac/x86_64");
    assertThat(SqliteNative.folder("Windows 11", "amd64")).isNull();
    assertThat(SqliteNative.folder("Linux", "riscv64")).isNull();
  }

  /**
   * The build unpacks the library where the server's jar looks for it: the folder the driver's jar
   * names for this machine holds the library (this runs after the package phase's unpack only in a
   * packaged build, so it checks the layout, not a given path).
   */
  @Test
  void theDriversJar_holdsTheLibraryUnderTheFolderThisClassNames() throws Exception {
    var folder = SqliteNative.folder(System.getProperty("os.name"), System.getProperty("os.arch"));
    assertThat(folder).as("this machine is one the build unpacks a library for").isNotNull();
    var name = folder.startsWith("Mac") ? "libsqlitejdbc.dylib" : "libsqlitejdbc.so";
    assertThat(org.sqlite.JDBC.class.getResource("/org/sqlite/native/" + folder + "/" + name)).isNotNull();
  }
}
