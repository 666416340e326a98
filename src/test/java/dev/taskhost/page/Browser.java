package dev.taskhost.page;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Headless Debian Chromium driven through the system chromedriver, so nothing is downloaded at test
 * time. Each browser gets its own profile folder.
 */
final class Browser implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Browser.class);
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  /**
   * Replaces window.alert, confirm and prompt in every document before its own scripts run, so a
   * script smuggled in through task text leaves a trace in `window.__taskhostAlerts` instead of
   * blocking the page.
   */
  private static final String ALERT_TRAP =
      "window.__taskhostAlerts = [];"
          + "for (const name of ['alert', 'confirm', 'prompt']) {"
          + "  window[name] = (message) => { window.__taskhostAlerts.push(name + ':' + message); };"
          + "}";

  private final ChromeDriver driver;
  private final Path profile;

  Browser() throws IOException {
    // Keep Selenium Manager from looking for or downloading a browser or driver.
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    profile = Files.createTempDirectory("taskhost-page-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
            .usingAnyFreePort()
            .build();
    driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(new Dimension(1400, 1000));
    driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", ALERT_TRAP));
  }

  WebDriver driver() {
    return driver;
  }

  /** Opens a URL and waits until the page script has loaded its data. */
  void open(String url) {
    driver.get(url);
    waitFor(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
  }

  /**
   * Waits up to 15 s for a condition; an element replaced by a re-render only means "try again".
   */
  <T> T waitFor(Function<WebDriver, T> condition) {
    return waitFor(Duration.ofSeconds(15), condition);
  }

  /** Waits up to `timeout` for a condition, polling every 50 ms. */
  <T> T waitFor(Duration timeout, Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, timeout, Duration.ofMillis(50))
        .ignoring(StaleElementReferenceException.class)
        .until(condition);
  }

  /** Returns the element that has keyboard focus. */
  WebElement focused() {
    return driver.switchTo().activeElement();
  }

  WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  List<WebElement> findAll(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  Object script(String source, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(source, args);
  }

  /** Returns what smuggled scripts tried to show through alert, confirm or prompt. */
  @SuppressWarnings("unchecked")
  List<String> trappedAlerts() {
    return (List<String>) script("return window.__taskhostAlerts || ['alert trap missing'];");
  }

  /** Saves a PNG screenshot as target/screenshots/NAME.png. */
  void screenshot(String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
    Path file = SCREENSHOTS.resolve(name + ".png");
    Files.write(file, png);
    LOG.info("Saved screenshot {}", file);
  }

  @Override
  public void close() throws IOException {
    driver.quit();
    try (var files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }
}
