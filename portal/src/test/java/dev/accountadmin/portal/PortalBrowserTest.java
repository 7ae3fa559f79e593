package dev.accountadmin.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.accountadmin.i18n.Messages;
import dev.accountadmin.v1.BatchItemState;
import dev.accountadmin.v1.GetBatchRequest;
import dev.accountadmin.v1.GetUserRequest;
import dev.accountadmin.v1.ListUsersRequest;
import dev.accountadmin.v1.User;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import dev.accountadmin.server.store.Dialect;
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
 * The portal as an admin uses it: a real server with its demo directory hosts it, and a real
 * Chromium drives it. One browser and one server for each engine; each test signs in and out. On
 * PostgreSQL the two longest tests (every page in every language, the 50-user batch) are left to
 * SQLite: they exercise the pages, which are the same on both, and would double the module's time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ParameterizedClass
@EnumSource(Dialect.class)
class PortalBrowserTest {
  private static final List<String> LANGUAGES = List.of("en", "fr", "ro", "nl", "sv");
  @TempDir
  static Path temp;
  @Parameter
  Dialect engine;
  private HostedPortal portal;
  private Browser browser;
  /** Demo staff, read once: each test acts on users of its own. */
  private List<String> staff;

  @BeforeParameterizedClassInvocation(injectArguments = false)
  void start() throws Exception {
    portal = new HostedPortal(temp.resolve("data-" + engine), 70, engine, null);
    browser = new Browser(portal.url);
    staff = staff();
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
    browser.open("/users");
    browser.signOut();
  }

  @Test
  void server_printsItsApiReadyLineFirst_thenThePortalsOwnLineWithItsUrl() {
    var api = portal.output.indexOf("AccountAdmin ready on 127.0.0.1:");
    var web = portal.output.indexOf("AccountAdmin portal ready on http://127.0.0.1:");
    assertThat(api).isNotNegative();
    assertThat(web).isGreaterThan(api);
    assertThat(portal.url).doesNotEndWith(":8080");
  }

  @Test
  void wrongPassword_isSaidInTheAdminsLanguage_thenTheRightOneSignsIn() {
    browser.open("/sign-in");
    browser.language("fr");
    browser.signIn(HostedPortal.ADMIN, "not-the-password");
    assertThat(browser.text("#sign-in-error"))
        .isEqualTo(Messages.of(Locale.FRENCH, ZoneOffset.UTC).renderUserError("INVALID_CREDENTIALS", Map.of()));
    assertThat(browser.lang()).isEqualTo("fr");
    browser.check("sign-in-error-fr");

    browser.signIn(HostedPortal.ADMIN, HostedPortal.ADMIN_PASSWORD);
    assertThat(browser.heading()).isEqualTo("Utilisateurs");
    assertThat(browser.driver.getCurrentUrl()).doesNotContain("token").doesNotContain("password");
  }

  @Test
  void lockedDemoUser_isUnlockedInFrench_planThenConfirmThenResult() {
    signIn("fr");
    browser.open("/users?state=locked");
    assertThat(browser.all("table.users tbody tr")).hasSize(1);
    browser.click("a[href='/users/alex.wilber@contoso.com']");
    assertThat(browser.text("#user-state")).startsWith("verrouillé");
    browser.check("user-fr");
    browser.click("#action-unlock");

    assertThat(browser.heading()).isEqualTo("Déverrouiller le compte");
    var planned = outcomes();
    assertThat(planned).contains("PLANNED").doesNotContain("DONE");
    browser.check("plan-unlock-fr");
    assertThat(user("alex.wilber").getLockout().getLocked()).as("a plan changes nothing").isTrue();

    // Submitted twice, as a double click or a retry after a lost answer does: the same request
    // id, so the second is answered with the first's result, not run again.
    ((JavascriptExecutor) browser.driver).executeAsyncScript(
        "const done = arguments[arguments.length - 1]; const form = document.querySelector('form.confirm');"
        + "fetch(form.action, {method: 'POST', body: new URLSearchParams(new FormData(form))}).then(() => done());");
    assertThat(user("alex.wilber").getLockout().getLocked()).isFalse();
    browser.click("#confirm");
    assertThat(browser.text("#result-heading")).isEqualTo("Résultat");
    assertThat(outcomes()).contains("DONE").doesNotContain("PLANNED", "FAILED", "DENIED");
    assertThat(browser.all(".effective")).isNotEmpty();
    // In the admin's zone, named: UTC is « TU » in French.
    assertThat(browser.text(".effective")).startsWith("En vigueur").contains("TU");
    browser.check("result-unlock-fr");
  }

