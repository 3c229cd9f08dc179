package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.tenancy.Actor;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

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
    Answer ingested =
        post(
            "/inbox/ingest/mock",
            "{\"channel\": \"lead_form\", \"sender\": {\"phone\": \"+14155550190\"}, \"text\":"
                + " \"Can we schedule a showing?\", \"fields\": {\"budget\": \"$1,250,000\","
                + " \"pre_approved\": \"yes\"}}",
            asOwner);
    String thread = ingested.json().path("thread_id").asString();
    String lead = post("/leads/from-thread/" + thread, null, asOwner).json().path("id").asString();
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
}
