package dev.accountadmin.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.accountadmin.client.AccountAdminClient;
import dev.accountadmin.client.AccountAdminException;
import dev.accountadmin.i18n.Messages;
import dev.accountadmin.server.auth.Totp;
import dev.accountadmin.v1.BeginTotpRegistrationRequest;
import dev.accountadmin.v1.ClientApp;
import dev.accountadmin.v1.ConfirmTotpRegistrationRequest;
import dev.accountadmin.v1.GetUserRequest;
import dev.accountadmin.v1.ListUsersRequest;
import dev.accountadmin.v1.SetAlternateEmailRequest;
import dev.accountadmin.v1.SignInRequest;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * "I can't sign in" in a real Chromium against a real server hosting the portal, which relays
 * mail to a real SMTP server inside the test (GreenMail): a locked-out demo user unlocks with
 * their authenticator app in Swedish, another sets a new password with an emailed code in Dutch,
 * an unknown user sees what a real one sees, and every page passes axe in all five languages.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SelfServiceBrowserTest {
  private static final List<String> LANGUAGES = List.of("en", "fr", "ro", "nl", "sv");
  private static final String DEMO_PASSWORD = "Demo-Passw0rd-2026";
  private static final String NEW_PASSWORD = "Tulpen-Gracht-Fiets-77";
  private static final Pattern CODE = Pattern.compile("\\b([0-9]{8})\\b");
  @TempDir
  static Path temp;
  private GreenMail smtp;
  private HostedPortal portal;
  private Browser browser;
  private AccountAdminClient anonymous;
  private List<String> staff;

  @BeforeAll
  void start() throws Exception {
    smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    smtp.start();
    portal = new HostedPortal(temp.resolve("data"), 20,
        config -> config.smtpRelay("127.0.0.1:" + smtp.getSmtp().getPort()));
    browser = new Browser(portal.url);
    anonymous = AccountAdminClient.connect("127.0.0.1:" + portal.server.port(), null);
    staff = staff();
  }

  @AfterAll
  void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (anonymous != null) {
      anonymous.close();
    }
    if (portal != null) {
      portal.close();
    }
    if (smtp != null) {
      smtp.stop();
    }
  }

  @BeforeEach
  void noMail() throws Exception {
    smtp.purgeEmailFromAllMailboxes();
  }

  @Test
  void lockedOutUser_unlocksWithTheAuthenticatorApp_inSwedish_andKeepsThePassword() {
    var user = staff.get(0);
    var key = registerAuthenticator(user);
    lockOut(user);

    browser.open("/sign-in");
    browser.language("sv");
    browser.click("#cannot-sign-in");
    assertThat(browser.heading()).isEqualTo("Jag kan inte logga in");
    browser.find("#self-user").sendKeys(user);
    browser.click("#self-continue");
    assertThat(browser.heading()).isEqualTo("Ange din verifieringskod");
    assertThat(browser.text("#self-instructions")).startsWith("Öppna autentiseringsappen").contains(user);
    // The registration spent this time step's code: the app's next one is what the user types.
    browser.find("#self-code").sendKeys(Totp.code(key, Instant.now().plusSeconds(30)));
    browser.click("#self-confirm");

    assertThat(browser.heading()).isEqualTo("Ditt konto");
    assertThat(browser.text("#self-result")).startsWith("Utelåsningen av ditt konto " + user + " hävdes");
    browser.check("self-service-unlocked-sv");
    assertThat(portal.api.call(s -> s.getUser(GetUserRequest.newBuilder().setName("users/" + user).build()))
        .getUser().getLockout().getLocked()).isFalse();
    // The password is still theirs: it is right, and only the second factor is asked for now.
    var signIn = catchThrowableOfType(AccountAdminException.class, () -> signIn(user, DEMO_PASSWORD));
    assertThat(signIn.reason()).isEqualTo("MFA_CODE_REQUIRED");
  }

  @Test
  void lockedOutUser_setsANewPasswordWithAnEmailedCode_inDutch_thenSignsInWithIt() throws Exception {
    var user = staff.get(1);
    setAlternateEmail(user, "thuis@example.net");
    lockOut(user);

    browser.open("/self-service");
    browser.language("nl");
    assertThat(browser.heading()).isEqualTo("Ik kan me niet aanmelden");
    browser.find("#self-user").sendKeys(user);
    browser.find("#method-email").click();
    browser.click("#self-continue");
    assertThat(browser.text("#self-instructions")).startsWith("Als het account " + user);
    var code = mailedCode("thuis@example.net", "Uw verificatiecode is");
    browser.find("#self-code").sendKeys(code);
    browser.find("#choice-password").click();
    browser.find("#self-new-password").sendKeys(NEW_PASSWORD);
    browser.click("#self-confirm");

    assertThat(browser.heading()).isEqualTo("Uw account");
    assertThat(browser.text("#self-result")).startsWith("Uw nieuwe wachtwoord voor het account " + user + " geldt sinds")
        .contains("De ene sessie die open was, is afgemeld.");
    browser.check("self-service-password-nl");
    assertThat(browser.driver.getCurrentUrl()).doesNotContain(code).doesNotContain(NEW_PASSWORD);
    assertThat(catchThrowableOfType(AccountAdminException.class, () -> signIn(user, DEMO_PASSWORD)).reason())
        .isEqualTo("INVALID_CREDENTIALS");
    assertThat(signIn(user, NEW_PASSWORD)).isNotEmpty();
    browser.click("#self-sign-in");
    browser.signIn(user, NEW_PASSWORD);
    assertThat(browser.all("#sign-in-error")).isEmpty();
    assertThat(browser.driver.getCurrentUrl()).doesNotEndWith("/sign-in");
  }

  @Test
  void unknownUser_seesTheSamePageAsARealOne() {
    var real = staff.get(2);
    setAlternateEmail(real, "real@example.net");
    var ghost = "nobody.here@contoso.com";
    browser.open("/self-service");
    browser.language("en");

    var realPage = codePage(real);
    var ghostPage = codePage(ghost);

    assertThat(mask(ghostPage, ghost)).isEqualTo(mask(realPage, real));
    browser.find("#self-code").sendKeys("12345678");
    browser.click("#self-confirm");
    var ghostWrong = browser.text("#self-error");
    codePage(real);
    browser.find("#self-code").sendKeys("12345678");
    browser.click("#self-confirm");
    assertThat(browser.text("#self-error")).isEqualTo(ghostWrong)
        .isEqualTo(Messages.of(Locale.ENGLISH, ZoneOffset.UTC).renderUserError("RECOVERY_CODE_INVALID",
            Map.of("attemptsLeft", "4")));
  }

  @Test
  void everySelfServicePage_inEveryLanguage_passesAxe_andHasNoEnglishOutsideEnglish() throws Exception {
    var english = englishPortalTexts();
    for (var lang : LANGUAGES) {
      // A user per language: each round's attempts stay under the limit one user name has.
      var user = staff.get(3 + LANGUAGES.indexOf(lang));
      setAlternateEmail(user, "alt@example.net");
      smtp.purgeEmailFromAllMailboxes();
      browser.open("/sign-in");
      browser.language(lang);
      page("sign-in-link", lang, english);
      browser.click("#cannot-sign-in");
      page("self-service-start", lang, english);
      browser.find("#self-user").sendKeys(user);
      browser.find("#method-email").click();
      browser.click("#self-continue");
      page("self-service-code", lang, english);
      var code = mailedCode("alt@example.net", null);
      browser.find("#self-code").sendKeys("00000000".equals(code) ? "11111111" : "00000000");
      browser.click("#self-confirm");
      assertThat(browser.all("#self-error")).hasSize(1);
      page("self-service-wrong-code", lang, english);
      browser.find("#self-code").sendKeys(code);
      browser.click("#self-confirm");
      assertThat(browser.all("#self-result")).hasSize(1);
      page("self-service-done", lang, english);
    }
  }

  /** Begins an emailed-code recovery for {@code user} and answers the code page's text. */
  private String codePage(String user) {
    browser.open("/self-service");
    browser.find("#self-user").sendKeys(user);
    browser.find("#method-email").click();
    browser.click("#self-continue");
    return browser.text("main");
  }

  private static String mask(String text, String user) {
    return text.replace(user, "USER").replaceAll("[0-9]", "#");
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
  private static List<String> englishPortalTexts() {
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

  /** The code in the one mail to {@code to}, which says {@code sentence} when given. */
  private String mailedCode(String to, String sentence) throws Exception {
    assertThat(smtp.waitForIncomingEmail(20_000, 1)).isTrue();
    var mail = smtp.getReceivedMessages()[0];
    assertThat(mail.getAllRecipients()[0].toString()).isEqualTo(to);
    var text = mail.getContent().toString();
    if (sentence != null) {
      assertThat(text).contains(sentence);
    }
    var matcher = CODE.matcher(text);
    assertThat(matcher.find()).isTrue();
    return matcher.group(1);
  }

  private String signIn(String user, String password) {
    return anonymous.auth(s -> s.signIn(SignInRequest.newBuilder().setUserPrincipalName(user).setPassword(password)
        .setClientApp(ClientApp.CLIENT_APP_BROWSER).build())).getAccessToken();
  }

  private byte[] registerAuthenticator(String user) {
    var self = anonymous.withToken(signIn(user, DEMO_PASSWORD));
    var begun = self.auth(s -> s.beginTotpRegistration(BeginTotpRegistrationRequest.newBuilder()
        .setDisplayName("Phone").build()));
    var key = Totp.fromBase32(begun.getSecret());
    self.auth(s -> s.confirmTotpRegistration(ConfirmTotpRegistrationRequest.newBuilder()
        .setMethodId(begun.getMethodId()).setVerificationCode(Totp.code(key, Instant.now())).build()));
    return key;
  }

  private void setAlternateEmail(String user, String email) {
    anonymous.withToken(signIn(user, DEMO_PASSWORD))
        .auth(s -> s.setAlternateEmail(SetAlternateEmailRequest.newBuilder().setEmail(email).build()));
  }

  private void lockOut(String user) {
    for (int i = 0; i < 10; i++) {
      var attempt = i;
      catchThrowableOfType(AccountAdminException.class, () -> signIn(user, "wrong-" + attempt));
    }
    var locked = catchThrowableOfType(AccountAdminException.class, () -> signIn(user, DEMO_PASSWORD));
    assertThat(locked.reason()).isEqualTo("ACCOUNT_LOCKED");
  }

  /** Demo staff (no admin role, no special state), in a stable order. */
  private List<String> staff() {
    var names = new ArrayList<String>();
    var response = portal.api.call(s -> s.listUsers(ListUsersRequest.newBuilder().setPageSize(200).build()));
    for (var u : response.getUsersList()) {
      if (u.getAdminRolesCount() == 0 && !u.getSignInBlocked() && !u.getLockout().getLocked()
          && !u.getMailbox().hasSendingRestriction() && !u.hasOffboardTime()
          && !List.of("alex.wilber", "diego.siciliani", "adele.vance").contains(u.getUserPrincipalName().split("@")[0])) {
        names.add(u.getUserPrincipalName());
      }
    }
    return names;
  }
}
