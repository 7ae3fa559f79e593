package dev.accountadmin.portal;

import dev.accountadmin.client.AccountAdminClient;
import java.io.File;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code accountadmin-portal --server host:port}: the portal on its own, a client of a remote server. */
@Command(name = "accountadmin-portal", mixinStandardHelpOptions = true,
    description = "Serves the AccountAdmin web portal for an AccountAdmin server.")
public final class PortalMain implements Callable<Integer> {
  @Option(names = "--server", defaultValue = "${env:ACCOUNTADMIN_SERVER:-127.0.0.1:50051}",
      description = "The AccountAdmin server, host:port (ACCOUNTADMIN_SERVER; default ${DEFAULT-VALUE}).")
  String server;

  @Option(names = "--ca", description = "CA certificate (PEM) to trust for a server reached over TLS.")
  File ca;

  @Option(names = "--port", defaultValue = "${env:ACCOUNTADMIN_PORTAL_PORT:-8080}",
      description = "Port to listen on (ACCOUNTADMIN_PORTAL_PORT; default ${DEFAULT-VALUE}); 0 picks a free one.")
  int port;

  @Option(names = "--bind", defaultValue = "${env:ACCOUNTADMIN_PORTAL_BIND:-127.0.0.1}",
      description = "Address to bind (ACCOUNTADMIN_PORTAL_BIND; default ${DEFAULT-VALUE}).")
  String bind;

  @Option(names = "--tls-cert", description = "TLS certificate chain (PEM); with --tls-key the portal speaks HTTPS.")
  Path tlsCert;

  @Option(names = "--tls-key", description = "TLS private key (unencrypted PKCS#8 PEM).")
  Path tlsKey;

  @Option(names = "--tls-keystore", description = "TLS key store (PKCS#12), instead of --tls-cert and --tls-key; "
      + "its password from ACCOUNTADMIN_PORTAL_KEYSTORE_PASSWORD.")
  Path keystore;

  public static void main(String[] args) {
    System.exit(new CommandLine(new PortalMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new CommandLine.ParameterException(new CommandLine(this), "--tls-cert and --tls-key go together");
    }
    var settings = PortalSettings.plain(bind, port).withTls(tlsCert, tlsKey)
        .withKeystore(keystore, System.getenv("ACCOUNTADMIN_PORTAL_KEYSTORE_PASSWORD"));
    var api = AccountAdminClient.connect(server, ca);
    var portal = Portal.start(api, settings);
    System.out.printf("AccountAdmin portal ready on %s (server %s)%n", portal.url(), server);
    var stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      portal.close();
      api.close();
      stopped.countDown();
    }, "portal-shutdown"));
    stopped.await();
    return 0;
  }
}
