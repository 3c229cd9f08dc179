package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

/**
 * The settings pages in a real headless Chromium against the server on a random port over a real
 * PostgreSQL, signed in to the dev org: an owner pauses an agent and sees it stay paused, a viewer
 * sees no control and a forged post is refused, axe-core on each page, and screenshots at laptop
 * and phone width under {@code target/screenshots/}. The dev org's members, roles and time zone are
 * left as they are: other page tests sign in by role.
 */
@DisplayName("The settings pages in a browser")
class SettingsPagesBrowserTest extends BrowserTest {

  /** Opens the {@code <details>} of {@code card} whose summary starts with {@code words}. */
  private static void open(WebElement card, String words) {
    card.findElements(By.tagName("summary")).stream()
        .filter(e -> e.getText().startsWith(words))
        .findFirst()
        .orElseThrow()
        .click();
  }

  /** An agent of the dev org without a sign-in, so that the dev org's members stay as seeded. */
  private String devAgent() {
    String name = "Browser Agent " + UUID.randomUUID().toString().substring(0, 8);
    Answer created =
        post(
            "/agents",
            "{\"name\": \"" + name + "\", \"capacity\": 4, \"languages\": [\"en\", \"pt\"]}",
            asDevOwner);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().path("id").asString();
  }

  private JsonNode agentJson(String id) {
    for (JsonNode a : get("/agents?limit=100", asDevOwner).json().path("items")) {
      if (a.path("id").asString().equals(id)) {
        return a;
      }
    }
    throw new AssertionError("no agent " + id);
  }

  @Test
  @DisplayName("an owner pauses an agent by keyboard, and the pause is still there after a reload")
  void ownerPausesAnAgent() {
    String agent = devAgent();
    signInAs("owner");
    browser.driver.get(url("/settings/routing"));
    WebElement card = byId("agent-" + agent);
    assertThat(card.getText()).contains("Capacity").contains("4 open leads").contains("en, pt");
    assertThat(byId("status-" + agent).getText()).isEqualTo("available");
    accessible("routing settings");
    browser.screenshots("settings-routing");

    WebElement pause = byId("availability-" + agent);
    assertThat(pause.getText()).isEqualTo("Pause new leads");
    pause.sendKeys(Keys.ENTER);
    browser.untilGone(pause);
    browser.wait.until(d -> d.findElement(By.id("alerts")).getText().contains("is paused"));
    assertThat(agentJson(agent).path("availability").path("paused").asBoolean()).isTrue();

    browser.driver.navigate().refresh();
    assertThat(byId("status-" + agent).getText()).isEqualTo("paused");
    assertThat(byId("availability-" + agent).getText()).isEqualTo("Resume taking leads");

    WebElement resume = byId("availability-" + agent);
    resume.click();
    browser.untilGone(resume);
    browser.wait.until(d -> d.findElement(By.id("alerts")).getText().contains("takes leads again"));
    assertThat(agentJson(agent).path("availability").path("paused").asBoolean()).isFalse();

    // A refused value comes back next to its field.
    open(byId("agent-" + agent), "Change ");
    WebElement capacity = byId("agent-" + agent + "-capacity");
    ((JavascriptExecutor) browser.driver)
        .executeScript("arguments[0].removeAttribute('pattern')", capacity);
    capacity.clear();
    capacity.sendKeys("many");
    WebElement save = byId("agent-" + agent + "-save");
    save.click();
    browser.untilGone(save);
    WebElement error = byId("agent-" + agent + "-capacity-error");
    assertThat(error.getText()).contains("capacity must be a whole number");
    assertThat(byId("agent-" + agent + "-capacity").getAttribute("aria-describedby"))
        .isEqualTo("agent-" + agent + "-capacity-error");
    assertThat(agentJson(agent).path("capacity").asInt()).isEqualTo(4);
    accessible("routing settings with an error");

    // The shifts form, open, has a label for every input.
    open(byId("agent-" + agent), "Shifts of ");
    assertThat(byId("shifts-" + agent + "-day-0").isDisplayed()).isTrue();
    accessible("routing settings with the shifts form open");
  }

  @Test
  @DisplayName("the members and pack pages read well and pass axe-core for an owner")
  void membersAndPack() {
    signInAs("owner");
    browser.driver.get(url("/settings/members"));
    assertThat(byId("members").getText()).contains("Dev Owner").contains("Dev Viewer");
    assertThat(byId("new-member-form").isDisplayed()).isFalse();
    byId("add-member").findElement(By.tagName("summary")).click();
    assertThat(byId("new-member-email").isDisplayed()).isTrue();
    accessible("members settings");
    browser.screenshots("settings-members");

    browser.driver.get(url("/settings/pack"));
    assertThat(byId("pack").getText()).contains("generic");
    assertThat(byId("stages").getText()).isNotBlank();
    accessible("pack settings");
    browser.screenshots("settings-pack");

    // An unknown zone is refused beside the field and the org keeps its zone.
    String zone = byId("zone-now").getText();
    byId("tz-time_zone").clear();
    byId("tz-time_zone").sendKeys("Mars/Olympus");
    WebElement saveZone = byId("tz-save");
    saveZone.click();
    browser.untilGone(saveZone);
    assertThat(byId("tz-time_zone-error").getText()).contains("IANA time zone");
    assertThat(byId("zone-now").getText()).isEqualTo(zone);
    accessible("pack settings with an error");
  }

  @Test
  @DisplayName("a viewer sees routing without any control, and a forged pause is refused")
  void aViewerCannotChangeRouting() {
    String agent = devAgent();
    signInAs("viewer");
    browser.driver.get(url("/settings/routing"));
    assertThat(byId("agent-" + agent).getText()).contains("4 open leads");
    assertThat(byId("read-only").getText()).contains("viewer");
    assertThat(browser.driver.findElements(By.cssSelector("#main form"))).isEmpty();
    assertThat(browser.driver.findElements(By.cssSelector("#main details"))).isEmpty();
    accessible("routing settings, read-only");

    browser.driver.get(url("/settings/members"));
    assertThat(browser.driver.findElements(By.cssSelector("#main form"))).isEmpty();
    browser.driver.get(url("/settings/pack"));
    assertThat(browser.driver.findElements(By.id("tz-form"))).isEmpty();

    // The controls are missing, and the server refuses the post all the same.
    browser.driver.get(url("/settings/routing"));
    ((JavascriptExecutor) browser.driver)
        .executeScript(
            "const f = document.createElement('form'); f.method = 'post';"
                + " f.action = '/ui/settings/routing/agents/' + arguments[0] + '/availability';"
                + " const t = document.createElement('input'); t.name = 'available';"
                + " t.value = 'false'; f.appendChild(t);"
                + " f.appendChild(document.querySelector('input[name=_csrf]').cloneNode());"
                + " document.body.appendChild(f); f.submit();",
            agent);
    browser.wait.until(d -> d.findElement(By.cssSelector("p.error")));
    assertThat(browser.driver.findElement(By.tagName("h1")).getText()).isEqualTo("Forbidden");
    assertThat(browser.driver.getPageSource()).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(agentJson(agent).path("availability").path("paused").asBoolean()).isFalse();
  }
}