  @Test
  void staffUser_isOffboardedInRomanian_withATemporaryPasswordNowhere() {
    signIn("ro");
    var upn = staff.get(0);
    browser.open("/users/" + upn);
    browser.click("#action-offboard");
    assertThat(browser.heading()).isEqualTo("Efectuați offboardingul utilizatorului");
    browser.find("#option-removeLicences").click();
    browser.click("#replan");
    assertThat(browser.driver.getCurrentUrl()).contains("option=removeLicences");
    assertThat(outcomes()).allMatch(o -> o.equals("PLANNED") || o.equals("ALREADY_DONE") || o.equals("NOT_REQUESTED"));
    browser.check("plan-offboard-ro");
    assertThat(user(upn).hasOffboardTime()).isFalse();

    browser.click("#confirm");
    assertThat(browser.text("#result-heading")).isEqualTo("Rezultat");
    assertThat(outcomes()).doesNotContain("PLANNED", "FAILED", "DENIED");
    // Offboarding sets a password nobody is shown.
    assertThat(browser.all("#temporary-password")).isEmpty();
    browser.check("result-offboard-ro");
    assertThat(user(upn).hasOffboardTime()).isTrue();
    assertThat(user(upn).getSignInBlocked()).isTrue();
  }

  @Test
  void unlockWithAPasswordReset_showsThePasswordOnce_withTheNoticeInTheUsersLanguage() {
    signIn("en");
    // Diego Siciliani's language is Romanian; he is blocked from signing in.
    browser.open("/users/diego.siciliani@contoso.com/actions/unlock?option=resetPassword");
    browser.click("#confirm");
    assertThat(browser.text("#temporary-password")).isNotBlank();
    assertThat(browser.find("#user-notice").getDomAttribute("lang")).isEqualTo("ro");
    browser.check("result-unlock-reset-en");
    browser.open("/users/diego.siciliani@contoso.com");
    assertThat(browser.driver.getPageSource()).doesNotContain("temporary-password");
  }

  @Test
  void csvOf50Users_isOffboardedAsABatch_withProgressToTheEnd() throws Exception {
    assumeTrue(engine == Dialect.SQLITE, "the batch pages are the same on PostgreSQL; BatchOffboardTest runs it there");
    signIn("sv");
    var users = staff.subList(1, 51);
    var csv = temp.resolve("leavers.csv");
    Files.writeString(csv, "userPrincipalName,department\n" + String.join(",Sales\n", users) + ",Sales\n");
    browser.open("/batches/new");
    browser.check("batch-new-sv");
    browser.find("#file").sendKeys(csv.toAbsolutePath().toString());
    browser.click("#upload");
    assertThat(browser.text("#batch-count")).isEqualTo("Filen innehåller 50 användare:");
    browser.check("batch-confirm-sv");
    browser.click("#start-batch");
    browser.waitFor("#batch-complete", Duration.ofSeconds(90));
    var batchId = browser.driver.getCurrentUrl().substring(browser.driver.getCurrentUrl().lastIndexOf('/') + 1);
    assertThat(browser.text("#batch-summary")).startsWith("50 användare klara");
    browser.check("batch-complete-sv");
    var items = portal.api.call(s -> s.getBatch(GetBatchRequest.newBuilder().setBatchId(batchId).build())).getItemsList();
    assertThat(items).hasSize(50).allMatch(i -> i.getState() == BatchItemState.BATCH_ITEM_STATE_DONE);
  }

  @Test
  void formWithoutItsCsrfToken_isRefusedWith403_inTheAdminsLanguage_andNothingIsDone() {
    signIn("nl");
    var upn = staff.get(60);
    browser.open("/users/" + upn + "/actions/block-sign-in");
    ((JavascriptExecutor) browser.driver).executeScript(
        "document.querySelector('form.confirm input[name=csrf]').remove();");
    browser.click("#confirm");
    assertThat(browser.heading()).isEqualTo("Fout");
    assertThat(browser.text("#error-message")).startsWith("Dit formulier is verlopen");
    browser.check("error-csrf-nl");
    assertThat(user(upn).getSignInBlocked()).isFalse();

    // A wrong token is no better than none.
    browser.open("/users/" + upn + "/actions/block-sign-in");
    ((JavascriptExecutor) browser.driver).executeScript(
        "document.querySelector('form.confirm input[name=csrf]').value = 'forged';");
    browser.click("#confirm");
    assertThat(browser.heading()).isEqualTo("Fout");
    assertThat(user(upn).getSignInBlocked()).isFalse();
  }

