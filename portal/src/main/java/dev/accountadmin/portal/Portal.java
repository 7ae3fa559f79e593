package dev.accountadmin.portal;

import dev.accountadmin.client.AccountAdminClient;
import dev.accountadmin.client.AccountAdminException;
import io.grpc.Status;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.staticfiles.Location;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The admin portal: Javalin serving compiled JTE pages, every one of them a client of the
 * AccountAdmin API. It adds what a browser needs and the API cannot give: sessions in HttpOnly,
 * SameSite=Strict cookies, a CSRF token on every form, a strict Content-Security-Policy, and the
 * admin's language and time zone. The API decides every permission.
 */
public final class Portal implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Portal.class.getName());
  // Held, so that the levels set on them last: Javalin and Jetty announce every start at INFO,
  // and the portal prints its own ready line.
  private static final Logger JAVALIN_LOG = Logger.getLogger("io.javalin");
  private static final Logger JETTY_LOG = Logger.getLogger("org.eclipse.jetty");
  /** No inline script or style anywhere; scripts, styles and forms only from the portal itself. */
  static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
      + "img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  private final Javalin app;
  private final PortalSettings settings;
  private final BatchRuns runs;

  private Portal(Javalin app, PortalSettings settings, BatchRuns runs) {
    this.app = app;
    this.settings = settings;
    this.runs = runs;
  }

  /** Starts serving; the client's channel stays the caller's. */
  public static Portal start(AccountAdminClient api, PortalSettings settings) {
    JAVALIN_LOG.setLevel(Level.WARNING);
    JETTY_LOG.setLevel(Level.WARNING);
    var web = new Web(api, new Sessions(settings.clock(), settings.sessionIdle()), settings);
    var app = Javalin.create(config -> {
      config.showJavalinBanner = false;
      config.startupWatcherEnabled = false;
      config.staticFiles.add(files -> {
        files.hostedPath = "/static";
        files.directory = "/dev/accountadmin/portal/static";
        files.location = Location.CLASSPATH;
      });
      config.jetty.defaultHost = settings.bind();
      config.jetty.defaultPort = settings.port();
      if (settings.tls()) {
        config.jetty.addConnector((server, http) -> {
          var ssl = new SslContextFactory.Server();
          ssl.setKeyStore(TlsKeys.keyStore(settings));
          ssl.setKeyStorePassword(TlsKeys.PASSWORD);
          http.addCustomizer(new SecureRequestCustomizer());
          var connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
              new HttpConnectionFactory(http));
          connector.setHost(settings.bind());
          connector.setPort(settings.port());
          return connector;
        });
      }
    });
    app.before(ctx -> secure(ctx, web));
    // htmx from its webjar, read through the portal's own class loader (the server hosts the
    // portal in a loader of its own, which Jetty's class-path resources would not look in).
    app.get(Assets.HTMX, ctx -> {
      ctx.header("Cache-Control", "max-age=86400");
      ctx.contentType("text/javascript");
      ctx.result(Portal.class.getResourceAsStream("/META-INF/resources" + Assets.HTMX));
    });
    SignInPages.routes(app, web);
    UserPages.routes(app, web);
    ActionPages.routes(app, web);
    var runs = new BatchRuns();
    BatchPages.routes(app, web, runs);
    AuditPages.routes(app, web);
    GuidePages.routes(app, web);
    SettingsPages.routes(app, web);
    SelfServicePages.routes(app, web);
    SecondFactorPages.routes(app, web);
    MethodPages.routes(app, web);
    SchedulePages.routes(app, web);
    app.exception(Web.SignInRequired.class, (e, ctx) -> toSignIn(ctx, web));
    app.exception(CsrfRejected.class, (e, ctx) -> ErrorPages.show(ctx, web, 403, "portal.error.csrf"));
    app.exception(AccountAdminException.class, (e, ctx) -> {
      if (e.code() == Status.Code.UNAUTHENTICATED) {
        web.sessions.remove(web.existingSession(ctx));
        ctx.redirect("/sign-in?expired=1", io.javalin.http.HttpStatus.SEE_OTHER);
        return;
      }
      ErrorPages.apiError(ctx, web, e);
    });
    app.exception(Exception.class, (e, ctx) -> {
      // The class only: an exception's message could hold what the admin typed.
      LOG.log(Level.WARNING, "portal page failed: {0} at {1}", new Object[] {e.getClass().getName(), ctx.path()});
      ErrorPages.show(ctx, web, 500, "portal.error.internal");
    });
    // Javalin's own answers (no such page, a malformed form) in the admin's language too.
    app.error(404, ctx -> {
      if (ctx.attribute(ErrorPages.SHOWN) == null) {
        ErrorPages.show(ctx, web, 404, "portal.error.notFound");
      }
    });
    app.error(400, ctx -> {
      if (ctx.attribute(ErrorPages.SHOWN) == null) {
        ErrorPages.show(ctx, web, 400, "portal.error.badRequest");
      }
    });
    app.start();
    return new Portal(app, settings, runs);
  }

  private static void secure(Context ctx, Web web) {
    ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("X-Frame-Options", "DENY");
    if (web.settings.tls()) {
      ctx.header("Strict-Transport-Security", "max-age=31536000");
    }
    if (ctx.path().startsWith("/static/") || ctx.path().startsWith("/webjars/")) {
      return;
    }
    // Pages show temporary passwords and user data: never kept by the browser or a proxy.
    ctx.header("Cache-Control", "no-store");
    if (ctx.method() == HandlerType.POST) {
      var cookie = ctx.cookie(Web.SESSION_COOKIE);
      var session = web.existingSession(ctx);
      if (session == null && web.sessions.expired(cookie)) {
        throw new Web.SignInRequired();
      }
      if (session == null || !Sessions.sameToken(session.csrf, ctx.formParam("csrf"))) {
        throw new CsrfRejected();
      }
    }
  }

  private static void toSignIn(Context ctx, Web web) {
    boolean expired = web.sessions.expired(ctx.cookie(Web.SESSION_COOKIE));
    ctx.redirect(expired ? "/sign-in?expired=1" : "/sign-in", io.javalin.http.HttpStatus.SEE_OTHER);
  }

  /** The address to open, such as {@code http://127.0.0.1:8080}. */
  public String url() {
    var host = settings.bind().contains(":") ? "[" + settings.bind() + "]" : settings.bind();
    return (settings.tls() ? "https" : "http") + "://" + host + ":" + app.port();
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
    // A batch cut off here is left for a resume: its id is its request id.
    runs.close();
  }

  /** A form came without the session's CSRF token, or with another. */
  static final class CsrfRejected extends RuntimeException {
    CsrfRejected() {
      super(null, null, false, false);
    }
  }
}
