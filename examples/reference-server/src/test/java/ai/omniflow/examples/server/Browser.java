package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.PageLoadStrategy;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium for page tests: Debian's {@code chromium} and {@code chromedriver} (or the
 * ones {@code OMNIFLOW_CHROMIUM} and {@code OMNIFLOW_CHROMEDRIVER} name). Without them a test is
 * skipped, except under CI, where it fails rather than pass unseen. Nothing is downloaded. Tests
 * get one through {@link BrowserTest}.
 */
final class Browser implements AutoCloseable {
  static final Dimension LAPTOP = new Dimension(1366, 900);
  static final Dimension PHONE = new Dimension(390, 844);

  private static final File CHROMIUM = file("OMNIFLOW_CHROMIUM", "/usr/bin/chromium");
  private static final File CHROMEDRIVER = file("OMNIFLOW_CHROMEDRIVER", "/usr/bin/chromedriver");

  final WebDriver driver;
  final WebDriverWait wait;
  private final Path profile;

  private Browser(WebDriver driver, Path profile) {
    this.driver = driver;
    // htmx swaps parts of a page in place: an element found a moment ago may be gone when read, so
    // a wait tries again rather than fail on a stale element.
    this.wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    this.wait.ignoring(StaleElementReferenceException.class);
    this.profile = profile;
  }

  /**
   * Waits until {@code element} has left the page, as an htmx swap or a form's post does to it.
   * Chromium reports a node that was swapped out either as a stale element or, at times, as an
   * inspector error that the node "does not belong to the document": both mean gone.
   */
  void untilGone(WebElement element) {
    wait.until(d -> gone(element));
  }

  /**
   * Signs in on {@code base + "/signin"} with {@code apiKey}, as its member, and waits for the page
   * that names who is signed in.
   */
  void signInWithKey(String base, String apiKey) {
    driver.get(base + "/signin");
    wait.until(d -> d.findElement(By.id("api_key"))).sendKeys(apiKey, Keys.ENTER);
    wait.until(d -> d.findElement(By.id("whoami")));
  }

  private static boolean gone(WebElement element) {
    try {
      element.isEnabled();
      return false;
    } catch (StaleElementReferenceException e) {
      return true;
    } catch (WebDriverException e) {
      String message = e.getMessage();
      if (message != null && message.contains("does not belong to the document")) {
        return true;
      }
      throw e;
    }
  }

  private static File file(String variable, String fallback) {
    String path = System.getenv(variable);
    return new File(path == null || path.isBlank() ? fallback : path);
  }

  /** Starts a browser, or skips the test when none is installed (outside CI). */
  static Browser start() throws IOException {
    return start(PageLoadStrategy.NORMAL);
  }

  /**
   * Starts a browser whose commands wait for page loads as {@code pageLoads} says, or skips the
   * test when none is installed (outside CI).
   */
  static Browser start(PageLoadStrategy pageLoads) throws IOException {
    boolean installed = CHROMIUM.canExecute() && CHROMEDRIVER.canExecute();
    Assumptions.assumeTrue(
        installed || System.getenv("CI") != null,
        "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
    Path profile = Files.createTempDirectory("omniflow-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.setPageLoadStrategy(pageLoads);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1366,900",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).build();
    return new Browser(new ChromeDriver(service, options), profile);
  }

  /**
   * Saves the page at laptop and at phone width as {@code target/screenshots/<name>-laptop.png} and
   * {@code -phone.png}, for a person to review; leaves the window at laptop width.
   */
  void screenshots(String name) {
    try {
      Path dir = Path.of("target", "screenshots");
      Files.createDirectories(dir);
      for (var size : new Object[][] {{"laptop", LAPTOP}, {"phone", PHONE}}) {
        driver.manage().window().setSize((Dimension) size[1]);
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(
            shot.toPath(),
            dir.resolve(name + "-" + size[0] + ".png"),
            StandardCopyOption.REPLACE_EXISTING);
      }
      driver.manage().window().setSize(LAPTOP);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** No serious or critical axe-core violation on the page as it stands. */
  void accessible(String page) {
    Results results = new AxeBuilder().analyze(driver);
    List<String> bad =
        results.getViolations().stream()
            .filter(r -> "serious".equals(r.getImpact()) || "critical".equals(r.getImpact()))
            .map(r -> r.getId() + " " + r.getNodes().size())
            .toList();
    assertThat(bad).as("serious or critical axe-core violations on " + page).isEmpty();
  }

  @Override
  public void close() throws IOException {
    driver.quit();
    try (var files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    }
  }
}
