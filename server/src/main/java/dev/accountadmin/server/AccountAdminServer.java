package dev.accountadmin.server;

import dev.accountadmin.server.auth.HashedPasswords;
import dev.accountadmin.domain.DirectoryPort;
import dev.accountadmin.server.auth.AccessTokens;
import dev.accountadmin.server.auth.AuthPolicy;
import dev.accountadmin.server.auth.Authentication;
import dev.accountadmin.server.auth.PasswordHasher;
import dev.accountadmin.server.auth.Authenticators;
import dev.accountadmin.server.auth.SecretBox;
import dev.accountadmin.server.auth.Secrets;
import dev.accountadmin.server.auth.SignInThrottle;
import dev.accountadmin.connector.DirectoriesFile;
import dev.accountadmin.connector.DirectoryPasswords;
import dev.accountadmin.connector.ExternalDirectory;
import dev.accountadmin.domain.Directories;
import dev.accountadmin.domain.Directory;
import dev.accountadmin.domain.Procedures;
import dev.accountadmin.domain.Schedules;
import dev.accountadmin.domain.Templates;
import dev.accountadmin.server.mail.DeviceSync;
import dev.accountadmin.server.mail.MailFlow;
import dev.accountadmin.server.mail.OutboundPolicy;
import dev.accountadmin.server.store.Database;
import dev.accountadmin.server.store.Dialect;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.grpc.util.MutableHandlerRegistry;
import dev.accountadmin.i18n.Locales;
import dev.accountadmin.i18n.Messages;
import java.net.BindException;
import java.time.ZoneOffset;
import java.util.Map;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The AccountAdmin server: reads its configuration from flags and environment, opens the
 * database, bootstraps an empty directory, serves gRPC with health and reflection, and drains
 * in-flight calls on SIGTERM.
 */
public final class AccountAdminServer implements AutoCloseable {
  // Held, so that the levels set on them are not lost when JUL drops unreferenced loggers.
  private static final Logger FLYWAY_LOG = Logger.getLogger("org.flywaydb");
  private static final Logger HIKARI_LOG = Logger.getLogger("com.zaxxer.hikari");

