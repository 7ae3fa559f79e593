package dev.accountadmin.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accountadmin.i18n.Messages;
import dev.accountadmin.server.auth.Totp;
import dev.accountadmin.server.store.Dialect;
import dev.accountadmin.v1.AdminRole;
import dev.accountadmin.v1.AuthMethodKind;
import dev.accountadmin.v1.BeginTotpRegistrationRequest;
import dev.accountadmin.v1.ClientApp;
import dev.accountadmin.v1.ConfirmTotpRegistrationRequest;
import dev.accountadmin.v1.GetScheduledOffboardingRequest;
import dev.accountadmin.v1.GetUserRequest;
import dev.accountadmin.v1.ListAuthenticationMethodsRequest;
import dev.accountadmin.v1.ListScheduledOffboardingsRequest;
import dev.accountadmin.v1.OffboardingTime;
import dev.accountadmin.v1.ScheduleState;
import dev.accountadmin.v1.ScheduledOffboarding;
import dev.accountadmin.v1.SignInRequest;
import dev.accountadmin.v1.UpdateScheduledOffboardingRequest;
import dev.accountadmin.v1.ZonedTime;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The portal's sign-in with a second factor, a user's own sign-in methods and scheduled
 * offboardings, in a real Chromium against a real server on SQLite and on PostgreSQL. The server's
 * clock is the test's, so the authenticator codes the test computes are the ones it expects.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ParameterizedClass
@EnumSource(Dialect.class)
class PortalAdminPagesTest {
  private static final String PASSWORD = "Portal-Admin-Pages-Pass-7";
  @TempDir
  static Path temp;
  @Parameter
  Dialect engine;
  private final MovableClock clock = new MovableClock();
  private final java.util.List<String> english = PortalBrowserTest.englishPortalTexts();
  private HostedPortal portal;
  private Browser browser;

  @BeforeParameterizedClassInvocation(injectArguments = false)
  void start() throws Exception {
    portal = new HostedPortal(temp.resolve("pages-" + engine), 5, engine, clock);
    browser = new Browser(portal.url);
  }

