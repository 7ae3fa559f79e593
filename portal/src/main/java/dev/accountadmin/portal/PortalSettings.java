package dev.accountadmin.portal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Where and how the portal listens. TLS comes from a PEM certificate chain and key, or from a
 * PKCS#12 keystore; with neither, the portal speaks plain HTTP (fit for loopback only).
 *
 * @param sessionIdle how long a signed-in admin may leave the portal alone before signing in again
 */
public record PortalSettings(String bind, int port, Path tlsCert, Path tlsKey, Path keystore,
    String keystorePassword, Duration sessionIdle, Clock clock) {

  public static final Duration DEFAULT_SESSION_IDLE = Duration.ofMinutes(30);

  public static PortalSettings plain(String bind, int port) {
    return new PortalSettings(bind, port, null, null, null, null, DEFAULT_SESSION_IDLE, Clock.systemUTC());
  }

  /** The settings the server passes to the portal it hosts, by name: see {@code EmbeddedPortal}. */
  static PortalSettings fromMap(Map<String, String> settings) {
    return new PortalSettings(settings.getOrDefault("bind", "127.0.0.1"),
        Integer.parseInt(settings.getOrDefault("port", "8080")),
        path(settings.get("tlsCert")), path(settings.get("tlsKey")), path(settings.get("keystore")),
        settings.get("keystorePassword"), DEFAULT_SESSION_IDLE, Clock.systemUTC());
  }

  private static Path path(String value) {
    return value == null || value.isBlank() ? null : Path.of(value);
  }

  public boolean tls() {
    return tlsCert != null || keystore != null;
  }

  public PortalSettings withClock(Clock value) {
    return new PortalSettings(bind, port, tlsCert, tlsKey, keystore, keystorePassword, sessionIdle, value);
  }

  public PortalSettings withTls(Path cert, Path key) {
    return new PortalSettings(bind, port, cert, key, keystore, keystorePassword, sessionIdle, clock);
  }

  public PortalSettings withKeystore(Path file, String password) {
    return new PortalSettings(bind, port, tlsCert, tlsKey, file, password, sessionIdle, clock);
  }
}
