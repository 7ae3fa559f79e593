package dev.accountadmin.connector.keycloak;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * A real Keycloak, started once for the whole test run from the distribution the server module's
 * test build unpacks into target/keycloak ({@code start-dev}: an H2 database in its data dir,
 * wiped before each start, plain HTTP on loopback). {@link KeycloakExtension} hands the one
 * instance to every test class and stops it when the run ends; a shutdown hook stops it too if the
 * JVM ends another way.
 */
final class KeycloakServer implements AutoCloseable {
  static final String ADMIN = "admin";
  // 15 s on an idle machine; over three minutes seen on this 2-core one shared by several builds,
  // booting beside the other tests (KeycloakWarmStart). Past this bound, a clear failure.
  static final Duration START_TIMEOUT = Duration.ofMinutes(6);

  private static CompletableFuture<KeycloakServer> starting;

  private final Process process;
  private final Path log;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  private final String baseUrl;
  private final String adminPassword = TestRealm.password();
  private final Thread hook;
  private String adminToken;
  private Duration startup;
  private TestRealm realm;

  /** The one Keycloak of this run: started on first use unless {@link KeycloakWarmStart} began it; a failed start is not tried again. */
  static KeycloakServer shared() {
    try {
      return startInBackground().join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  /** Stops the Keycloak of this run if it started; one still starting is left to the shutdown hook. */
  static synchronized void stopIfStarted() {
    if (starting != null && starting.isDone() && !starting.isCompletedExceptionally()) {
      starting.join().close();
    }
  }

  /** Begins starting the one Keycloak of this run, once, on a thread of its own. */
  static synchronized CompletableFuture<KeycloakServer> startInBackground() {
    if (starting == null) {
      starting = new CompletableFuture<>();
      var thread = new Thread(() -> {
        try {
          var server = new KeycloakServer();
          starting.complete(server);
          server.realm();
        } catch (Throwable e) {
          starting.completeExceptionally(e);
        }
      }, "keycloak-start");
      thread.setDaemon(true);
      thread.start();
    }
    return starting;
  }

  private KeycloakServer() {
    var home = Path.of(System.getProperty("accountadmin.test.keycloak.home",
        "target/keycloak/keycloak-" + System.getProperty("keycloak.version", "26.7.3")));
    if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
      throw new IllegalStateException("no Keycloak at " + home.toAbsolutePath()
          + ": the server module's test build unpacks it (mvn -pl server -am test)");
    }
    var javaHome = javaForKeycloak();
    try {
      // start-dev keeps its H2 database under data/: a fresh one, so the bootstrap admin is created anew.
      deleteTree(home.resolve("data"));
      int port = freePort();
      baseUrl = "http://127.0.0.1:" + port;
      log = home.getParent().resolve("keycloak.log");
      var builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
          "--http-host=127.0.0.1", "--http-port=" + port,
          // The management interface (health, metrics) has a port of its own, 9000 unless told.
          "--http-management-port=" + freePort(),
          // One node: no cluster discovery on the network.
          "--cache=local");
      builder.environment().put("JAVA_HOME", javaHome.toString());
      builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
      builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
      builder.redirectErrorStream(true);
      builder.redirectOutput(log.toFile());
      long began = System.nanoTime();
      process = builder.start();
      hook = new Thread(this::stop, "keycloak-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      awaitReady();
      startup = Duration.ofNanos(System.nanoTime() - began);
      Files.writeString(home.getParent().resolve("startup.txt"), "Keycloak ready in " + startup.toMillis()
          + " ms\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    adminToken = adminToken();
    // An hour-long admin token, so that no test stops to renew it.
    admin("PUT", "/admin/realms/master", "{\"accessTokenLifespan\":3600}");
    adminToken = adminToken();
  }

  /** KEYCLOAK_JAVA_HOME, else a JDK 21 or newer under /usr/lib/jvm, Temurin first. */
  static Path javaForKeycloak() {
    var chosen = System.getenv("KEYCLOAK_JAVA_HOME");
    if (chosen != null && !chosen.isBlank()) {
      return Path.of(chosen);
    }
    try (var jdks = Files.list(Path.of("/usr/lib/jvm"))) {
      return jdks.filter(j -> Files.isExecutable(j.resolve("bin/java")) && major(j) >= 21)
          .min(Comparator.comparing((Path j) -> !j.getFileName().toString().startsWith("temurin"))
              .thenComparing(j -> -major(j)))
          .orElseThrow(() -> new IllegalStateException(
              "Keycloak needs Java 21 or newer: none under /usr/lib/jvm; set KEYCLOAK_JAVA_HOME"));
    } catch (IOException e) {
      throw new IllegalStateException("Keycloak needs Java 21 or newer: set KEYCLOAK_JAVA_HOME", e);
    }
  }

  private static int major(Path jdk) {
    try {
      for (var line : Files.readAllLines(jdk.resolve("release"))) {
        if (line.startsWith("JAVA_VERSION=")) {
          var version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
          return Integer.parseInt(version.split("[.+]")[0]);
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not a JDK we can tell the version of
    }
    return 0;
  }

  // Polls until the master realm answers: bounded, and it fails at once if Keycloak exits.
  private void awaitReady() throws IOException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (true) {
      try {
        var response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/realms/master"))
            .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while Keycloak started", e);
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("Keycloak exited with " + process.exitValue() + " before it was ready: "
            + tail());
      }
      if (System.nanoTime() > deadline) {
        stop();
        throw new IllegalStateException("Keycloak was not ready within " + START_TIMEOUT.toSeconds() + " s: "
            + tail());
      }
      try {
        process.waitFor(250, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while Keycloak started", e);
      }
    }
  }

  private String tail() throws IOException {
    var lines = Files.readAllLines(log);
    return log + ":\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }

  /** The realm the tests act on, set up on first use. */
  synchronized TestRealm realm() {
    if (realm == null) {
      realm = TestRealm.create(this);
    }
    return realm;
  }

  String baseUrl() {
    return baseUrl;
  }

  Duration startup() {
    return startup;
  }

  // ---- calls as the master realm's admin, to set up what the tests need ----

  private String adminToken() {
    var form = "grant_type=password&client_id=admin-cli&username=" + ADMIN + "&password="
        + URLEncoder.encode(adminPassword, StandardCharsets.UTF_8);
    var response = post("/realms/master/protocol/openid-connect/token", form);
    if (response.statusCode() != 200) {
      throw new IllegalStateException("Keycloak admin token: HTTP " + response.statusCode());
    }
    return JsonParser.parseString(response.body()).getAsJsonObject().get("access_token").getAsString();
  }

  /** An admin call that must succeed; its body, or "" for none. */
  String admin(String method, String path, String json) {
    var response = adminResponse(method, path, json);
    if (response.statusCode() >= 300) {
      throw new IllegalStateException(method + " " + path + ": HTTP " + response.statusCode() + " "
          + response.body());
    }
    return response.body();
  }

  HttpResponse<String> adminResponse(String method, String path, String json) {
    var request = HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Authorization", "Bearer " + adminToken)
        .timeout(Duration.ofSeconds(60));
    if (json != null) {
      request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return send(request.build());
  }

  /** A form POST without authentication: the token endpoint. */
  HttpResponse<String> post(String path, String form) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build());
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The id at the end of a 201's Location header. */
  static String createdId(HttpResponse<String> response) {
    var location = response.headers().firstValue("Location").orElseThrow();
    return location.substring(location.lastIndexOf('/') + 1);
  }

  static JsonObject object(String json) {
    return JsonParser.parseString(json).getAsJsonObject();
  }

  static Optional<JsonObject> first(String jsonArray) {
    var array = JsonParser.parseString(jsonArray).getAsJsonArray();
    return array.isEmpty() ? Optional.empty() : Optional.of(array.get(0).getAsJsonObject());
  }

  // ---- stopping ----

  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down already: the hook is running or has run
    }
  }

  /** SIGTERM to kc.sh, which passes it on to Keycloak's JVM; then SIGKILL to whatever is left. */
  private synchronized void stop() {
    if (process == null) {
      return;
    }
    List<ProcessHandle> tree = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      for (var child : tree) {
        if (child.isAlive()) {
          child.destroyForcibly();
          child.onExit().get(10, TimeUnit.SECONDS);
        }
      }
    } catch (Exception e) {
      // stopping anyway: nothing more to do here
    }
  }

  static int freePort() throws IOException {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var files = Files.walk(dir)) {
      for (var file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