  @AfterParameterizedClassInvocation(injectArguments = false)
  void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (portal != null) {
      portal.close();
    }
  }

  @AfterEach
  void signOut() {
    browser.open("/methods");
    browser.signOut();
  }

  @Test
  void anAdminWithAnAuthenticator_isAskedForTheCode_inRomanian_aWrongOneCounts_andTheRightOneSignsIn() {
    var upn = "totp.admin@contoso.com";
    portal.createUser(upn, PASSWORD, AdminRole.ADMIN_ROLE_USER_ADMIN);
    var key = registerAuthenticator(upn);

    browser.open("/sign-in");
    browser.language("ro");
    browser.signIn(upn, PASSWORD);
    assertThat(browser.driver.getCurrentUrl()).endsWith("/sign-in/code");
    assertThat(browser.heading()).isEqualTo("Cod de verificare");
    assertThat(browser.text("#code-intro")).contains(upn);
    // The password is held by the portal, not by the page.
    assertThat(browser.driver.getPageSource()).doesNotContain(PASSWORD);
    check("sign-in-code", "ro");

    var right = Totp.code(key, clock.instant());
    browser.find("#code").sendKeys(wrongCode(key));
    browser.click("#verify-code");
    assertThat(browser.text("#code-error")).isEqualTo(
        Messages.of(Locale.forLanguageTag("ro"), ZoneOffset.UTC).renderUserError("MFA_CODE_INVALID", Map.of()));
    assertThat(user(upn).getLockout().getFailedAttempts()).as("the API counts a wrong code").isEqualTo(1);
    check("sign-in-code-wrong", "ro");

    browser.find("#code").sendKeys(right);
    browser.click("#verify-code");
    assertThat(browser.driver.getCurrentUrl()).endsWith("/users");
    assertThat(browser.heading()).isEqualTo("Utilizatori");
    assertThat(browser.driver.getCurrentUrl()).doesNotContain(right);
    assertThat(user(upn).getLockout().getFailedAttempts()).isZero();
  }

  @Test
  void aUserWithoutAdminRole_landsOnTheirSignInMethods_inFrench_andRegistersAnAppAnEmailAndAnAppPassword() {
    var upn = "camille.user@contoso.com";
    portal.createUser(upn, PASSWORD);
    browser.open("/sign-in");
    browser.language("fr");
    browser.signIn(upn, PASSWORD);
    assertThat(browser.driver.getCurrentUrl()).endsWith("/methods");
    assertThat(browser.heading()).isEqualTo("Mes méthodes de connexion");
    assertThat(browser.all("#methods-none")).hasSize(1);
    // No admin page is offered: the API would refuse every one.
    assertThat(browser.all("a[href='/users']")).isEmpty();
    check("methods-none", "fr");

    browser.click("#begin-authenticator");
    var secret = browser.text("#totp-secret");
    assertThat(browser.text("#totp-uri")).startsWith("otpauth://totp/").contains("secret=" + secret);
    check("methods-totp", "fr");
    var key = Totp.fromBase32(secret);
    browser.find("#totp-code").sendKeys(wrongCode(key));
    browser.click("#confirm-authenticator");
    assertThat(browser.all("#totp-error")).as(browser.driver.getCurrentUrl() + " " + browser.text("main")).hasSize(1);
    assertThat(browser.text("#totp-error")).isEqualTo(
        Messages.of(Locale.FRENCH, ZoneOffset.UTC).renderUserError("MFA_CODE_INVALID", Map.of()));
    assertThat(browser.text("#totp-secret")).isEqualTo(secret);
    browser.find("#totp-code").sendKeys(Totp.code(key, clock.instant()));
    browser.click("#confirm-authenticator");
    assertThat(browser.text("#methods-done")).startsWith("Votre application d’authentification est inscrite");

    browser.find("#alternate-email").sendKeys("camille@example.net");
    browser.click("#save-alternate-email");
    assertThat(browser.text("#methods-done")).isEqualTo("Votre adresse e-mail secondaire est enregistrée.");

    browser.find("#app-password-name").sendKeys("Thunderbird");
    browser.click("#create-app-password");
    var appPassword = browser.text("#app-password");
    assertThat(appPassword).isNotBlank();
    check("methods-app-password", "fr");
    browser.click("#methods-back");
    assertThat(browser.driver.getPageSource()).doesNotContain(appPassword);
    assertThat(browser.all("table.methods tbody tr")).extracting(r -> r.getDomAttribute("data-kind"))
        .containsExactlyInAnyOrder("AUTH_METHOD_KIND_AUTHENTICATOR_APP", "AUTH_METHOD_KIND_ALTERNATE_EMAIL",
            "AUTH_METHOD_KIND_APP_PASSWORD");
    check("methods", "fr");

    var methods = portal.api.call(s -> s.listAuthenticationMethods(ListAuthenticationMethodsRequest.newBuilder()
        .setName("users/" + upn).build())).getMethodsList();
    assertThat(methods).extracting(m -> m.getKind()).containsExactlyInAnyOrder(AuthMethodKind.AUTH_METHOD_KIND_AUTHENTICATOR_APP,
        AuthMethodKind.AUTH_METHOD_KIND_ALTERNATE_EMAIL, AuthMethodKind.AUTH_METHOD_KIND_APP_PASSWORD);
    // The app password the page showed is the one a mail app signs in with.
    assertThat(portal.anonymous().auth(s -> s.signIn(SignInRequest.newBuilder().setUserPrincipalName(upn)
        .setPassword(appPassword).setClientApp(ClientApp.CLIENT_APP_IMAP).build())).getAccessToken()).isNotEmpty();
  }

  @Test
  void anOffboarding_isScheduledInDutch_inTheAdminsZone_changed_refusedWhenStale_thenCancelled() {
    signInAsAdmin("nl");
    var amsterdam = ZoneId.of("Europe/Amsterdam");
    browser.open("/settings");
    new org.openqa.selenium.support.ui.Select(browser.find("#zone")).selectByValue(amsterdam.getId());
    browser.click("#save-settings");
    var upn = "sched.leaver@contoso.com";
    portal.createUser(upn, PASSWORD);

    browser.open("/users/" + upn);
    browser.click("#action-schedule");
    assertThat(browser.heading()).isEqualTo("Offboarding plannen");
    assertThat(browser.find("label[for=at]").getText()).isEqualTo("Datum en tijd (Europe/Amsterdam)");
    check("schedule-new", "nl");
    var day = LocalDate.ofInstant(clock.instant(), amsterdam).plusDays(30);
    type("#at", day + "T18:00");
    browser.click("#schedule");
    assertThat(browser.text("#schedule-done")).isEqualTo("De offboarding is gepland.");
    var scheduled = only(upn);
    var at = ZonedDateTime.of(day, LocalTime.of(18, 0), amsterdam).toInstant();
    assertThat(instant(scheduled)).isEqualTo(at);
    var nl = Messages.of(Locale.forLanguageTag("nl"), amsterdam);
    assertThat(browser.text("#schedule-run-time")).isEqualTo(nl.render("portal.time", Map.of("time", at)));
    check("schedule", "nl");

    type("#at", day + "T19:30");
    browser.click("#change-time");
    assertThat(browser.text("#schedule-done")).isEqualTo("Het nieuwe tijdstip is opgeslagen.");
    assertThat(instant(only(upn))).isEqualTo(ZonedDateTime.of(day, LocalTime.of(19, 30), amsterdam).toInstant());

    // Someone else moves it while the page is open: the page's cancel carries the old version.
    var current = only(upn);
    portal.api.call(s -> s.updateScheduledOffboarding(UpdateScheduledOffboardingRequest.newBuilder()
        .setName(current.getName()).setExpectedVersion(current.getVersion()).setRequestId(UUID.randomUUID().toString())
        .setWhen(OffboardingTime.newBuilder().setAt(ZonedTime.newBuilder().setLocalDateTime(day + "T20:00")
            .setTimeZone(amsterdam.getId()))).build()));
    browser.click("#cancel-schedule");
    assertThat(browser.text("#schedule-error")).startsWith("Iemand anders heeft deze geplande offboarding gewijzigd")
        .endsWith("Breng uw wijziging opnieuw aan als die nog nodig is.");
    assertThat(only(upn).getState()).isEqualTo(ScheduleState.SCHEDULE_STATE_SCHEDULED);
    assertThat(browser.text("#schedule-version")).isEqualTo(Long.toString(only(upn).getVersion()));
    check("schedule-stale", "nl");

    browser.click("#cancel-schedule");
    assertThat(browser.text("#schedule-done")).isEqualTo("De geplande offboarding is geannuleerd: die wordt nooit uitgevoerd.");
    assertThat(only(upn).getState()).isEqualTo(ScheduleState.SCHEDULE_STATE_CANCELLED);
    assertThat(browser.all("#cancel-schedule")).isEmpty();

    browser.click("#schedules-back");
    assertThat(browser.find("tr[data-user='" + upn + "']").getDomAttribute("data-state"))
        .isEqualTo("SCHEDULE_STATE_CANCELLED");
    check("schedules", "nl");
  }

  @Test
  void anOffboarding_isScheduledForTheEndOfTheLastWorkingDay_inTheUsersZone() {
    signInAsAdmin("sv");
    var upn = "last.day@contoso.com";
    portal.createUser(upn, PASSWORD);
    browser.open("/users/" + upn + "/schedule");
    var day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(14);
    browser.find("#kind-last-day").click();
    type("#last-day", day.toString());
    browser.click("#schedule");
    assertThat(browser.text("#schedule-done")).isEqualTo("Avvecklingen är schemalagd.");
    var scheduled = only(upn);
    assertThat(scheduled.getWhen().getEndOfLastWorkingDay().getDate()).isEqualTo(day.toString());
    // The user has no zone of their own: the tenant's default, UTC, at the end of the working day (18:00).
    assertThat(instant(scheduled)).isEqualTo(day.atTime(18, 0).toInstant(ZoneOffset.UTC));
    assertThat(browser.text("#schedule-asked")).isEqualTo(
        "I slutet av sista arbetsdagen, " + day + ", i tidszonen " + scheduled.getTimeZone());
    check("schedule-last-day", "sv");
  }

  /**
   * Axe on the page, its screenshot, and no English text of the portal in it. (PortalBrowserTest
   * checks the older pages in all five languages; these pages are checked in the language each test uses.)
   */
  private void check(String name, String lang) {
    assertThat(browser.lang()).isEqualTo(lang);
    browser.check(name + "-" + lang);
    var text = browser.find("body").getText();
    assertThat(english).as("English on the %s page in %s", name, lang).noneMatch(text::contains);
  }

  /** Registers an authenticator for {@code upn} through the API, as a phone would, and returns its key. */
  private byte[] registerAuthenticator(String upn) {
    var self = portal.signedIn(upn, PASSWORD, ClientApp.CLIENT_APP_ADMIN_API);
    var begun = self.auth(s -> s.beginTotpRegistration(BeginTotpRegistrationRequest.newBuilder().setDisplayName("Phone").build()));
    var key = Totp.fromBase32(begun.getSecret());
    self.auth(s -> s.confirmTotpRegistration(ConfirmTotpRegistrationRequest.newBuilder().setMethodId(begun.getMethodId())
        .setVerificationCode(Totp.code(key, clock.instant())).build()));
    // The confirming code's time step is spent: the sign-in takes the next one.
    clock.advance(Duration.ofSeconds(30));
    return key;
  }

  /** A code that is none of those the server accepts now (this step and one either side). */
  private String wrongCode(byte[] key) {
    var now = clock.instant();
    for (int i = 0; ; i++) {
      var code = String.format("%06d", 123_456 + i);
      if (!code.equals(Totp.code(key, now)) && !code.equals(Totp.code(key, now.minusSeconds(30)))
          && !code.equals(Totp.code(key, now.plusSeconds(30)))) {
        return code;
      }
    }
  }

  private void signInAsAdmin(String lang) {
    browser.open("/sign-in");
    browser.language(lang);
    browser.signIn(HostedPortal.ADMIN, HostedPortal.ADMIN_PASSWORD);
    assertThat(browser.driver.getCurrentUrl()).endsWith("/users");
  }

  /** Sets a date or time input as a person picking in the browser's widget would (its text is locale-shaped). */
  private void type(String css, String value) {
    ((JavascriptExecutor) browser.driver).executeScript("document.querySelector(arguments[0]).value = arguments[1];",
        css, value);
  }

  private ScheduledOffboarding only(String upn) {
    var list = portal.api.call(s -> s.listScheduledOffboardings(ListScheduledOffboardingsRequest.newBuilder()
        .setUser("users/" + upn).build())).getScheduledOffboardingsList();
    assertThat(list).hasSize(1);
    return portal.api.call(s -> s.getScheduledOffboarding(GetScheduledOffboardingRequest.newBuilder()
        .setName(list.get(0).getName()).build())).getScheduledOffboarding();
  }

  private static Instant instant(ScheduledOffboarding s) {
    return Instant.ofEpochSecond(s.getRunTime().getSeconds(), s.getRunTime().getNanos());
  }

  private dev.accountadmin.v1.User user(String upn) {
    return portal.api.call(s -> s.getUser(GetUserRequest.newBuilder().setName("users/" + upn).build())).getUser();
  }
}
