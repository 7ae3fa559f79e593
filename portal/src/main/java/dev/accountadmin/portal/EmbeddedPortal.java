package dev.accountadmin.portal;

import dev.accountadmin.client.AccountAdminClient;
import io.grpc.ManagedChannel;
import java.io.PrintStream;
import java.util.Map;

/**
 * The portal as the AccountAdmin server hosts it, over an in-process channel to itself. The server
 * finds this class by name (it does not depend on the portal at build time, which would make a
 * cycle: the portal's tests run a server) and passes only JDK and gRPC types.
 */
public final class EmbeddedPortal {
  private EmbeddedPortal() {}

  /**
   * Starts the portal and prints its ready line with its address.
   *
   * @param settings "bind", "port", and for TLS "tlsCert" and "tlsKey", or "keystore" and "keystorePassword"
   */
  public static AutoCloseable start(ManagedChannel channel, Map<String, String> settings, PrintStream out) {
    // Libraries that look up resources through the thread's loader find the portal's own.
    var thread = Thread.currentThread();
    var before = thread.getContextClassLoader();
    thread.setContextClassLoader(EmbeddedPortal.class.getClassLoader());
    Portal portal;
    try {
      portal = Portal.start(AccountAdminClient.over(channel, "in-process"), PortalSettings.fromMap(settings));
    } finally {
      thread.setContextClassLoader(before);
    }
    out.printf("AccountAdmin portal ready on %s%n", portal.url());
    out.flush();
    return portal;
  }
}
