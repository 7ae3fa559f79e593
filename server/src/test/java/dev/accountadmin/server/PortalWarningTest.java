package dev.accountadmin.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accountadmin.v1.ClientApp;
import dev.accountadmin.v1.SignInRequest;
import io.grpc.ManagedChannelBuilder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A portal the server was asked to host and cannot: the operator reads why in their language,
 * and the API serves all the same. (A portal whose port is taken is tested in the portal module,
 * the only one with the portal on its class path.)
 */
@Timeout(120)
final class PortalWarningTest {
  @TempDir Path dir;

  @Test
  void portalJarMissing_isAWarningInTheOperatorsLanguage_andTheApiServes() throws Exception {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    var jar = dir.resolve("no-such/accountadmin-portal.jar").toString();
    try (var server = AccountAdminServer.start(AccountAdminServer.Config.forDataDir(dir.resolve("data"))
        .bootstrapPassword(TestServer.ADMIN_PASSWORD).passwordHasher(TestServer.CHEAP_HASHER)
        .portalPort(18_080).portalJar(jar).environment(Map.of("LANG", "ro_RO.UTF-8"))
        .out(new PrintStream(out, true, StandardCharsets.UTF_8)).err(new PrintStream(err, true, StandardCharsets.UTF_8)))) {
      assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("Portalul web nu a pornit: fișierul său " + jar
          + " lipsește. API-ul continuă să funcționeze fără portal. Construiți-l cu mvn -q package -DskipTests"
          + " sau dezactivați portalul cu --portal-port 0.\n");
      assertThat(out.toString(StandardCharsets.UTF_8)).contains("AccountAdmin ready on").doesNotContain("portal ready");

      var channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
      try {
        var signedIn = dev.accountadmin.v1.AuthGrpc.newBlockingStub(channel).signIn(SignInRequest.newBuilder()
            .setUserPrincipalName(TestServer.ADMIN).setPassword(TestServer.ADMIN_PASSWORD)
            .setClientApp(ClientApp.CLIENT_APP_ADMIN_API).build());
        assertThat(signedIn.getAccessToken()).isNotEmpty();
      } finally {
        channel.shutdownNow();
      }
    }
  }
}