  /** Server configuration; each flag also reads an environment variable (DESIGN.md section 9). */
  @Command(name = "accountadmin-server", mixinStandardHelpOptions = true,
      description = "Serves the AccountAdmin gRPC API.")
  public static final class Config implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "${env:ACCOUNTADMIN_PORT:-50051}",
        description = "Port to listen on (ACCOUNTADMIN_PORT; default ${DEFAULT-VALUE}); 0 picks a free one.")
    int port;

    @Option(names = "--bind", defaultValue = "${env:ACCOUNTADMIN_BIND:-127.0.0.1}",
        description = "Address to bind (ACCOUNTADMIN_BIND; default ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--data-dir", defaultValue = "${env:ACCOUNTADMIN_DATA_DIR:-./data}",
        description = "Data directory (ACCOUNTADMIN_DATA_DIR; default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--database-url", defaultValue = "${env:ACCOUNTADMIN_DATABASE_URL}",
        description = "JDBC URL (ACCOUNTADMIN_DATABASE_URL); default SQLite in the data directory."
            + " PostgreSQL credentials come from ACCOUNTADMIN_DATABASE_USER and ACCOUNTADMIN_DATABASE_PASSWORD.")
    String databaseUrl;

    @Option(names = "--domain", defaultValue = "${env:ACCOUNTADMIN_DOMAIN:-contoso.com}",
        description = "The tenant's primary domain (ACCOUNTADMIN_DOMAIN; default ${DEFAULT-VALUE}).")
    String domain;

    @Option(names = "--demo", description = "Seed a demo directory when the directory is new.")
    boolean demo;

    @Option(names = "--demo-users", defaultValue = "600", paramLabel = "N",
        description = "How many staff the demo directory gets, besides its admins (default ${DEFAULT-VALUE}).")
    int demoUsers;

    // An office behind one NAT address looks like one client; its admins may need more room.
    @Option(names = "--sign-in-failures-per-address", defaultValue = "${env:ACCOUNTADMIN_SIGN_IN_FAILURES_PER_ADDRESS:-300}",
        description = "Failed sign-ins an address where users have signed in before may make in 10 minutes before it is "
            + "throttled (ACCOUNTADMIN_SIGN_IN_FAILURES_PER_ADDRESS; default ${DEFAULT-VALUE}).")
    int failuresPerAddress;

    @Option(names = "--lockout-threshold", defaultValue = "${env:ACCOUNTADMIN_LOCKOUT_THRESHOLD:-10}",
        description = "Failed sign-ins that lock an account (ACCOUNTADMIN_LOCKOUT_THRESHOLD; default ${DEFAULT-VALUE}).")
    int lockoutThreshold;

    @Option(names = "--password-hash-memory-kib", defaultValue = "${env:ACCOUNTADMIN_PASSWORD_HASH_MEMORY_KIB:-19456}",
        description = "Argon2id memory cost in KiB; with the iterations, at least one of OWASP's configurations "
            + "(47104 KiB x1, 19456 x2, 12288 x3, 9216 x4, 7168 x5); default ${DEFAULT-VALUE}.")
    int hashMemoryKib;

    @Option(names = "--password-hash-iterations", defaultValue = "${env:ACCOUNTADMIN_PASSWORD_HASH_ITERATIONS:-2}",
        description = "Argon2id iterations (see --password-hash-memory-kib); default ${DEFAULT-VALUE}.")
    int hashIterations;

    // The web portal (issue 14): on by default, on loopback like the API unless --bind says otherwise.
    @Option(names = "--portal-port", defaultValue = "${env:ACCOUNTADMIN_PORTAL_PORT:-8080}",
        description = "Port of the web portal (ACCOUNTADMIN_PORTAL_PORT; default ${DEFAULT-VALUE}); 0 turns it off.")
    int portalPort;

    @Option(names = "--portal-tls-cert", defaultValue = "${env:ACCOUNTADMIN_PORTAL_TLS_CERT}",
        description = "The portal's TLS certificate chain (PEM); with --portal-tls-key the portal speaks HTTPS.")
    Path portalTlsCert;

    @Option(names = "--portal-tls-key", defaultValue = "${env:ACCOUNTADMIN_PORTAL_TLS_KEY}",
        description = "The portal's TLS private key (unencrypted PKCS#8 PEM).")
    Path portalTlsKey;

    @Option(names = "--portal-tls-keystore", defaultValue = "${env:ACCOUNTADMIN_PORTAL_TLS_KEYSTORE}",
        description = "The portal's TLS key store (PKCS#12), instead of --portal-tls-cert and --portal-tls-key; "
            + "its password from ACCOUNTADMIN_PORTAL_KEYSTORE_PASSWORD.")
    Path portalKeystore;

    /** Tests and embedding: a portal on any free port, which --portal-port cannot ask for (0 is off). */
    boolean portalOnAnyPort;
    String portalKeystorePassword = System.getenv("ACCOUNTADMIN_PORTAL_KEYSTORE_PASSWORD");
    /** The portal's jar, when the portal is not on the class path (bin/accountadmin-server names it). */
    String portalJar = System.getProperty(PortalHosting.JAR_PROPERTY);
    PrintStream err = System.err;

    @Option(names = "--directories", defaultValue = "${env:ACCOUNTADMIN_DIRECTORIES}", paramLabel = "FILE",
        description = "External directories (Active Directory) in TOML (ACCOUNTADMIN_DIRECTORIES); users of the UPN "
            + "suffixes each holds live there. Secrets come from the environment or files the file names.")
    Path directoriesFile;

    Map<String, String> env = System.getenv();

    // Self-service (issue 14, part 3): codes to a user's alternate email go through the organisation's relay.
    @Option(names = "--smtp-relay", defaultValue = "${env:ACCOUNTADMIN_SMTP_RELAY}", paramLabel = "HOST:PORT",
        description = "SMTP relay that self-service codes are sent through (ACCOUNTADMIN_SMTP_RELAY); without it"
            + " no code is emailed and users recover with their authenticator app only.")
    String smtpRelay;

    @Option(names = "--smtp-sender", defaultValue = "${env:ACCOUNTADMIN_SMTP_SENDER}", paramLabel = "ADDRESS",
        description = "From address of self-service emails (ACCOUNTADMIN_SMTP_SENDER; default no-reply@<domain>).")
    String smtpSender;

    dev.accountadmin.server.auth.SelfServiceRecovery.Policy selfServicePolicy =
        dev.accountadmin.server.auth.SelfServiceRecovery.Policy.DEFAULT;

    // Scheduled offboardings (issue 13, part 7): the tenant's working-day facts and the tick.
    @Option(names = "--default-time-zone", defaultValue = "${env:ACCOUNTADMIN_DEFAULT_TIME_ZONE:-UTC}",
        description = "IANA time zone of a user who has none, for \"the end of the last working day\""
            + " (ACCOUNTADMIN_DEFAULT_TIME_ZONE; default ${DEFAULT-VALUE}).")
    String defaultTimeZone;

    @Option(names = "--end-of-working-day", defaultValue = "${env:ACCOUNTADMIN_END_OF_WORKING_DAY:-18:00}",
        description = "When a working day ends, local time (ACCOUNTADMIN_END_OF_WORKING_DAY; default ${DEFAULT-VALUE}).")
    String endOfWorkingDay;

    @Option(names = "--scheduler-interval", defaultValue = "${env:ACCOUNTADMIN_SCHEDULER_INTERVAL:-30}", paramLabel = "SECONDS",
        description = "How often the scheduler looks for due offboardings; 0 turns it off"
            + " (ACCOUNTADMIN_SCHEDULER_INTERVAL; default ${DEFAULT-VALUE}).")
    long schedulerSeconds;

    Duration schedulerInterval;

    String databaseUser = System.getenv("ACCOUNTADMIN_DATABASE_USER");
    String databasePassword = System.getenv("ACCOUNTADMIN_DATABASE_PASSWORD");
    String bootstrapPassword = System.getenv("ACCOUNTADMIN_BOOTSTRAP_PASSWORD");
    AuthPolicy authPolicy = AuthPolicy.DEFAULT;
    OutboundPolicy outboundPolicy = OutboundPolicy.DEFAULT;
    SignInThrottle.Policy throttlePolicy = SignInThrottle.Policy.DEFAULT;
    PasswordHasher hasher = PasswordHasher.OWASP;
    Clock clock = Clock.systemUTC();
    PrintStream out = System.out;

    /** A configuration for tests and embedding: SQLite in {@code dataDir}, any free loopback port. */
    public static Config forDataDir(Path dataDir) {
      var config = new Config();
      new CommandLine(config).parseArgs("--port", "0", "--portal-port", "0", "--data-dir", dataDir.toString());
      config.databaseUrl = null;
      config.bootstrapPassword = null;
      return config;
    }

    /**
     * The password hash. The command line refuses anything weaker than OWASP's configurations;
     * this does not, so that tests whose subject is not the hash can make it cheap.
     */
    public Config passwordHasher(PasswordHasher value) {
      this.hasher = value;
      return this;
    }

    public Config port(int value) {
      this.port = value;
      return this;
    }

    public Config demo(boolean value) {
      this.demo = value;
      return this;
    }

    public Config demoUsers(int value) {
      this.demoUsers = value;
      return this;
    }

    public Config databaseUrl(String url, String user, String password) {
      this.databaseUrl = url;
      this.databaseUser = user;
      this.databasePassword = password;
      return this;
    }

    public Config bootstrapPassword(String value) {
      this.bootstrapPassword = value;
      return this;
    }

    public Config clock(Clock value) {
      this.clock = value;
      return this;
    }

    public Config authPolicy(AuthPolicy value) {
      this.authPolicy = value;
      return this;
    }

    public Config outboundPolicy(OutboundPolicy value) {
      this.outboundPolicy = value;
      return this;
    }

    public Config throttlePolicy(SignInThrottle.Policy value) {
      this.throttlePolicy = value;
      return this;
    }

    /** The SMTP relay for self-service codes, as {@code host:port}. */
    public Config smtpRelay(String hostAndPort) {
      this.smtpRelay = hostAndPort;
      return this;
    }

    public Config selfServicePolicy(dev.accountadmin.server.auth.SelfServiceRecovery.Policy value) {
      this.selfServicePolicy = value;
      return this;
    }

    /** Hosts the web portal on a free loopback port (it prints its address in its ready line). */
    public Config portalOnAnyPort() {
      this.portalOnAnyPort = true;
      return this;
    }

    /** Hosts the web portal on this port (0: no portal), as --portal-port does. */
    public Config portalPort(int value) {
      this.portalPort = value;
      this.portalOnAnyPort = false;
      return this;
    }

    /** Loads the portal from this jar when it is not on the class path; null: only the class path. */
    public Config portalJar(String value) {
      this.portalJar = value;
      return this;
    }

    /** The environment the operator's language is read from (LC_ALL, LC_MESSAGES, LANG). */
    public Config environment(Map<String, String> value) {
      this.env = value;
      return this;
    }

    public Config err(PrintStream value) {
      this.err = value;
      return this;
    }

    /** The external directories file, and the environment its secrets are read from. */
    public Config directories(Path file, Map<String, String> environment) {
      this.directoriesFile = file;
      this.env = environment;
      return this;
    }

    /** How often the scheduler ticks; zero: only when asked (tests move their clock, then ask). */
    public Config schedulerInterval(Duration value) {
      this.schedulerInterval = value;
      return this;
    }

    /** The working-day facts; a bad zone or time is a startup failure naming the flag. */
    dev.accountadmin.domain.SchedulePolicy schedulePolicy() {
      try {
        return new dev.accountadmin.domain.SchedulePolicy(java.time.ZoneId.of(defaultTimeZone),
            java.time.LocalTime.parse(endOfWorkingDay));
      } catch (java.time.DateTimeException e) {
        throw new CommandLine.ParameterException(new CommandLine(this),
            "--default-time-zone must be an IANA time zone and --end-of-working-day a time such as 18:00");
      }
    }

    public Config out(PrintStream value) {
      this.out = value;
      return this;
    }

    String jdbcUrl() {
      return databaseUrl != null && !databaseUrl.isBlank()
          ? databaseUrl
          : "jdbc:sqlite:" + dataDir.resolve("accountadmin.db").toAbsolutePath().normalize();
    }

    @Override
    public Integer call() throws Exception {
      if (!new PasswordHasher(hashMemoryKib, hashIterations, 1).meetsOwasp()) {
        throw new StartupFailure(StartupFailure.Kind.WEAK_PASSWORD_HASH, Map.of(
            "memoryKib", Integer.toString(hashMemoryKib), "iterations", hashIterations), null);
      }
      if (lockoutThreshold < 1) {
        throw new CommandLine.ParameterException(new CommandLine(this), "--lockout-threshold must be at least 1");
      }
      if (failuresPerAddress < 1) {
        throw new CommandLine.ParameterException(new CommandLine(this), "--sign-in-failures-per-address must be at least 1");
      }
      hasher = new PasswordHasher(hashMemoryKib, hashIterations, 1);
      var t = SignInThrottle.Policy.DEFAULT;
      throttlePolicy = new SignInThrottle.Policy(t.window(), t.unfamiliarPerAddress(), failuresPerAddress, t.unfamiliarOverall());
      var d = AuthPolicy.DEFAULT;
      authPolicy = new AuthPolicy(lockoutThreshold, d.lockoutDuration(), d.lockoutCap(), d.recentFailuresRemembered(),
          d.accessTokenLifetime(), d.refreshTokenLifetime(), d.minimumPasswordLength());
      var server = AccountAdminServer.start(this);
      Runtime.getRuntime().addShutdownHook(new Thread(server::close, "accountadmin-shutdown"));
      server.awaitTermination();
      return 0;
    }
  }

  private final Server server;
  private final HealthStatusManager health;
  private final Database database;
  private final PortalHosting portal;
  private final java.util.List<ExternalDirectory> externals;
  private final Scheduler scheduler;

  private AccountAdminServer(Server server, HealthStatusManager health, Database database, PortalHosting portal,
      java.util.List<ExternalDirectory> externals, Scheduler scheduler) {
    this.server = server;
    this.health = health;
    this.database = database;
    this.portal = portal;
    this.externals = externals;
    this.scheduler = scheduler;
  }

  /** Runs the scheduled offboardings due by the server's clock now; how many this call ran. */
  int runDueSchedules() {
    return scheduler.runDue();
  }

  public static void main(String[] args) {
    System.exit(commandLine(System.getenv(), new PrintStream(System.err, true, StandardCharsets.UTF_8)).execute(args));
  }

  /** The v1alpha reflection service, deprecated but still the only one older grpcurl releases speak. */
  @SuppressWarnings("deprecation")
  private static io.grpc.BindableService v1alphaReflection() {
    return ProtoReflectionService.newInstance();
  }

  /**
   * The command line {@code main} runs: a {@link StartupFailure} is one localized sentence on
   * {@code err} (in the language of LC_ALL / LC_MESSAGES / LANG) and its own exit code, not a
   * stack trace.
   */
  static CommandLine commandLine(Map<String, String> env, PrintStream err) {
    var commandLine = new CommandLine(new Config());
    commandLine.setExecutionExceptionHandler((e, line, parsed) -> {
      if (e instanceof StartupFailure failure) {
        var messages = Messages.of(Locales.fromEnvironment(null, env), ZoneOffset.UTC);
        err.println(messages.render(failure.messageKey(), failure.arguments()));
        err.flush();
        return failure.kind().exitCode();
      }
      throw e;
    });
    return commandLine;
  }

  /**
   * Binds the port, opens the database, bootstraps it if new, and starts serving. The port comes
   * first: a server that cannot listen must not create a directory or print a password it will
   * never serve.
   *
   * @throws StartupFailure when the port is taken or the database is readable by others
   */
  public static AccountAdminServer start(Config config) throws IOException {
    quietLibraries();
    var health = new HealthStatusManager();
    health.setStatus("", ServingStatus.NOT_SERVING);
    // The services need the database, which comes after the bind: they join this registry.
    var services = new MutableHandlerRegistry();
    Server server;
    try {
      server = NettyServerBuilder.forAddress(new InetSocketAddress(config.bind, config.port))
          .maxInboundMetadataSize(CallContext.TRANSPORT_METADATA_LIMIT)
          .fallbackHandlerRegistry(services)
          .addService(RequestParsing.of(health.getHealthService()))
          .addService(RequestParsing.of(ProtoReflectionServiceV1.newInstance()))
          .addService(RequestParsing.of(v1alphaReflection()))
          .build()
          .start();
    } catch (IOException e) {
      // Netty's native transport reports EADDRINUSE in an exception of its own: ask the JDK.
      if (causedBy(e, BindException.class) || portTaken(config.bind, config.port)) {
        throw new StartupFailure(StartupFailure.Kind.PORT_IN_USE,
            Map.of("bind", config.bind, "port", Integer.toString(config.port)), e);
      }
      throw e;
    }
    // Read before anything is created: a file that cannot be used stops the server with nothing made.
    var configured = new java.util.LinkedHashMap<DirectoriesFile.Entry, dev.accountadmin.connector.Connector>();
    if (config.directoriesFile != null) {
      try {
        for (var entry : DirectoriesFile.read(config.directoriesFile, config.env)) {
          configured.put(entry, Connectors.open(entry, config.clock));
        }
      } catch (IllegalArgumentException e) {
        server.shutdownNow();
        configured.values().forEach(dev.accountadmin.connector.Connector::close);
        // The problem names settings and files, never a secret's value.
        throw new StartupFailure(StartupFailure.Kind.DIRECTORIES_FILE_INVALID,
            Map.of("file", config.directoriesFile.toString(), "problem", e.getMessage()), e);
      }
    }
    Database database = null;
    var externals = new java.util.ArrayList<ExternalDirectory>();
    Scheduler scheduler = null;
    try {
      var sqliteFile = sqliteFile(config.jdbcUrl());
      if (sqliteFile != null) {
        dev.accountadmin.server.store.SqliteNative.useUnpacked();
        DataDirectory.prepare(sqliteFile);
      }
      database = Database.open(config.jdbcUrl(), config.databaseUser, config.databasePassword, config.clock);
      var port = database;
      var clock = config.clock;
      var secrets = new Secrets(new SecureRandom());
      var tokens = AccessTokens.fromJwk(secret(port, "access-token-key", AccessTokens::generateKey, clock));
      var fingerprintKey = secret(port, "failure-fingerprint-key", secrets::token, clock).getBytes(StandardCharsets.US_ASCII);
      // Authenticator keys are sealed under a key of their own, shared by every replica.
      var methodSecrets = new SecretBox(Base64.getDecoder().decode(secret(port, "authenticator-key", () -> {
        var key = new byte[32];
        secrets.random().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
      }, clock)), secrets.random());
      var authentication = new Authentication(port, config.hasher, secrets, tokens, config.authPolicy, clock,
          fingerprintKey, new SignInThrottle(port, config.throttlePolicy, clock), methodSecrets);
      var authenticators = new Authenticators(port, config.hasher, secrets, methodSecrets, clock);
      var directories = Directories.of(port, new HashedPasswords(config.hasher, secrets, config.authPolicy));
      if (!configured.isEmpty()) {
        var passwords = new DirectoryPasswords(secrets, config.authPolicy);
        for (var entry : configured.keySet()) {
          var external = new ExternalDirectory(entry.name(), configured.get(entry), port, clock);
          externals.add(external);
          directories = directories.with(external, passwords, entry.upnSuffixes());
        }
      }
      var directory = new Directory(directories, clock);
      var domain = new Bootstrap(port, config.hasher, secrets, clock, config.out)
          .run(config.domain, config.bootstrapPassword, config.demo ? config.demoUsers : -1);
      var mail = new MailFlow(port, config.outboundPolicy, clock, domain);
      var procedures = new Procedures(port, directory, clock);
      var idempotencyKey = Base64.getDecoder().decode(secret(port, "idempotency-key", () -> {
        var key = new byte[32];
        secrets.random().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
      }, clock));
      var templates = new Templates(port, directory, clock);
      var templateOptions = new TemplateOptions(templates);
      var scheduling = new Scheduling(new Schedules(port, directory, clock, config.schedulePolicy()), templates, templateOptions);
      scheduler = new Scheduler(port, procedures, clock,
          config.schedulerInterval != null ? config.schedulerInterval : Duration.ofSeconds(config.schedulerSeconds));
      var service = new AccountAdminService(directory, procedures, new BatchOffboard(port, procedures, clock, templateOptions),
          new Idempotency(port, clock, idempotencyKey, secrets.random()), clock, scheduling);

      var selfService = new dev.accountadmin.server.auth.SelfServiceRecovery(port, config.hasher, secrets, methodSecrets,
          config.authPolicy, config.selfServicePolicy, clock,
          secret(port, "self-service-code-key", secrets::token, clock).getBytes(StandardCharsets.US_ASCII),
          codeMail(config, domain));
      var context = new CallContext(authentication);
      var errors = new ErrorInterceptor();
      // Every service parses its requests in the call (RequestParsing), so garbage is INVALID_ARGUMENT.
      // Parsing wraps the interceptors, which thus see typed requests (the audience of a sign-in).
      services.addService(RequestParsing.of(ServerInterceptors.intercept(service, context, errors)));
      services.addService(RequestParsing.of(ServerInterceptors.intercept(new AuthService(authentication, authenticators), context, errors)));
      services.addService(RequestParsing.of(ServerInterceptors.intercept(new MailFlowService(mail, new DeviceSync(port, clock),
          new dev.accountadmin.server.mail.MailboxAccess(port, clock), authentication), context, errors)));
      services.addService(RequestParsing.of(ServerInterceptors.intercept(new SelfServiceService(selfService), context, errors)));
      health.setStatus("", ServingStatus.SERVING);
      config.out.printf("AccountAdmin ready on %s:%d (%s)%n", config.bind, server.getPort(),
          database.dialect() == Dialect.SQLITE ? config.jdbcUrl() : "PostgreSQL");
      config.out.flush();
      // After the ready line: the API's start-up time does not wait for the web server's.
      var portal = config.portalPort != 0 || config.portalOnAnyPort
          ? PortalHosting.start(services, portalSettings(config), config.portalJar, config.out, config.err,
              Messages.of(Locales.fromEnvironment(null, config.env), ZoneOffset.UTC)) : null;
      authentication.warmUp();
      return new AccountAdminServer(server, health, database, portal, externals, scheduler);
    } catch (RuntimeException | IOException e) {
      server.shutdownNow();
      externals.forEach(ExternalDirectory::close);
      if (scheduler != null) {
        scheduler.close();
      }
      if (database != null) {
        database.close();
      }
      throw e;
    }
  }

  private static Map<String, String> portalSettings(Config config) {
    var settings = new java.util.HashMap<String, String>();
    settings.put("bind", config.bind);
    settings.put("port", Integer.toString(config.portalOnAnyPort ? 0 : config.portalPort));
    if (config.portalTlsCert != null) {
      settings.put("tlsCert", config.portalTlsCert.toString());
    }
    if (config.portalTlsKey != null) {
      settings.put("tlsKey", config.portalTlsKey.toString());
    }
    if (config.portalKeystore != null) {
      settings.put("keystore", config.portalKeystore.toString());
      settings.put("keystorePassword", config.portalKeystorePassword == null ? "" : config.portalKeystorePassword);
    }
    return settings;
  }

  /** A secret shared by every replica through the directory, created by the first to start. */
  /** The relay self-service codes go through; without one, a code is not sent and the log says so. */
  private static dev.accountadmin.server.auth.SelfServiceRecovery.CodeMail codeMail(Config config, String domain) {
    if (config.smtpRelay == null || config.smtpRelay.isBlank()) {
      return (address, locale, code, lifetime) -> java.util.logging.Logger.getLogger(AccountAdminServer.class.getName())
          .warning("a self-service code was asked for by email, but no --smtp-relay is configured");
    }
    var sender = config.smtpSender == null || config.smtpSender.isBlank() ? "no-reply@" + domain : config.smtpSender;
    return dev.accountadmin.server.auth.SmtpRelay.parse(config.smtpRelay, sender);
  }

  private static String secret(DirectoryPort port, String name, java.util.function.Supplier<String> create, Clock clock) {
    return port.write(unit -> unit.secrets().getOrCreate(name, create, clock.instant()));
  }

  /** The file of a SQLite URL ({@code jdbc:sqlite:/path}), or null for PostgreSQL and in-memory. */
  static Path sqliteFile(String url) {
    if (!url.startsWith("jdbc:sqlite:")) {
      return null;
    }
    var path = url.substring("jdbc:sqlite:".length());
    path = path.startsWith("file:") ? path.substring("file:".length()) : path;
    int query = path.indexOf('?');
    path = query >= 0 ? path.substring(0, query) : path;
    return path.isEmpty() || path.startsWith(":memory:") ? null : Path.of(path);
  }

  private static boolean portTaken(String bind, int port) {
    try (var probe = new java.net.ServerSocket()) {
      probe.bind(new InetSocketAddress(bind, port));
      return false;
    } catch (BindException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (var t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  public int port() {
    return server.getPort();
  }

  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  /** Stops taking calls, lets in-flight ones finish (30 s at most), then closes the database. */
  @Override
  public void close() {
    if (portal != null) {
      portal.close();
    }
    health.enterTerminalState();
    scheduler.close();
    server.shutdown();
    try {
      if (!server.awaitTermination(30, TimeUnit.SECONDS)) {
        server.shutdownNow();
        server.awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    } finally {
      externals.forEach(ExternalDirectory::close);
      database.close();
    }
  }

  // Flyway and HikariCP announce every start at INFO; the server prints its own ready line.
  private static void quietLibraries() {
    FLYWAY_LOG.setLevel(Level.WARNING);
    HIKARI_LOG.setLevel(Level.WARNING);
  }
}
