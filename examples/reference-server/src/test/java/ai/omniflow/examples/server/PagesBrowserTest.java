package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * The web pages in a real headless Chromium against the server on a random port over a real
 * PostgreSQL: the inbox-to-revenue path an agent takes, what a viewer may not do, axe-core on every
 * page, and screenshots at laptop and phone width under {@code target/screenshots/}.
 */
@DisplayName("The web pages in a browser")
class PagesBrowserTest extends BrowserTest {

  @BeforeEach
  void aConnectedDevOrg() {
    Answer accounts = get("/connectors/accounts", asDevOwner);
    if (!accounts.body().contains("\"mock\"")) {
      connectMock(asDevOwner);
    }
  }

  @Test
  @DisplayName(
      "an agent receives a DM, answers an edited suggestion, converts it to a lead and records a"
          + " won deal")
  void inboxToRevenue() {
    browser.driver.get(url("/inbox"));
    assertThat(browser.driver.getCurrentUrl()).as("pages need a sign-in").contains("/signin");
    accessible("sign-in");
    browser.screenshots("signin");

    signInAs("agent");
    browser.driver.get(url("/"));
    assertThat(byId("new-today").getText()).isNotBlank();
    accessible("dashboard");
    browser.screenshots("dashboard");

    String name = "Browser Buyer " + UUID.randomUUID().toString().substring(0, 8);
    browser.driver.get(url("/inbox"));
    WebElement ingest = browser.driver.findElement(By.cssSelector("details.ingest"));
    if (ingest.getAttribute("open") == null) {
      ingest.findElement(By.tagName("summary")).click();
    }
    byId("i-channel").findElement(By.cssSelector("option[value='instagram_dm']")).click();
    byId("i-name").clear();
    byId("i-name").sendKeys(name);
    byId("i-handle").clear();
    byId("i-handle").sendKeys("buyer." + UUID.randomUUID().toString().substring(0, 8));
    byId("i-text").clear();
    byId("i-text").sendKeys("Hi, is the 3-bedroom on Oak Street still available? Can I see it?");
    browser.driver.findElement(By.cssSelector("#ingest-form button[type=submit]")).click();

    browser.wait.until(d -> d.findElement(By.id("thread-title")).getText().contains(name));
    assertThat(byId("messages").getText()).contains("Oak Street");
    assertThat(byId("threads").getText()).contains(name);

    byId("suggest").click();
    byId("suggestion");
    String suggested = byId("reply").getAttribute("value");
    assertThat(suggested).as("the suggested reply fills the editor").isNotBlank();
    accessible("inbox");
    browser.screenshots("inbox");

    byId("reply").clear();
    byId("reply").sendKeys("Yes, it is! I can show it to you on Saturday at 10.");
    byId("send").click();
    browser.wait.until(d -> d.findElement(By.id("alerts")).getText().contains("Reply sent."));
    assertThat(byId("messages").getText()).contains("I can show it to you on Saturday at 10.");

    byId("to-lead").click();
    browser.wait.until(d -> d.findElement(By.id("alerts")).getText().contains("Lead created."));
    String lead = browser.driver.findElement(By.id("main")).getAttribute("data-id");

    byId("rescore").click();
    browser.wait.until(d -> d.findElement(By.id("alerts")).getText().startsWith("Scored"));
    assertThat(byId("why-title").getText()).startsWith("Why ");
    byId("route").click();
    browser.wait.until(d -> d.findElement(By.id("alerts")).getText().startsWith("Routed"));
    assertThat(byId("routing").getText()).isNotBlank();

    browser.driver.get(url("/leads"));
    WebElement row =
        browser.wait.until(
            d -> d.findElement(By.cssSelector("table#leads tr[data-id='" + lead + "']")));
    assertThat(row.getText()).contains(name).contains("instagram_dm");
    accessible("leads");
    browser.screenshots("leads");
    row.findElement(By.tagName("a")).click();

    byId("amount").sendKeys("350000");
    byId("reason").sendKeys("Bought the Oak Street house");
    accessible("lead");
    browser.screenshots("lead");
    byId("record-outcome").click();
    browser.wait.until(d -> d.findElement(By.id("alerts")).getText().contains("Outcome recorded."));
    assertThat(byId("outcome").getText()).contains("won 350000").contains("USD");
    assertThat(browser.driver.findElements(By.id("record-outcome"))).isEmpty();
  }

  @Test
  @DisplayName("a viewer reads a conversation but has no send button, and a forged send is refused")
  void aViewerCannotSend() {
    String thread =
        given(asDevOwner)
            .thread(
                "{\"channel\": \"sms\", \"sender\": {\"phone\": \"+1415555"
                    + String.format("%04d", (int) (Math.random() * 10_000))
                    + "\", \"name\": \"Viewer Case\"}, \"text\": \"Hello there\"}");

    signInAs("viewer");
    browser.driver.get(url("/inbox?thread=" + thread));
    assertThat(byId("messages").getText()).contains("Hello there");
    assertThat(browser.driver.findElements(By.id("send"))).isEmpty();
    assertThat(browser.driver.findElements(By.id("reply"))).isEmpty();
    assertThat(browser.driver.findElements(By.id("to-lead"))).isEmpty();
    assertThat(byId("read-only").getText()).contains("viewer");

    // The button is hidden, and the server refuses the post all the same.
    ((JavascriptExecutor) browser.driver)
        .executeScript(
            "const f = document.createElement('form'); f.method = 'post';"
                + " f.action = '/ui/inbox/' + arguments[0] + '/send';"
                + " const t = document.createElement('input'); t.name = 'text'; t.value = 'hi';"
                + " f.appendChild(t); f.appendChild(document.querySelector('input[name=_csrf]')"
                + ".cloneNode()); document.body.appendChild(f); f.submit();",
            thread);
    browser.wait.until(d -> d.findElement(By.cssSelector("p.error")));
    assertThat(browser.driver.findElement(By.tagName("h1")).getText()).isEqualTo("Forbidden");
    assertThat(browser.driver.getPageSource()).doesNotContain("Exception").doesNotContain("\tat ");
    List<String> texts =
        get("/inbox/threads/" + thread + "/messages", asDevOwner)
            .json()
            .path("items")
            .valueStream()
            .map(m -> m.path("text").asString())
            .toList();
    assertThat(texts).containsExactly("Hello there");
  }
}
