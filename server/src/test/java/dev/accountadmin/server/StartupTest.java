package dev.accountadmin.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What the server does before it serves: bind, then a private data directory, then bootstrap. */
// A server that starts when it should have refused would serve until killed.
@Timeout(120)
final class StartupTest {
  @TempDir Path dir;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void portInUse_createsNothing_printsNoPassword_andExitsThreeWithALocalizedHint() throws Exception {
    var data = dir.resolve("data");
    try (var taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int code = run(Map.of("LANG", "fr_FR.UTF-8"), "--port", Integer.toString(taken.getLocalPort()),
          "--data-dir", data.toString());

      assertThat(code).isEqualTo(3);
      assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("Le serveur n’a pas démarré\u00A0: le port "
          + taken.getLocalPort() + " sur 127.0.0.1 est déjà utilisé, par un autre serveur AccountAdmin ou un autre"
          + " programme. Rien n’a été créé ni modifié. Arrêtez ce programme, ou choisissez un autre port avec --port"
          + " (ou ACCOUNTADMIN_PORT).\n");
    }
    assertThat(data).doesNotExist();
    assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("password");
  }

  @Test
  void passwordHashWeakerThanEveryOwaspConfiguration_isRefused_inTheOperatorsLanguage_beforeAnythingIsCreated() {
    var data = dir.resolve("data");
    int code = run(Map.of("LANG", "sv_SE.UTF-8"), "--port", "0", "--data-dir", data.toString(),
        "--password-hash-memory-kib", "9216", "--password-hash-iterations", "3");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith(
        "Servern startade inte: Argon2id med 9216 KiB och 3 iterationer är svagare än alla konfigurationer som OWASP rekommenderar.");
    assertThat(data).doesNotExist();
  }

  @Test
  void newDataDirectory_andItsDatabase_areReadableByTheServersUserOnly() throws Exception {
    var data = dir.resolve("data");
    try (var server = AccountAdminServer.start(AccountAdminServer.Config.forDataDir(data)
        .bootstrapPassword(TestServer.ADMIN_PASSWORD).out(new PrintStream(out, true, StandardCharsets.UTF_8)))) {
      assertThat(server.port()).isPositive();
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
    try (var files = Files.list(data)) {
      assertThat(files.toList()).isNotEmpty().allSatisfy(file ->
          assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString()).isEqualTo("rw-------"));
    }
  }

  @Test
  void databaseReadableByEveryone_isRefused_withTheCommandsThatFixIt() throws Exception {
    var data = dir.resolve("data");
    AccountAdminServer.start(AccountAdminServer.Config.forDataDir(data).bootstrapPassword(TestServer.ADMIN_PASSWORD)
        .out(new PrintStream(out, true, StandardCharsets.UTF_8))).close();
    var database = data.resolve("accountadmin.db");
    Files.setPosixFilePermissions(database, PosixFilePermissions.fromString("rw-r--r--"));

    int code = run(Map.of("LANG", "en_US.UTF-8"), "--port", "0", "--data-dir", data.toString());

    assertThat(code).isEqualTo(4);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("anyone on this machine can read " + database.toAbsolutePath().normalize(),
        "chmod 600 " + database.toAbsolutePath().normalize(), "chmod 700 " + data.toAbsolutePath().normalize());
  }

  private int run(Map<String, String> env, String... args) {
    var stdout = System.out;
    // Config prints to System.out, as the launcher's does: capture it to see what was printed.
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      return AccountAdminServer.commandLine(env, new PrintStream(err, true, StandardCharsets.UTF_8)).execute(args);
    } finally {
      System.setOut(stdout);
    }
  }
}
