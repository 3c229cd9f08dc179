package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.tenancy.Actor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The leads page in a real headless Chromium ({@link BrowserTest}): Debian's {@code chromium} and
 * {@code chromedriver}, which {@code .ci/run} installs. Without them the test is skipped, except
 * under CI, where it fails rather than pass unseen.
 */
@DisplayName("The leads page in a browser")
class LeadsPageBrowserTest extends BrowserTest {
  private Actor owner;
  private Map<String, String> asOwner;

  @BeforeEach
  void anOrg() {
    owner = newOrg("Browser Co");
    omniFlow.packs().select(owner, "real-estate");
    asOwner = as(owner.orgId(), owner.userId());
  }

  @Test
  @DisplayName("clicking a scored lead shows why it has its score, line by line")
  void whyThisScore() {
    Given given = given(owner);
    String lead =
        given.lead(
            given.thread(
                "{\"channel\": \"lead_form\", \"sender\": {\"phone\": \"+14155550190\"}, \"text\":"
                    + " \"Can we schedule a showing?\", \"fields\": {\"budget\": \"$1,250,000\","
                    + " \"pre_approved\": \"yes\"}}"));
    int score =
        post("/leads/" + lead + "/score", null, asOwner).json().path("score").path("score").asInt();

    browser.driver.get(url("/leads.html?org=" + owner.orgId() + "&user=" + owner.userId()));
    WebElement row =
        browser.wait.until(
            d -> d.findElement(By.cssSelector("tbody#leads tr[data-id='" + lead + "']")));
    assertThat(row.getText()).contains("lead_form").contains(Integer.toString(score));

    row.click();

    browser.wait.until(
        d -> d.findElement(By.id("why-title")).getText().equals("Why " + score + "?"));
    String why = browser.driver.findElement(By.id("why")).getText();
    assertThat(why).contains("budget_luxury (fit)").contains("pre_approved (fit)");
    assertThat(browser.driver.findElement(By.id("why-summary")).getText())
        .contains("add up to " + score);

    browser.driver.findElement(By.id("route")).click();
    browser.wait.until(d -> d.findElement(By.id("routing")).getText().contains("pond"));
  }

  /** A lead from a direct message received {@code ago}, through the JSON API. */
  private String leadFromDm(String handle, Duration ago) {
    Given given = given(owner);
    return given.lead(given.dm(handle, ago));
  }

  /** The leads {@code GET /leads} keeps in the SLA states, newest first. */
  private List<String> listed(String sla) {
    List<String> ids = new ArrayList<>();
    get("/leads?limit=100&sla=" + sla, asOwner)
        .json()
        .path("items")
        .forEach(l -> ids.add(l.path("id").asString()));
    return ids;
  }

  private List<String> rows() {
    byId("main");
    return browser.driver.findElements(By.cssSelector("#leads tr[data-id]")).stream()
        .map(r -> r.getAttribute("data-id"))
        .toList();
  }

  private void filterBySla(String value) {
    new Select(byId("f-sla")).selectByValue(value);
    submit(byId("filter-leads"));
  }

  @Test
  @DisplayName(
      "the SLA filter keeps the leads whose first reply is late, as GET /leads does, and says so"
          + " when none is")
  void slaFilter() {
    String late = leadFromDm("ig_late_lead", Duration.ofHours(2));
    String fresh = leadFromDm("ig_fresh_lead", Duration.ofMinutes(1));
    signIn(owner, owner.userId());

    browser.driver.get(url("/leads"));
    assertThat(rows()).containsExactlyInAnyOrder(late, fresh);
    filterBySla("breached");
    assertThat(rows()).containsExactly(late).isEqualTo(listed("breached"));
    assertThat(
            browser
                .driver
                .findElement(By.cssSelector("#leads tr[data-id='" + late + "'] .badge.sla"))
                .getText())
        .isEqualTo("SLA breached");
    assertThat(new Select(byId("f-sla")).getFirstSelectedOption().getText())
        .isEqualTo("SLA breached");
    assertThat(browser.driver.getCurrentUrl()).contains("sla=breached");
    accessible("leads filtered by SLA state");
    browser.screenshots("leads-sla");

    filterBySla("on_track");
    assertThat(rows()).containsExactly(fresh).isEqualTo(listed("on_track"));

    filterBySla("met");
    assertThat(rows()).isEmpty();
    assertThat(byId("empty-leads").getText()).contains("No lead matches these filters");
    accessible("leads filtered to none");

    browser.driver.get(url("/leads?sla=late"));
    assertThat(browser.driver.findElement(By.tagName("h1")).getText()).isEqualTo("Bad Request");
    assertThat(browser.driver.findElement(By.cssSelector("p.error")).getText())
        .contains("sla must");
  }
}
