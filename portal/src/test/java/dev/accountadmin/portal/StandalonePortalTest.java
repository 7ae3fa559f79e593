package dev.accountadmin.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accountadmin.client.AccountAdminClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The portal on its own ({@code accountadmin-portal --server host:port}), a client of a server
 * over the network, with a clock the test moves: sessions that run out, cookies, headers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StandalonePortalTest {
  @TempDir
  static Path temp;
  private HostedPortal server;
  private AccountAdminClient api;
  private Portal portal;
  private final MovableClock clock = new MovableClock();
  private Browser browser;

  @BeforeAll
  void start() throws Exception {
    server = new HostedPortal(temp.resolve("data"), 0);
    api = AccountAdminClient.connect("127.0.0.1:" + server.server.port(), null);
    portal = Portal.start(api, PortalSettings.plain("127.0.0.1", 0).withClock(clock));
    browser = new Browser(portal.url());
  }

  @AfterAll
  void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (portal != null) {
      portal.close();
    }
    if (api != null) {
      api.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aSessionLeftAloneTooLong_sendsTheAdminBackToSignIn_inTheAdminsLanguage() {
    browser.open("/sign-in");
    browser.language("sv");
    browser.signIn(HostedPortal.ADMIN, HostedPortal.ADMIN_PASSWORD);
    assertThat(browser.heading()).isEqualTo("Användare");
    var cookie = browser.driver.manage().getCookieNamed(Web.SESSION_COOKIE);
    assertThat(cookie.isHttpOnly()).isTrue();
    assertThat(cookie.getSameSite()).isEqualTo("Strict");
    assertThat(cookie.isSecure()).as("plain HTTP on loopback").isFalse();

    clock.advance(PortalSettings.DEFAULT_SESSION_IDLE.plusMinutes(1));
    browser.open("/users");
    assertThat(browser.driver.getCurrentUrl()).endsWith("/sign-in?expired=1");
    assertThat(browser.lang()).isEqualTo("sv");
    assertThat(browser.text("#sign-in-error")).isEqualTo("Din session har gått ut. Logga in igen.");
    browser.check("sign-in-expired-sv");

    // Signing in again works, and the old session id is worth nothing.
    browser.signIn(HostedPortal.ADMIN, HostedPortal.ADMIN_PASSWORD);
    assertThat(browser.heading()).isEqualTo("Användare");
    assertThat(browser.driver.manage().getCookieNamed(Web.SESSION_COOKIE).getValue()).isNotEqualTo(cookie.getValue());
  }

  @Test
  void aPasswordWaitingForItsVerificationCode_isForgottenAfterFiveMinutes_andNothingIsTriedWithIt() {
    var upn = "slow.typist@contoso.com";
    var password = "Slow-Typist-Pass-42";
    server.createUser(upn, password, dev.accountadmin.v1.AdminRole.ADMIN_ROLE_HELPDESK_ADMIN);
    var self = server.signedIn(upn, password, dev.accountadmin.v1.ClientApp.CLIENT_APP_ADMIN_API);
    var begun = self.auth(s -> s.beginTotpRegistration(dev.accountadmin.v1.BeginTotpRegistrationRequest.getDefaultInstance()));
    // This server keeps real time: the code is the one a phone shows now.
    self.auth(s -> s.confirmTotpRegistration(dev.accountadmin.v1.ConfirmTotpRegistrationRequest.newBuilder()
        .setMethodId(begun.getMethodId()).setVerificationCode(dev.accountadmin.server.auth.Totp.code(
            dev.accountadmin.server.auth.Totp.fromBase32(begun.getSecret()), java.time.Instant.now())).build()));

    browser.open("/sign-in");
    browser.language("nl");
    browser.signIn(upn, password);
    assertThat(browser.driver.getCurrentUrl()).endsWith(SecondFactorPages.PATH);
    clock.advance(PendingSignIns.LIFETIME.plusSeconds(1));
    browser.find("#code").sendKeys("000000");
    browser.click("#verify-code");
    assertThat(browser.text("#sign-in-error"))
        .isEqualTo("De aanmelding duurde te lang, dus de portal bewaart uw wachtwoord niet meer. Meld u opnieuw aan.");
    assertThat(browser.all("#password")).hasSize(1);
    // The portal sent nothing: no wrong code was counted against the user.
    var user = server.api.call(s -> s.getUser(dev.accountadmin.v1.GetUserRequest.newBuilder().setName("users/" + upn)
        .build())).getUser();
    assertThat(user.getLockout().getFailedAttempts()).isZero();
    browser.check("sign-in-code-expired-nl");
  }

  @Test
  void withAConfiguredCertificate_thePortalSpeaksHttps_andItsSessionCookieIsSecure() throws Exception {
    var keystore = temp.resolve("portal.p12");
    var keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    var made = new ProcessBuilder(keytool, "-genkeypair", "-alias", "portal", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
        "-keystore", keystore.toString(), "-storepass", "test-store-pass").redirectErrorStream(true).start();
    assertThat(made.waitFor()).isZero();
    try (var tls = Portal.start(api, PortalSettings.plain("127.0.0.1", 0).withKeystore(keystore, "test-store-pass"))) {
      assertThat(tls.url()).startsWith("https://127.0.0.1:");
      var trust = java.security.KeyStore.getInstance("PKCS12");
      try (var in = java.nio.file.Files.newInputStream(keystore)) {
        trust.load(in, "test-store-pass".toCharArray());
      }
      var trustManagers = javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
      trustManagers.init(trust);
      var ssl = javax.net.ssl.SSLContext.getInstance("TLS");
      ssl.init(null, trustManagers.getTrustManagers(), null);
      var http = HttpClient.newBuilder().sslContext(ssl).build();
      var page = http.send(HttpRequest.newBuilder(URI.create(tls.url() + "/sign-in")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("Set-Cookie").orElseThrow()).contains("Secure").contains("HttpOnly");
      assertThat(page.headers().firstValue("Strict-Transport-Security")).isPresent();
    }
  }

  @Test
  void everyAnswer_carriesAStrictContentSecurityPolicy_andAPostWithoutToken_is403() throws Exception {
    var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    var page = http.send(HttpRequest.newBuilder(URI.create(portal.url() + "/sign-in"))
        .header("Accept-Language", "ro-RO,ro;q=0.9").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(Portal.CONTENT_SECURITY_POLICY);
    assertThat(Portal.CONTENT_SECURITY_POLICY).contains("script-src 'self'").doesNotContain("unsafe-inline");
    assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    // Accept-Language decides the language when the admin chose none.
    assertThat(page.body()).contains("<html lang=\"ro\">").contains("Conectare");
    assertThat(page.body()).doesNotContain("<script>").doesNotContain("style=");
    var cookie = page.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict");

    var forged = http.send(HttpRequest.newBuilder(URI.create(portal.url() + "/sign-in"))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Accept-Language", "ro")
        .header("Cookie", cookie.substring(0, cookie.indexOf(';')))
        .POST(HttpRequest.BodyPublishers.ofString("user=admin%40contoso.com&password=x")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.body()).contains("Acest formular a expirat");
  }
}
