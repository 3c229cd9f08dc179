package ai.omniflow.examples.server;

import ai.omniflow.tenancy.Actor;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.PageLoadStrategy;
import org.openqa.selenium.WebElement;

/**
 * The fixture of every browser test: a real server ({@link ServerTest}) and a fresh headless
 * Chromium ({@link Browser}) per test, closed after it, with the steps each page test takes —
 * signing in as a dev-org role or any org's member, finding an element, submitting a form, checking
 * the page with axe-core. Without Chromium a test is skipped, except under CI, where it fails.
 *
 * <pre>{@code
 * class MyPageBrowserTest extends BrowserTest {
 *   @Test
 *   void aViewerReads() {
 *     signInAs("viewer");
 *     browser.driver.get(url("/my-page"));
 *     assertThat(byId("read-only").getText()).contains("viewer");
 *     accessible("my page");
 *   }
 * }
 * }</pre>
 */
abstract class BrowserTest extends ServerTest {
  /** The test's browser; a new one per test. */
  Browser browser;

  /** Development headers of the dev org's owner, for setting up data over the JSON API. */
  Map<String, String> asDevOwner;

  @BeforeEach
  void aBrowser() throws Exception {
    browser = Browser.start(pageLoads());
    asDevOwner = as(DEV_ORG, DEV_USER);
  }

  /** When the browser's commands return: once a page has loaded, unless a test says otherwise. */
  PageLoadStrategy pageLoads() {
    return PageLoadStrategy.NORMAL;
  }

  @AfterEach
  void closeTheBrowser() throws Exception {
    if (browser != null) {
      browser.close();
    }
  }

  /** The address of {@code path} on this test's server. */
  String url(String path) {
    return "http://localhost:" + port + path;
  }

  /** Signs in on {@code /signin} as the dev org's member of {@code role} (owner, admin, ...). */
  void signInAs(String role) {
    browser.driver.get(url("/signin"));
    browser.wait.until(d -> d.findElement(By.id("as-" + role))).click();
    browser.wait.until(d -> d.findElement(By.id("whoami")).getText().contains(role));
  }

  /** Signs in on {@code /signin} with an API key, as its member: any org's, in their role. */
  void signInWithKey(String apiKey) {
    browser.signInWithKey(url(""), apiKey);
  }

  /** Signs in on {@code /signin} as the org's {@code member}, with an API key the owner issues. */
  void signIn(Actor owner, UUID member) {
    signInWithKey(apiKey(owner, member));
  }

  /** A new org on the real-estate pack, its owner signed in to this browser; the owner. */
  Actor ownerSignedIn(String orgName) {
    Actor owner = newOrg(orgName);
    omniFlow.packs().select(owner, "real-estate");
    signIn(owner, owner.userId());
    return owner;
  }

  /** The element with the id, waiting for it to appear. */
  WebElement byId(String id) {
    return browser.wait.until(d -> d.findElement(By.id(id)));
  }

  /** Clicks {@code button} and waits for the page its form answers with. */
  void submit(WebElement button) {
    button.click();
    browser.untilGone(button);
  }

  /** No serious or critical axe-core violation on the page as it stands. */
  void accessible(String page) {
    browser.accessible(page);
  }
}
