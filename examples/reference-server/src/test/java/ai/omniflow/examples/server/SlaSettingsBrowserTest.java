package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

/**
 * {@code /settings/sla} in a real headless Chromium against the server on a random port over a real
 * PostgreSQL, signed in to the dev org: an owner adds a calendar for a routing group (a refused
 * zone first, shown beside its field), deletes it, and changes the warning threshold; a viewer sees
 * no control; axe-core on each state, screenshots under {@code target/screenshots/}. The dev org's
 * policy is put back as it was, and its org-wide calendar is never touched.
 */
@DisplayName("The SLA settings page in a browser")
class SlaSettingsBrowserTest extends BrowserTest {

  /** Opens {@code details} unless it is open already (a form with an error opens by itself). */
  private static void open(WebElement details) {
    if (details.getAttribute("open") == null) {
      details.findElement(By.tagName("summary")).click();
    }
  }

  @Test
  @DisplayName(
      "an owner adds a group's calendar after a refused zone, deletes it, and changes the policy")
  void ownerEditsTheSla() {
    String key = "sla-" + UUID.randomUUID().toString().substring(0, 8);
    Given devOrg = given(asDevOwner);
    devOrg.routingGroup(key);
    Given.SlaPolicy policy = devOrg.slaPolicy();
    try {
      signInAs("owner");
      browser.driver.get(url("/settings/sla"));
      assertThat(byId("targets").getText()).contains("every channel");
      accessible("SLA settings");
      browser.screenshots("settings-sla");

      open(byId("add-calendar"));
      String name = "Night shift " + key;
      byId("new-calendar-name").sendKeys(name);
      new org.openqa.selenium.support.ui.Select(byId("new-calendar-scope"))
          .selectByValue("group:" + key);
      byId("new-calendar-zone").clear();
      byId("new-calendar-zone").sendKeys("Mars/Olympus");
      byId("new-calendar-holidays").sendKeys("2026-12-25");
      submit(byId("new-calendar-save"));
      WebElement error = byId("new-calendar-zone-error");
      assertThat(error.getText()).contains("zone");
      assertThat(byId("new-calendar-zone").getAttribute("aria-describedby"))
          .isEqualTo("new-calendar-zone-error");
      assertThat(byId("new-calendar-name").getAttribute("value")).isEqualTo(name);
      accessible("SLA settings with an error");

      byId("new-calendar-zone").clear();
      byId("new-calendar-zone").sendKeys("Europe/Lisbon");
      submit(byId("new-calendar-save"));
      browser.wait.until(d -> d.findElement(By.id("alerts")).getText().contains("added"));
      JsonNode created = null;
      for (JsonNode c : get("/sla/calendars?limit=200", asDevOwner).json().path("items")) {
        if (c.path("name").asString().equals(name)) {
          created = c;
        }
      }
      assertThat(created).as("the calendar is stored").isNotNull();
      assertThat(created.path("zone").asString()).isEqualTo("Europe/Lisbon");
      assertThat(created.path("scope").path("ref").asString()).isEqualTo(key);
      assertThat(created.path("holidays").get(0).asString()).isEqualTo("2026-12-25");
      String id = created.path("id").asString();
      WebElement card = byId("calendar-" + id);
      assertThat(card.getText()).contains("Monday 09:00–17:00").contains("Europe/Lisbon");

      open(card.findElement(By.tagName("details")));
      accessible("SLA settings with a calendar form open");
      submit(byId("calendar-" + id + "-delete"));
      browser.wait.until(d -> d.findElement(By.id("alerts")).getText().contains("deleted"));
      assertThat(get("/sla/calendars/" + id, asDevOwner).status()).isEqualTo(404);

      open(byId("edit-policy"));
      byId("policy-warning_threshold").clear();
      byId("policy-warning_threshold").sendKeys("0.8");
      submit(byId("policy-save"));
      browser.wait.until(d -> d.findElement(By.id("alerts")).getText().contains("policy saved"));
      assertThat(byId("policy-facts").getText()).contains("80 % of the window");
      assertThat(get("/sla/config", asDevOwner).json().path("warning_threshold").asDouble())
          .isEqualTo(0.8);
    } finally {
      policy.putBack();
    }
  }

  @Test
  @DisplayName("a viewer reads the SLA settings without any control")
  void aViewerReads() {
    signInAs("viewer");
    browser.driver.get(url("/settings/sla"));
    assertThat(byId("read-only").getText()).contains("viewer");
    assertThat(byId("targets").getText()).isNotBlank();
    assertThat(browser.driver.findElements(By.cssSelector("#main form"))).isEmpty();
    accessible("SLA settings, read-only");
  }
}
