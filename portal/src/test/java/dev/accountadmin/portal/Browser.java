package dev.accountadmin.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven through its own chromedriver (nothing downloaded), with a
 * fresh profile; axe-core injected into each page it is asked to check, and screenshots saved
 * under target/screenshots.
 */
final class Browser implements AutoCloseable {
  static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final String AXE = "/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";

  final ChromeDriver driver;
  final String base;
  private final Path profile;
  private final String axe;

  Browser(String base) throws IOException {
    this.base = base;
    this.profile = Files.createTempDirectory("portal-chromium-");
    var service = new ChromeDriverService.Builder().usingDriverExecutable(new java.io.File("/usr/bin/chromedriver"))
        .usingAnyFreePort().build();
    var options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-dev-shm-usage",
        "--window-size=1280,1000", "--lang=en-US", "--user-data-dir=" + profile.toAbsolutePath());
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US,en"));
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    try (var in = Browser.class.getResourceAsStream(AXE)) {
      axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Files.createDirectories(SCREENSHOTS);
  }

  void open(String path) {
    driver.get(base + path);
  }

  WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  String text(String css) {
    return fresh(() -> find(css).getText());
  }

  String lang() {
    return fresh(() -> find("html").getDomAttribute("lang"));
  }

  /**
   * Runs {@code read} on the current document. An element found just as the document is replaced
   * (the end of a redirect, an htmx swap) belongs to the old one: Chromium then answers "stale" or
   * "does not belong to the document", and the element is found again in the new one.
   */
  private <T> T fresh(java.util.function.Supplier<T> read) {
    for (int attempt = 1; ; attempt++) {
      try {
        return read.get();
      } catch (org.openqa.selenium.WebDriverException e) {
        if (!replaced(e) || attempt == 5) {
          throw e;
        }
        loaded();
      }
    }
  }

  /**
   * Whether {@code e} says only that the document was replaced under the driver: Chromium reports
   * that as "stale", or as an "unknown error" saying the node "does not belong to the document".
   */
  private static boolean replaced(org.openqa.selenium.WebDriverException e) {
    return e instanceof org.openqa.selenium.StaleElementReferenceException
        || String.valueOf(e.getMessage()).contains("does not belong to the document");
  }

  /** Waits until {@code done} holds, reading it again whenever the document was replaced mid-read. */
  private void until(Duration timeout, java.util.function.Predicate<ChromeDriver> done) {
    new WebDriverWait(driver, timeout).until(d -> {
      try {
        return done.test(driver);
      } catch (org.openqa.selenium.WebDriverException e) {
        if (replaced(e)) {
          return false;
        }
        throw e;
      }
    });
  }

  /** Waits until the current document has loaded completely. */
  private void loaded() {
    until(Duration.ofSeconds(30), d -> "complete".equals(d.executeScript("return document.readyState")));
  }

  String heading() {
    return text("h1");
  }

  /**
   * Clicks what leads to another page, and waits until the browser has left this one: the mark
   * left on this page's window is gone once another document is in it.
   */
  void click(String css) {
    var mark = java.util.UUID.randomUUID().toString();
    fresh(() -> driver.executeScript("window.accountadminPage = arguments[0]", mark));
    fresh(() -> {
      find(css).click();
      return null;
    });
    until(Duration.ofSeconds(30), d -> !mark.equals(d.executeScript("return window.accountadminPage")));
    loaded();
  }

  void waitFor(String css, Duration timeout) {
    until(timeout, d -> !d.findElements(By.cssSelector(css)).isEmpty());
  }

  /** Switches the portal's language with the switcher every page has (a plain form post). */
  void language(String tag) {
    fresh(() -> {
      new org.openqa.selenium.support.ui.Select(find("#language-switch")).selectByValue(tag);
      find("#language-apply").click();
      return null;
    });
    // The form posts and the browser follows the redirect: wait for the page in the new language.
    until(Duration.ofSeconds(10), d -> tag.equals(d.findElement(By.cssSelector("html")).getDomAttribute("lang")));
    loaded();
  }

  void signIn(String user, String password) {
    open("/sign-in");
    find("#user").sendKeys(user);
    find("#password").sendKeys(password);
    click("#sign-in");
  }

  void signOut() {
    if (!all("#sign-out").isEmpty()) {
      click("#sign-out");
    }
  }

  /**
   * Runs axe-core on the page against WCAG 2.0, 2.1 and 2.2 A and AA, saves a screenshot, and
   * asserts that no violation is serious or critical.
   */
  void check(String name) {
    screenshot(name);
    var js = (JavascriptExecutor) driver;
    js.executeScript(axe);
    @SuppressWarnings("unchecked")
    var violations = (List<Map<String, Object>>) js.executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
        + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"
        + ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        + " nodes: v.nodes.map(n => n.html).slice(0, 3)}))), e => done([{id: 'axe-error', impact: 'critical', help: String(e)}]));");
    var serious = new ArrayList<String>();
    for (var v : violations) {
      if ("serious".equals(v.get("impact")) || "critical".equals(v.get("impact"))) {
        serious.add(v.get("id") + " (" + v.get("impact") + "): " + v.get("help") + " " + v.get("nodes"));
      }
    }
    assertThat(serious).as("serious or critical WCAG violations on %s", name).isEmpty();
  }

  void screenshot(String name) {
    try {
      Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    driver.quit();
    try (var files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
