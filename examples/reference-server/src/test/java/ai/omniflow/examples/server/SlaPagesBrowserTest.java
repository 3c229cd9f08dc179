package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.tenancy.Actor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The SLA badges and filters, speed to lead, the contact panel and the lead's nurture in a real
 * headless Chromium ({@link BrowserTest}), signed in with an API key in a fresh org on the
 * real-estate pack: an owner finds the urgent conversations from the dashboard, filters the inbox
 * by SLA state, opens a conversation's contact panel, and stops a lead's nurture; axe-core on each
 * page and on an error page, and screenshots under {@code target/screenshots/}.
 */
@DisplayName("SLA badges, speed to lead, contact panel and nurture in a browser")
class SlaPagesBrowserTest extends BrowserTest {

  @Test
  @DisplayName(
      "an owner goes from the dashboard to the urgent conversations, reads a contact's consent and"
          + " stops a lead's nurture")
  void urgentConversationsToNurture() {
    Actor owner = ownerSignedIn("SLA Browser Realty");
    Map<String, String> h = as(owner.orgId(), owner.userId());
    Given given = given(h);
    String late = given.dm("ig_late", Duration.ofHours(2));
    String risky = given.dm("ig_risky", Duration.ofMinutes(50));
    String fresh = given.dm("ig_fresh", Duration.ofMinutes(1));
    String lead = given.lead(risky);
    Answer applied =
        post("/leads/" + lead + "/nurture/apply", "{\"playbook_id\": \"gentle-follow-up\"}", h);
    assertThat(applied.status()).as(applied.body()).isEqualTo(201);

    browser.driver.get(url("/"));
    assertThat(byId("urgent").getText()).isEqualTo("2");
    byId("speed-title");
    accessible("dashboard with speed to lead");
    browser.screenshots("dashboard-sla");

    byId("urgent-tile").click();
    browser.wait.until(d -> d.findElement(By.id("f-sla")).isDisplayed());
    assertThat(threads()).containsExactly(late, risky);

    browser.driver.get(url("/inbox"));
    assertThat(threads()).containsExactlyInAnyOrder(late, risky, fresh);
    new Select(byId("f-sla")).selectByValue("breached");
    submit(browser.driver.findElement(By.cssSelector("form.filters button[type=submit]")));
    // The pack's windows decide which are breached; the page keeps what the API keeps.
    assertThat(threads()).contains(late).doesNotContain(fresh).isEqualTo(listed(h, "breached"));
    WebElement badge =
        browser.driver.findElement(By.cssSelector("#threads a[data-id='" + late + "'] .badge.sla"));
    assertThat(badge.getText()).isEqualTo("SLA breached");
    accessible("inbox filtered by SLA state");
    browser.screenshots("inbox-sla");

    browser.driver.findElement(By.cssSelector("#threads a[data-id='" + late + "']")).click();
    byId("contact-panel").findElement(By.tagName("summary")).click();
    assertThat(byId("identities").getText()).contains("instagram_id").contains("ig_late");
    assertThat(byId("consent").getText()).contains("instagram_dm").contains("unknown");
    accessible("inbox with the contact panel open");

    browser.driver.get(url("/leads"));
    String state =
        get("/leads/" + lead, h).json().path("sla").path("state").asString().replace('_', ' ');
    assertThat(
            browser
                .driver
                .findElement(By.cssSelector("#leads tr[data-id='" + lead + "'] .badge.sla"))
                .getText())
        .isEqualTo("SLA " + state);
    accessible("leads with SLA badges");

    browser.driver.get(url("/leads/" + lead));
    assertThat(byId("nurture-playbook").getText()).contains("Gentle follow-up");
    assertThat(byId("nurture-step").getText()).startsWith("Step 1 of 5");
    accessible("lead with its nurture");
    browser.screenshots("lead-nurture");
    submit(byId("nurture-stop"));
    browser.wait.until(d -> d.findElement(By.id("alerts")).getText().contains("Nurture stopped."));
    assertThat(byId("nurture-reason").getText()).contains("stopped by a person");
    accessible("lead with its nurture stopped");

    browser.driver.get(url("/inbox?sla=late"));
    assertThat(browser.driver.findElement(By.tagName("h1")).getText()).isEqualTo("Bad Request");
    assertThat(browser.driver.findElement(By.cssSelector("p.error")).getText())
        .contains("sla must");
    accessible("an error page");
  }

  /** The threads {@code GET /inbox/threads} keeps in the SLA states, latest activity first. */
  private List<String> listed(Map<String, String> h, String sla) {
    List<String> ids = new java.util.ArrayList<>();
    get("/inbox/threads?limit=100&sla=" + sla, h)
        .json()
        .path("items")
        .forEach(t -> ids.add(t.path("id").asString()));
    return ids;
  }

  private List<String> threads() {
    byId("threads-title");
    return browser.driver.findElements(By.cssSelector("#threads a[data-id]")).stream()
        .map(a -> a.getAttribute("data-id"))
        .toList();
  }
}
