package dev.accountadmin.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The --directories file as the operator meets it: a secret written in the file, or one whose
 * environment variable is not set, stops the server in the operator's language (exit code 2)
 * before anything is created, and the message never holds the secret.
 */
@Timeout(120)
final class DirectoriesFileTest {
  static final String AD = """
      [directories.corp]
      type = "active-directory"
      url = "ldaps://dc1.corp.example.com:636"
      bind_dn = "CN=svc-accountadmin,OU=Service,DC=corp,DC=example,DC=com"
      base_dn = "DC=corp,DC=example,DC=com"
      upn_suffixes = ["corp.example.com"]
      """;

  @TempDir Path dir;
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  int start(Path file, Map<String, String> env) {
    var stdout = System.out;
    System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try {
      return AccountAdminServer.commandLine(env, new PrintStream(err, true, StandardCharsets.UTF_8))
          .execute("--port", "0", "--data-dir", dir.resolve("data").toString(), "--directories", file.toString());
    } finally {
      System.setOut(stdout);
    }
  }

  @Test
  void aPasswordWrittenInTheFile_isRefused_withoutRepeatingIt() throws Exception {
    var file = Files.writeString(dir.resolve("directories.toml"), AD + "bind_password = \"Sekret-In-File-9\"\n");
    assertThat(start(file, Map.of("LANG", "fr_FR.UTF-8"))).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("Le serveur n’a pas démarré\u00A0: il ne peut pas utiliser le fichier d’annuaires " + file)
        .contains("bind_password_env").doesNotContain("Sekret-In-File-9");
    assertThat(dir.resolve("data")).doesNotExist();
  }

  @Test
  void aSecretFromAnUnsetVariable_isRefused_namingTheVariable() throws Exception {
    var file = Files.writeString(dir.resolve("directories.toml"), AD + "bind_password_env = \"CORP_BIND_PASSWORD\"\n");
    assertThat(start(file, Map.of("LANG", "en_US.UTF-8"))).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("directories file " + file)
        .contains("CORP_BIND_PASSWORD").contains("Nothing was created or changed");
    assertThat(dir.resolve("data")).doesNotExist();
  }

  @Test
  void aPlainLdapUrl_isRefused_forAPasswordWouldTravelInTheClear() throws Exception {
    var file = Files.writeString(dir.resolve("directories.toml"), AD.replace("ldaps://dc1.corp.example.com:636",
        "ldap://dc1.corp.example.com:389") + "bind_password_env = \"CORP_BIND_PASSWORD\"\n");
    assertThat(start(file, Map.of("LANG", "sv_SE.UTF-8", "CORP_BIND_PASSWORD", "Env-Secret-Pass-1"))).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("Servern startade inte").contains("start_tls")
        .doesNotContain("Env-Secret-Pass-1");
  }
}
