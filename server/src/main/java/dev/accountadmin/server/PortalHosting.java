package dev.accountadmin.server;

import dev.accountadmin.i18n.Messages;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.util.MutableHandlerRegistry;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The web portal the server hosts, reaching the API over an in-process channel to the same
 * services the network port serves (so the same interceptors, permissions and audit apply).
 *
 * <p>The portal is a module of its own that depends on the client, whose tests run this server:
 * a build-time dependency of the server on the portal would be a cycle. So the server finds the
 * portal at run time, by class name: on its own class path (tests, an uber class path), or in the
 * jar {@code bin/accountadmin-server} names with {@code -Daccountadmin.portal.jar} (the portal's
 * jar, whose manifest brings its libraries). No portal found: the server runs without one.
 */
final class PortalHosting implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(PortalHosting.class.getName());
  static final String ENTRY = "dev.accountadmin.portal.EmbeddedPortal";
  static final String JAR_PROPERTY = "accountadmin.portal.jar";

  private final Server inProcess;
  private final ManagedChannel channel;
  private final AutoCloseable portal;

  private PortalHosting(Server inProcess, ManagedChannel channel, AutoCloseable portal) {
    this.inProcess = inProcess;
    this.channel = channel;
    this.portal = portal;
  }

  /**
   * Starts the portal, which prints its own ready line; null when there is no portal to start.
   * A portal that cannot start (its port taken, a bad certificate) is reported on {@code err}
   * and the gRPC server goes on without it.
   */
  static PortalHosting start(MutableHandlerRegistry services, Map<String, String> settings, String jar, PrintStream out,
      PrintStream err, Messages messages) {
    var entry = entryPoint(jar);
    if (entry == null) {
      if (jar != null) {
        // The launcher names the portal's jar: without it the operator expects a portal and gets none.
        warn(err, messages, "server.portalNotStarted.missing", Map.of("jar", jar));
      } else {
        LOG.info("no web portal on the class path and none named by -D" + JAR_PROPERTY + ": serving the API only");
      }
      return null;
    }
    var name = "accountadmin-portal-" + UUID.randomUUID();
    Server inProcess = null;
    ManagedChannel channel = null;
    try {
      inProcess = InProcessServerBuilder.forName(name).fallbackHandlerRegistry(services).build().start();
      channel = InProcessChannelBuilder.forName(name).build();
      var portal = (AutoCloseable) entry.getMethod("start", ManagedChannel.class, Map.class, PrintStream.class)
          .invoke(null, channel, settings, out);
      return new PortalHosting(inProcess, channel, portal);
    } catch (InvocationTargetException e) {
      var cause = e.getCause() == null ? e : e.getCause();
      if (portInUse(cause)) {
        warn(err, messages, "server.portalNotStarted.portInUse", Map.of("bind", settings.get("bind"),
            "port", settings.get("port")));
      } else {
        warn(err, messages, "server.portalNotStarted.failed", Map.of("bind", settings.get("bind"),
            "port", settings.get("port"), "problem", describe(cause)));
      }
    } catch (IOException | ReflectiveOperationException | ClassCastException e) {
      warn(err, messages, "server.portalNotStarted.failed", Map.of("bind", settings.get("bind"),
          "port", settings.get("port"), "problem", describe(e)));
    }
    if (channel != null) {
      channel.shutdownNow();
    }
    if (inProcess != null) {
      inProcess.shutdownNow();
    }
    return null;
  }

  /** One sentence in the operator's language; the API goes on serving, which the sentence says. */
  private static void warn(PrintStream err, Messages messages, String key, Map<String, String> args) {
    err.println(messages.render(key, args));
    err.flush();
  }

  private static boolean portInUse(Throwable e) {
    for (var t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.BindException) {
        return true;
      }
    }
    return false;
  }

  // The exception's class and message (a file name, a certificate's problem): never a secret of ours.
  private static String describe(Throwable e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  private static Class<?> entryPoint(String jar) {
    try {
      return Class.forName(ENTRY);
    } catch (ClassNotFoundException e) {
      // Not on our class path: perhaps in the jar the launcher names.
    }
    if (jar == null || !new File(jar).isFile()) {
      return null;
    }
    try {
      // Parent first: the portal shares this server's gRPC, protobuf and bundle classes.
      var loader = new URLClassLoader(new URL[] {new File(jar).toURI().toURL()}, PortalHosting.class.getClassLoader());
      return Class.forName(ENTRY, true, loader);
    } catch (MalformedURLException | ClassNotFoundException e) {
      return null;
    }
  }

  @Override
  public void close() {
    try {
      portal.close();
    } catch (Exception e) {
      LOG.log(Level.WARNING, "the portal did not stop cleanly: {0}", e.getClass().getName());
    }
    channel.shutdown();
    inProcess.shutdown();
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
      inProcess.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    channel.shutdownNow();
    inProcess.shutdownNow();
  }
}
