package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

/**
 * The escalation steps and a calendar's special days on {@code /settings/sla} in a real headless
 * Chromium, signed in to the dev org: an owner sets the ladder (a re-route without a group refused
 * first, beside the table), gives a group's calendar a short Christmas Eve and removes it again;
 * the controls open from the keyboard; axe-core on each state, screenshots under {@code
 * target/screenshots/}. The dev org's policy is put back and the group's calendar deleted.
 */
@DisplayName("The SLA settings page's escalation and special days in a browser")
class SlaEscalationAndDaysBrowserTest extends BrowserTest {

  @Test
  @DisplayName("an owner sets the escalation ladder and a calendar's special day by keyboard")
  void ownerEditsEscalationAndDays() {
    String key = "esc-" + UUID.randomUUID().toString().substring(0, 8);
    Given devOrg = given(asDevOwner);
    devOrg.routingGroup(key);
    Answer calendar =
        post(
            "/sla/calendars",
            "{\"name\": \"Night "
                + key
                + "\", \"scope\": {\"kind\": \"group\", \"ref\": \""
                + key
                + "\"}, \"zone\": \"UTC\", \"weekly\": [{\"day\": \"monday\", \"start\": \"20:00\","
                + " \"end\": \"04:00\"}]}",
            asDevOwner);
    assertThat(calendar.status()).as(calendar.body()).isEqualTo(201);
    String calendarId = calendar.json().path("id").asString();
    Given.SlaPolicy policy = devOrg.slaPolicy();
    try {
      signInAs("owner");
      browser.driver.get(url("/settings/sla"));
      WebElement summary = byId("escalation-title");
      summary.sendKeys(Keys.ENTER);
      browser.wait.until(d -> byId("edit-escalation").getAttribute("open") != null);
      int rows =
          browser
              .driver
              .findElements(By.cssSelector("#escalation-form select[name=action]"))
              .size();
      assertThat(rows).isGreaterThanOrEqualTo(4);
      String[][] ladder = {
        {"warning", "0", "notify_assignee", ""},
        {"breach", "0", "notify_manager", ""},
        {"breach", "15", "reroute_to_group", ""},
        {"breach", "45", "move_to_pond", ""}
      };
      for (int i = 0; i < rows; i++) {
        String[] s = i < ladder.length ? ladder[i] : new String[] {"breach", "", "", ""};
        new Select(byId("step-trigger-" + i)).selectByValue(s[0]);
        byId("step-delay-" + i).clear();
        byId("step-delay-" + i).sendKeys(s[1]);
        new Select(byId("step-action-" + i)).selectByValue(s[2]);
        new Select(byId("step-group-" + i)).selectByValue(s[3]);
      }
      accessible("SLA settings with the escalation open");
      submit(byId("escalation-save"));
      WebElement error = byId("escalation-steps-error");
      assertThat(error.getText()).contains("group");
      assertThat(
              browser
                  .driver
                  .findElement(By.cssSelector("#escalation-form fieldset"))
                  .getAttribute("aria-describedby"))
          .isEqualTo("escalation-steps-error");
      accessible("SLA settings with a refused escalation");
      browser.screenshots("settings-sla-escalation-error");

      // The refused form shows the steps in force again: type the ladder once more, with the group.
      for (int i = 0; i < rows; i++) {
        String[] s = i < ladder.length ? ladder[i] : new String[] {"breach", "", "", ""};
        new Select(byId("step-trigger-" + i)).selectByValue(s[0]);
        byId("step-delay-" + i).clear();
        byId("step-delay-" + i).sendKeys(s[1]);
        new Select(byId("step-action-" + i)).selectByValue(s[2]);
        new Select(byId("step-group-" + i)).selectByValue(i == 2 ? key : "");
      }
      WebElement save = byId("escalation-save");
      save.sendKeys(Keys.ENTER);
      browser.untilGone(save);
      browser.wait.until(d -> d.findElement(By.id("alerts")).getText().contains("4 steps"));
      assertThat(byId("escalation").getText())
          .contains("15 min later: reroute to group " + key)
          .contains("45 min later: move to pond");
      JsonNode steps = get("/sla/config", asDevOwner).json().path("escalation");
      assertThat(steps.size()).isEqualTo(4);
      assertThat(steps.get(2).path("group").asString()).isEqualTo(key);

      String f = "days-" + calendarId;
      WebElement card = byId("calendar-" + calendarId);
      WebElement add =
          card.findElement(By.xpath(".//details[.//form[@id='" + f + "-form']]/summary"));
      add.sendKeys(Keys.ENTER);
      WebElement date = byId(f + "-date");
      browser.wait.until(d -> date.isDisplayed());
      ((JavascriptExecutor) browser.driver)
          .executeScript("arguments[0].value = '2026-12-24'", date);
      byId(f + "-open").sendKeys(Keys.SPACE);
      ((JavascriptExecutor) browser.driver)
          .executeScript("arguments[0].value = '09:00'", byId(f + "-start-1"));
      byId(f + "-end-1").sendKeys("13:00");
      accessible("SLA settings with a special day form open");
      submit(byId(f + "-save"));
      browser.wait.until(
          d -> d.findElement(By.id("alerts")).getText().contains("hours of its own"));
      assertThat(byId(f).getText()).contains("2026-12-24: open 09:00–13:00");
      JsonNode special = get("/sla/calendars/" + calendarId, asDevOwner).json();
      assertThat(special.path("special_days").get(0).path("date").asString())
          .isEqualTo("2026-12-24");
      browser.screenshots("settings-sla-special-day");

      submit(byId(f + "-remove-2026-12-24"));
      browser.wait.until(d -> d.findElement(By.id("alerts")).getText().contains("weekly hours"));
      assertThat(get("/sla/calendars/" + calendarId, asDevOwner).json().path("special_days").size())
          .isZero();
    } finally {
      policy.putBack();
      delete("/sla/calendars/" + calendarId, asDevOwner);
    }
  }

  @Test
  @DisplayName("an agent sees the escalation and special days without any control")
  void anAgentReads() {
    signInAs("agent");
    browser.driver.get(url("/settings/sla"));
    assertThat(byId("read-only").getText()).contains("agent");
    assertThat(browser.driver.findElements(By.id("escalation-form"))).isEmpty();
    assertThat(browser.driver.findElements(By.cssSelector("form[id^=days-]"))).isEmpty();
    accessible("SLA settings, read-only, as an agent");
  }
}
