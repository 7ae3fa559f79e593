package dev.accountadmin.benchmarks;

import com.google.gson.JsonParser;
import dev.accountadmin.v1.AccountAdminGrpc;
import dev.accountadmin.v1.AllowSignInRequest;
import dev.accountadmin.v1.AuthGrpc;
import dev.accountadmin.v1.BlockSignInRequest;
import dev.accountadmin.v1.ClearLockoutRequest;
import dev.accountadmin.v1.ClientApp;
import dev.accountadmin.v1.GetUserRequest;
import dev.accountadmin.v1.ListUsersRequest;
import dev.accountadmin.v1.OffboardUserRequest;
import dev.accountadmin.v1.ResetPasswordRequest;
import dev.accountadmin.v1.RevokeSessionsRequest;
import dev.accountadmin.v1.SignInRequest;
import dev.accountadmin.v1.User;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * AccountAdmin and Keycloak measured in one run, from this one JVM: each server in a process of
 * its own on loopback, 1,000 users each, the same load generator for both (a fixed number of
 * threads, each calling as fast as it is answered), and every operation's phases interleaved
 * (ours at c=1, Keycloak's at c=1, ours at c=8, Keycloak's at c=8) so that a busier moment of the
 * machine falls on both. Both hash passwords with Argon2id at m=7168 KiB, t=5, p=1 (Keycloak's
 * default, one of OWASP's configurations). Server CPU per operation is the server JVM's own CPU time, RSS is read from /proc.
 *
 * <p>Run: {@code mvn -q -B package -DskipTests -P side-by-side}, then {@code
 * benchmarks/target/side-by-side}. Every phase is bounded in calls and in time, and it stops both
 * servers itself.
 */
public final class SideBySide {
  static final int USERS = 1_000;
  // Every failed sign-in here comes from 127.0.0.1, and our server throttles an address after 300
  // in 10 minutes (a throttled attempt is not counted against its user): the server is started
  // with room for all of them, so that every lockout cleared is a real one.
  static final int LOCKOUT_USERS = USERS;
  static final Duration PHASE = Duration.ofSeconds(4);
  static final Duration WARMUP = Duration.ofSeconds(1);
  static final Duration IDLE = Duration.ofSeconds(15);
  static final String DEMO_PASSWORD = "Demo-Passw0rd-2026";
  static final String ADMIN_PASSWORD = "Bench-Admin-Passw0rd";
  static final String KC_ADMIN = "admin";
  static final String KC_PASSWORD = "Bench-Kc-Admin-Passw0rd";
  static final Pattern READY = Pattern.compile("ready on 127\\.0\\.0\\.1:(\\d+)");

  /** One call of a phase, on the user the phase hands it. */
  interface Call {
    void run(int user) throws Exception;
  }

  /** A measured phase. */
  record Phase(String operation, String system, int concurrency, int calls, double seconds, long p50, long p99,
      double cpuMillisPerCall) {
    double rate() {
      return calls / seconds;
    }
  }

  private final List<Phase> phases = new ArrayList<>();
  private Process ours;
  private Process keycloak;
  private ManagedChannel channel;
  private AccountAdminGrpc.AccountAdminBlockingStub admin;
  private AuthGrpc.AuthBlockingStub auth;
  private HealthGrpc.HealthBlockingStub health;
  private List<String> ourUsers;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  private String kcBase;
  private String kcToken;
  private final List<String> kcUsers = new ArrayList<>();
  private long ourIdleRss;
  private long kcIdleRss;

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: SideBySide bin/accountadmin-server KEYCLOAK_HOME [JAVA_21_HOME]");
      System.exit(2);
    }
    var javaForKeycloak = args.length > 2 ? args[2] : "/usr/lib/jvm/temurin-25-jdk-amd64";
    var bench = new SideBySide();
    try {
      bench.startOurs(Path.of(args[0]));
      bench.startKeycloak(Path.of(args[1]), Path.of(javaForKeycloak));
      bench.run();
      bench.print();
    } finally {
      bench.stop();
    }
  }

  private void run() throws Exception {
    // The no-op floor: what a call costs before it does anything.
    both("no-op floor (health / GET realm)",
        u -> health.check(HealthCheckRequest.getDefaultInstance()),
        u -> get("/realms/bench"), USERS, false);
    both("read a user",
        u -> admin.getUser(GetUserRequest.newBuilder().setName(ourUsers.get(u)).build()),
        u -> get("/admin/realms/bench/users/" + kcUsers.get(u)), USERS, false);
    // Each call flips its user: blocked if it was allowed, allowed if it was blocked.
    var ourBlocked = new java.util.concurrent.atomic.AtomicIntegerArray(USERS);
    var theirBlocked = new java.util.concurrent.atomic.AtomicIntegerArray(USERS);
    both("block / allow sign-in",
        u -> {
          if (ourBlocked.getAndUpdate(u, v -> 1 - v) == 0) {
            admin.blockSignIn(BlockSignInRequest.newBuilder().setName(ourUsers.get(u)).build());
          } else {
            admin.allowSignIn(AllowSignInRequest.newBuilder().setName(ourUsers.get(u)).build());
          }
        },
        u -> send("PUT", "/admin/realms/bench/users/" + kcUsers.get(u),
            "{\"enabled\":" + (theirBlocked.getAndUpdate(u, v -> 1 - v) == 1) + "}"), USERS, false);
    allowAll();
    both("password sign-in (Argon2id m=7168 t=5)",
        u -> auth.signIn(SignInRequest.newBuilder().setUserPrincipalName(upn(u)).setPassword(DEMO_PASSWORD)
            .setClientApp(ClientApp.CLIENT_APP_OUTLOOK_WEB).build()),
        u -> kcSignIn(u, DEMO_PASSWORD, true), USERS, false);
    both("sign out of all sessions (1 fresh session)",
        u -> admin.revokeSessions(RevokeSessionsRequest.newBuilder().setName(ourUsers.get(u)).build()),
        u -> send("POST", "/admin/realms/bench/users/" + kcUsers.get(u) + "/logout", null), USERS, true,
        () -> {
          parallel(USERS, u -> auth.signIn(SignInRequest.newBuilder().setUserPrincipalName(upn(u))
              .setPassword(DEMO_PASSWORD).setClientApp(ClientApp.CLIENT_APP_OUTLOOK_WEB).build()));
          parallel(USERS, u -> kcSignIn(u, DEMO_PASSWORD, true));
        });
    both("clear lockout (after 1 failed sign-in)",
        u -> admin.clearLockout(ClearLockoutRequest.newBuilder().setName(ourUsers.get(u)).build()),
        u -> send("DELETE", "/admin/realms/bench/attack-detection/brute-force/users/" + kcUsers.get(u), null),
        LOCKOUT_USERS, true,
        () -> {
          parallel(LOCKOUT_USERS, u -> {
            try {
              auth.signIn(SignInRequest.newBuilder().setUserPrincipalName(upn(u)).setPassword("wrong-" + u)
                  .setClientApp(ClientApp.CLIENT_APP_OUTLOOK_WEB).build());
            } catch (StatusRuntimeException expected) {
              // the failure is the point
            }
          });
          parallel(LOCKOUT_USERS, u -> kcSignIn(u, "wrong-" + u, false));
        });
    both("reset password (Argon2id m=7168 t=5)",
        u -> admin.resetPassword(ResetPasswordRequest.newBuilder().setName(ourUsers.get(u))
            .setPassword("Reset-Passw0rd-" + u).setSkipChangeAtNextSignIn(true).build()),
        u -> send("PUT", "/admin/realms/bench/users/" + kcUsers.get(u) + "/reset-password",
            "{\"type\":\"password\",\"value\":\"Reset-Passw0rd-" + u + "\",\"temporary\":false}"), USERS, false);
    both("offboard (ours: 5 steps; Keycloak: disable + logout)",
        u -> admin.offboardUser(OffboardUserRequest.newBuilder().setName(ourUsers.get(u)).build()),
        u -> {
          send("PUT", "/admin/realms/bench/users/" + kcUsers.get(u), "{\"enabled\":false}");
          send("POST", "/admin/realms/bench/users/" + kcUsers.get(u) + "/logout", null);
        }, USERS, true);
  }

  /**
   * Both systems at c=1 and c=8, interleaved. A phase that consumes users (each user once) gets
   * half of them at c=1 and the other half at c=8; {@code prepare} readies every user first.
   */
  private void both(String operation, Call ourCall, Call theirCall, int calls, boolean consumes) throws Exception {
    both(operation, ourCall, theirCall, calls, consumes, () -> {});
  }

  private void both(String operation, Call ourCall, Call theirCall, int calls, boolean consumes, Prepare prepare)
      throws Exception {
    prepare.run();
    for (int c : new int[] {1, 8}) {
      int from = consumes ? (c == 1 ? 0 : calls / 2) : 0;
      int to = consumes ? (c == 1 ? calls / 2 : calls) : calls;
      phases.add(measure(operation, "AccountAdmin", ours, c, from, to, consumes, ourCall));
      phases.add(measure(operation, "Keycloak", keycloak, c, from, to, consumes, theirCall));
    }
  }

  interface Prepare {
    void run() throws Exception;
  }

  /**
   * {@code concurrency} threads share the users {@code from} to {@code to}. A repeating phase
   * wraps around them for {@link #PHASE} after a warm-up of {@link #WARMUP}; a phase that changes
   * each user once for good ({@code once}) ends when its users are used up, and its first tenth
   * of them is the warm-up. Warm-up calls are left out of every figure, the server's CPU included.
   */
  private Phase measure(String operation, String system, Process server, int concurrency, int from, int to,
      boolean once, Call call) throws Exception {
    int span = to - from;
    int warmupCalls = once ? span / 10 : 0;
    var next = new AtomicInteger();
    var latencies = new long[once ? span : span * 50];
    var recorded = new AtomicInteger();
    long begin = System.nanoTime();
    // When the measured part began, and the server's CPU time then; set by whoever gets there first.
    var measuredFrom = new java.util.concurrent.atomic.AtomicLong(once ? Long.MAX_VALUE : begin + WARMUP.toNanos());
    var cpuBefore = new java.util.concurrent.atomic.AtomicLong(-1);
    long deadline = begin + WARMUP.toNanos() + PHASE.toNanos() + (once ? TimeUnit.SECONDS.toNanos(60) : 0);
    var pool = Executors.newFixedThreadPool(concurrency);
    long cpuAfter;
    long finished;
    try {
      var workers = new ArrayList<java.util.concurrent.Future<?>>();
      for (int t = 0; t < concurrency; t++) {
        workers.add(pool.submit(() -> {
          while (System.nanoTime() < stopAt(deadline, measuredFrom.get())) {
            int i = next.getAndIncrement();
            if (once && i >= span) {
              return null;
            }
            if (once && i == warmupCalls) {
              measuredFrom.set(System.nanoTime());
            }
            if (i >= warmupCalls && System.nanoTime() >= measuredFrom.get() && cpuBefore.get() < 0) {
              cpuBefore.compareAndSet(-1, cpuMillis(server));
            }
            long start = System.nanoTime();
            call.run(from + (i % span));
            long took = System.nanoTime() - start;
            if (i >= warmupCalls && start >= measuredFrom.get()) {
              int slot = recorded.getAndIncrement();
              if (slot >= latencies.length) {
                return null;
              }
              latencies[slot] = took;
            }
          }
          return null;
        }));
      }
      for (var worker : workers) {
        worker.get(PHASE.toSeconds() + 180, TimeUnit.SECONDS);
      }
      finished = System.nanoTime();
      cpuAfter = cpuMillis(server);
    } finally {
      pool.shutdownNow();
    }
    double seconds = (Math.min(finished, measuredFrom.get() + PHASE.toNanos()) - measuredFrom.get()) / 1e9;
    int n = Math.min(recorded.get(), latencies.length);
    var sorted = Arrays.copyOf(latencies, n);
    Arrays.sort(sorted);
    long p50 = n == 0 ? 0 : sorted[Math.min(n - 1, (int) (n * 0.50))];
    long p99 = n == 0 ? 0 : sorted[Math.min(n - 1, (int) (n * 0.99))];
    double cpuMillis = cpuBefore.get() < 0 ? 0 : cpuAfter - cpuBefore.get();
    return new Phase(operation, system, concurrency, n, Math.max(seconds, 1e-3), p50, p99, n == 0 ? 0 : cpuMillis / n);
  }

  // The phase ends PHASE after its measured part began, and in any case by the deadline.
  private static long stopAt(long deadline, long measuredFrom) {
    return measuredFrom == Long.MAX_VALUE ? deadline : Math.min(deadline, measuredFrom + PHASE.toNanos());
  }

  private void parallel(int count, Call call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      var futures = new ArrayList<java.util.concurrent.Future<?>>();
      for (int u = 0; u < count; u++) {
        int user = u;
        futures.add(pool.submit(() -> {
          call.run(user);
          return null;
        }));
      }
      for (var f : futures) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private void allowAll() throws Exception {
    parallel(USERS, u -> admin.allowSignIn(AllowSignInRequest.newBuilder().setName(ourUsers.get(u)).build()));
    parallel(USERS, u -> send("PUT", "/admin/realms/bench/users/" + kcUsers.get(u), "{\"enabled\":true}"));
  }

  private String upn(int user) {
    return ourUsers.get(user).substring("users/".length());
  }

  // ---- AccountAdmin ----

  // Through the launcher operators use, with its heap bound and class-data sharing.
  private void startOurs(Path launcher) throws Exception {
    primeClassData(launcher);
    var data = Files.createTempDirectory("side-by-side-accountadmin");
    var builder = new ProcessBuilder(launcher.toString(), "--port", "0", "--data-dir", data.toString(), "--demo",
        "--demo-users", Integer.toString(USERS), "--password-hash-memory-kib", "7168", "--password-hash-iterations", "5",
        "--sign-in-failures-per-address", Integer.toString(10 * USERS));
    builder.environment().put("ACCOUNTADMIN_BOOTSTRAP_PASSWORD", ADMIN_PASSWORD);
    builder.redirectErrorStream(true);
    ours = builder.start();
    int port = awaitReady(ours);
    channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    auth = AuthGrpc.newBlockingStub(channel);
    health = HealthGrpc.newBlockingStub(channel);
    var token = auth.signIn(SignInRequest.newBuilder().setUserPrincipalName("admin@contoso.com")
        .setPassword(ADMIN_PASSWORD).setClientApp(ClientApp.CLIENT_APP_ADMIN_API).build()).getAccessToken();
    var headers = new Metadata();
    headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    admin = AccountAdminGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    var names = new ArrayList<String>();
    String page = "";
    do {
      var response = admin.listUsers(ListUsersRequest.newBuilder().setPageSize(1000).setPageToken(page).build());
      response.getUsersList().stream()
          .filter(u -> u.getAdminRolesCount() == 0 && !u.getSignInBlocked() && !u.getLockout().getLocked()
              && !u.getMailbox().hasSendingRestriction())
          .map(User::getName).forEach(names::add);
      page = response.getNextPageToken();
    } while (!page.isEmpty());
    ourUsers = names.subList(0, USERS);
  }

  /**
   * The launcher's first start after a build records its class-data archive, which later starts
   * map: a server in service is a later one. A short start and a normal stop (which writes the
   * archive) first, so that the server measured is one too, not the recording run.
   */
  private static void primeClassData(Path launcher) throws Exception {
    var builder = new ProcessBuilder(launcher.toString(), "--port", "0", "--data-dir",
        Files.createTempDirectory("side-by-side-prime").toString());
    builder.environment().put("ACCOUNTADMIN_BOOTSTRAP_PASSWORD", ADMIN_PASSWORD);
    builder.redirectErrorStream(true);
    var process = builder.start();
    try {
      awaitReady(process);
    } finally {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  private static int awaitReady(Process process) throws Exception {
    var port = new CompletableFuture<Integer>();
    var reader = new Thread(() -> {
      try (var out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          var ready = READY.matcher(line);
          if (ready.find()) {
            port.complete(Integer.parseInt(ready.group(1)));
          }
        }
      } catch (IOException e) {
        // the process ended
      }
      port.completeExceptionally(new IllegalStateException("the AccountAdmin server exited before it was ready"));
    });
    reader.setDaemon(true);
    reader.start();
    return port.get(120, TimeUnit.SECONDS);
  }

  // ---- Keycloak ----

  private void startKeycloak(Path home, Path javaHome) throws Exception {
    // start-dev keeps its H2 database under data/: a fresh one, so the bootstrap admin is created anew.
    var data = home.resolve("data");
    if (Files.exists(data)) {
      try (var files = Files.walk(data)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
    int port = freePort();
    kcBase = "http://127.0.0.1:" + port;
    var builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
        "--http-host", "127.0.0.1", "--http-port", Integer.toString(port), "--http-management-port",
        Integer.toString(freePort()), "--cache", "local");
    builder.environment().put("JAVA_HOME", javaHome.toString());
    builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", KC_ADMIN);
    builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", KC_PASSWORD);
    builder.redirectErrorStream(true);
    builder.redirectOutput(Files.createTempFile("side-by-side-keycloak", ".log").toFile());
    keycloak = builder.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
    while (true) {
      try {
        var response = http.send(HttpRequest.newBuilder(URI.create(kcBase + "/realms/master")).GET().build(),
            HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          break;
        }
      } catch (IOException e) {
        // not listening yet
      }
      if (System.nanoTime() > deadline || !keycloak.isAlive()) {
        throw new IllegalStateException("Keycloak did not start");
      }
      Thread.sleep(500);
    }
    kcToken = adminToken();
    // An hour-long admin token, so that no phase stops to renew one.
    send("PUT", "/admin/realms/master", "{\"accessTokenLifespan\":3600}");
    kcToken = adminToken();
    send("POST", "/admin/realms", "{\"realm\":\"bench\",\"enabled\":true,\"bruteForceProtected\":true,"
        + "\"failureFactor\":30,\"passwordPolicy\":\"hashAlgorithm(argon2)\"}");
    send("POST", "/admin/realms/bench/clients", "{\"clientId\":\"bench\",\"publicClient\":true,"
        + "\"directAccessGrantsEnabled\":true,\"standardFlowEnabled\":false}");
    var ids = new String[USERS];
    parallel(USERS, u -> {
      var name = String.format(Locale.ROOT, "user%04d", u);
      var response = sendForResponse("POST", "/admin/realms/bench/users", "{\"username\":\"" + name + "\","
          + "\"enabled\":true,\"email\":\"" + name + "@contoso.com\",\"emailVerified\":true,\"firstName\":\"User\","
          + "\"lastName\":\"" + name + "\",\"credentials\":[{\"type\":\"password\",\"value\":\"" + DEMO_PASSWORD
          + "\",\"temporary\":false}]}");
      var location = response.headers().firstValue("Location").orElseThrow();
      ids[u] = location.substring(location.lastIndexOf('/') + 1);
    });
    kcUsers.addAll(Arrays.asList(ids));
    // Idle: both set up, neither called for a while.
    Thread.sleep(IDLE.toMillis());
    ourIdleRss = rss(ours, "VmRSS");
    kcIdleRss = rss(keycloak, "VmRSS");
  }

  private String adminToken() throws Exception {
    var form = "grant_type=password&client_id=admin-cli&username=" + KC_ADMIN + "&password="
        + URLEncoder.encode(KC_PASSWORD, StandardCharsets.UTF_8);
    var response = http.send(HttpRequest.newBuilder(URI.create(kcBase + "/realms/master/protocol/openid-connect/token"))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
        .build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("Keycloak admin token: " + response.statusCode() + " " + response.body());
    }
    return JsonParser.parseString(response.body()).getAsJsonObject().get("access_token").getAsString();
  }

  private void kcSignIn(int user, String password, boolean mustSucceed) throws Exception {
    var form = "grant_type=password&client_id=bench&username=" + String.format(Locale.ROOT, "user%04d", user)
        + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
    var response = http.send(HttpRequest.newBuilder(URI.create(kcBase + "/realms/bench/protocol/openid-connect/token"))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
        .build(), HttpResponse.BodyHandlers.ofString());
    if (mustSucceed && response.statusCode() != 200) {
      throw new IllegalStateException("Keycloak sign-in: " + response.statusCode() + " " + response.body());
    }
  }

  private void get(String path) throws Exception {
    send("GET", path, null);
  }

  private void send(String method, String path, String json) throws Exception {
    sendForResponse(method, path, json);
  }

  private HttpResponse<String> sendForResponse(String method, String path, String json) throws Exception {
    var request = HttpRequest.newBuilder(URI.create(kcBase + path)).header("Authorization", "Bearer " + kcToken)
        .timeout(Duration.ofSeconds(60));
    if (json != null) {
      request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
    }
    return response;
  }

  // ---- measurement and output ----

  /** The server's JVM: kc.sh starts Keycloak's as its child. */
  private static ProcessHandle jvm(Process process) {
    return process.descendants()
        .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
        .findFirst().orElse(process.toHandle());
  }

  /** CPU time the server has used, user and system, in milliseconds. */
  private static long cpuMillis(Process process) {
    return jvm(process).info().totalCpuDuration().map(Duration::toMillis).orElse(0L);
  }

  /** A /proc/PID/status size (VmRSS, VmHWM) in MiB. */
  private static long rss(Process process, String field) throws IOException {
    for (var line : Files.readAllLines(Path.of("/proc", Long.toString(jvm(process).pid()), "status"))) {
      if (line.startsWith(field + ":")) {
        return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
      }
    }
    return -1;
  }

  private static int freePort() throws IOException {
    try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private void print() throws IOException {
    var out = System.out;
    out.printf(Locale.ROOT, "%n%d users each; %d s per phase after %d s of warm-up; %d cores, %s%n%n", USERS,
        PHASE.toSeconds(), WARMUP.toSeconds(), Runtime.getRuntime().availableProcessors(), System.getProperty("os.arch"));
    out.println("| operation | c | AccountAdmin ops/s | Keycloak ops/s | ratio | p50 ms (ours / KC) | p99 ms (ours / KC) "
        + "| server CPU ms/op (ours / KC) |");
    out.println("|---|---|---|---|---|---|---|---|");
    for (int i = 0; i + 1 < phases.size(); i += 2) {
      var a = phases.get(i);
      var k = phases.get(i + 1);
      out.printf(Locale.ROOT, "| %s | %d | %.0f | %.0f | %.2f× | %.2f / %.2f | %.2f / %.2f | %.2f / %.2f |%n",
          a.operation(), a.concurrency(), a.rate(), k.rate(), a.rate() / k.rate(), a.p50() / 1e6, k.p50() / 1e6,
          a.p99() / 1e6, k.p99() / 1e6, a.cpuMillisPerCall(), k.cpuMillisPerCall());
    }
    out.printf(Locale.ROOT, "%nRSS MiB: AccountAdmin idle %d, peak %d; Keycloak idle %d, peak %d%n", ourIdleRss,
        rss(ours, "VmHWM"), kcIdleRss, rss(keycloak, "VmHWM"));
  }

  private void stop() throws InterruptedException {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
    for (var process : new Process[] {ours, keycloak}) {
      if (process != null) {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      }
    }
  }
}
