package dev.accountadmin.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accountadmin.client.AccountAdminClient;
import dev.accountadmin.server.AccountAdminServer;
import dev.accountadmin.server.auth.PasswordHasher;
import dev.accountadmin.v1.ClientApp;
import dev.accountadmin.v1.SignInRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server hosting the real portal on a port another program holds: the operator reads a
 * warning in their language, and the API serves all the same. Here, since only this module has
 * the portal on its class path.
 */
@Timeout(120)
class PortalPortTakenTest {
  @TempDir
  Path dir;

  @Test
  void portalPortTaken_isAWarningInTheOperatorsLanguage_andTheApiServes() throws Exception {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    try (var taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        var server = AccountAdminServer.start(AccountAdminServer.Config.forDataDir(dir.resolve("data"))
            .bootstrapPassword(HostedPortal.ADMIN_PASSWORD).passwordHasher(new PasswordHasher(1024, 1, 1))
            .portalPort(taken.getLocalPort()).environment(Map.of("LANG", "fr_FR.UTF-8"))
            .out(new PrintStream(out, true, StandardCharsets.UTF_8))
            .err(new PrintStream(err, true, StandardCharsets.UTF_8)));
        var client = AccountAdminClient.connect("127.0.0.1:" + server.port(), null)) {
      assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("Le portail web n’a pas démarré\u00A0: le port "
          + taken.getLocalPort() + " sur 127.0.0.1 est déjà utilisé, par un autre programme ou un autre serveur"
          + " AccountAdmin. L’API continue de répondre sans le portail. Arrêtez ce programme, ou choisissez un autre"
          + " port avec --portal-port (ou ACCOUNTADMIN_PORTAL_PORT)\u00A0; --portal-port 0 désactive le portail.\n");
      assertThat(out.toString(StandardCharsets.UTF_8)).contains("AccountAdmin ready on").doesNotContain("portal ready");

      var signedIn = client.auth(s -> s.signIn(SignInRequest.newBuilder().setUserPrincipalName(HostedPortal.ADMIN)
          .setPassword(HostedPortal.ADMIN_PASSWORD).setClientApp(ClientApp.CLIENT_APP_ADMIN_API).build()));
      assertThat(signedIn.getAccessToken()).isNotEmpty();
    }
  }
}