  @Test
  void aHelpdeskAdmin_seesInThePlanThatTheApiDeniesOffboardingAUserAdmin() {
    browser.open("/sign-in");
    browser.language("en");
    // Lee Gu is a helpdesk admin; Megan Bowen a user admin, whom only a higher role may offboard.
    browser.signIn("lee.gu@contoso.com", "Demo-Passw0rd-2026");
    browser.open("/users/megan.bowen@contoso.com/actions/offboard");
    assertThat(outcomes()).contains("DENIED").doesNotContain("DONE");
    // All or nothing: a procedure with a denied step is not offered to run.
    assertThat(browser.all("#plan-denied")).hasSize(1);
    assertThat(browser.all("#confirm")).isEmpty();
    browser.check("plan-denied-en");
    assertThat(user("megan.bowen").hasOffboardTime()).isFalse();
  }

  @Test
  void anErrorPage_keepsTheAdminSignedIn() {
    signIn("en");
    browser.open("/no-such-page");
    assertThat(browser.driver.getPageSource()).contains("id=\"sign-out\"");
    browser.open("/audit");
    assertThat(browser.all("#verify")).hasSize(1);
  }

  @Test
  void everyPage_inEveryLanguage_hasNoSeriousAccessibilityProblem_andNoEnglishOutsideEnglish() {
    assumeTrue(engine == Dialect.SQLITE, "the same pages on either engine: checked once");
    var english = englishPortalTexts();
    for (var lang : LANGUAGES) {
      browser.open("/sign-in");
      browser.language(lang);
      page("sign-in", lang, english);
      browser.signIn(HostedPortal.ADMIN, HostedPortal.ADMIN_PASSWORD);
      for (var path : List.of("/users", "/users?state=restricted&state=blocked", "/users/adele.vance@contoso.com",
          "/users/adele.vance@contoso.com/actions/secure-compromised", "/users/adele.vance@contoso.com/actions/set-mail-protocols",
          "/restricted-senders", "/batches/new", "/audit", "/guides/offboard", "/settings", "/no-such-page")) {
        browser.open(path);
        page(path.substring(1).replaceAll("[^a-z-]+", "_"), lang, english);
      }
      browser.open("/audit");
      browser.click("#verify");
      assertThat(browser.all("#audit-verified")).as(browser.text("main")).hasSize(1);
      page("audit-verified", lang, english);
      browser.signOut();
    }
  }

  private void page(String name, String lang, List<String> english) {
    assertThat(browser.lang()).isEqualTo(lang);
    browser.check(name + "-" + lang);
    if (!lang.equals("en")) {
      var text = browser.find("body").getText();
      assertThat(english).as("English on the %s page in %s", name, lang).noneMatch(text::contains);
    }
  }

  /** The English texts of the portal's own keys that have words of two or more. */
  static List<String> englishPortalTexts() {
    var m = Messages.of(Locale.ENGLISH, ZoneOffset.UTC);
    var texts = new ArrayList<String>();
    for (var key : m.keys()) {
      if (key.startsWith("portal.") && !key.equals("portal.time") && !key.contains("Count")) {
        try {
          var text = m.render(key, Map.of());
          if (!text.contains("{") && text.trim().contains(" ")) {
            texts.add(text);
          }
        } catch (IllegalArgumentException e) {
          // a message with arguments: its words are checked where it renders
        }
      }
    }
    return texts;
  }

  private void signIn(String lang) {
    browser.open("/sign-in");
    browser.language(lang);
    browser.signIn(HostedPortal.ADMIN, HostedPortal.ADMIN_PASSWORD);
    assertThat(browser.driver.getCurrentUrl()).endsWith("/users");
  }

  private List<String> outcomes() {
    return browser.all("#steps li").stream().map(e -> e.getDomAttribute("data-outcome")).toList();
  }

  private User user(String localPart) {
    var upn = localPart.contains("@") ? localPart : localPart + "@contoso.com";
    return portal.api.call(s -> s.getUser(GetUserRequest.newBuilder().setName("users/" + upn).build())).getUser();
  }

  /** Demo staff (no admin role, no special state), in a stable order. */
  private List<String> staff() {
    var names = new ArrayList<String>();
    String token = "";
    do {
      var pageToken = token;
      var response = portal.api.call(s -> s.listUsers(ListUsersRequest.newBuilder().setPageSize(200).setPageToken(pageToken).build()));
      for (var u : response.getUsersList()) {
        if (u.getAdminRolesCount() == 0 && !u.getSignInBlocked() && !u.getLockout().getLocked()
            && !u.getMailbox().hasSendingRestriction() && !u.hasOffboardTime()
            && !List.of("alex.wilber", "diego.siciliani", "adele.vance").contains(u.getUserPrincipalName().split("@")[0])) {
          names.add(u.getUserPrincipalName());
        }
      }
      token = response.getNextPageToken();
    } while (!token.isEmpty());
    return names;
  }
}
