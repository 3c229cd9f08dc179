package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.tenancy.Actor;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The lead page's suggested playbooks in a real headless Chromium (decision 0093): an owner reads
 * why a playbook fits the lead and applies it with <b>Apply</b>, a form boosted by htmx, and the
 * page shows the enrollment. axe-core before and after, screenshots under {@code
 * target/screenshots/}.
 */
@DisplayName("The lead page's suggested playbooks, in a browser")
class LeadNurtureBrowserTest extends BrowserTest {
  @Test
  @DisplayName("an owner reads why a playbook fits the lead and applies it, and sees it running")
  void anOwnerAppliesASuggestedPlaybook() {
    Actor owner = ownerSignedIn("Nurture Browser Realty " + UUID.randomUUID());
    Map<String, String> h = as(owner.orgId(), owner.userId());
    given(h)
        .playbook(
            Given.callThenStage("qualify", "Call, then qualify", "mark_qualified", "qualified"));
    Given given = given(h);
    String lead = given.lead(given.dm("ig_apply", Duration.ofMinutes(5)));

    browser.driver.get(url("/leads/" + lead + "#nurture-title"));
    WebElement suggested = byId("nurture-suggestions");
    WebElement qualify = suggested.findElement(By.cssSelector("li[data-playbook=qualify]"));
    assertThat(qualify.getText())
        .contains("Call, then qualify")
        .contains("it is meant for any open lead");
    assertThat(byId("apply-qualify-busy").isDisplayed()).as("the indicator waits").isFalse();
    assertThat(browser.driver.findElements(By.id("nurture"))).isEmpty();
    accessible("lead with suggested playbooks");
    browser.screenshots("lead-suggested-playbooks");

    byId("apply-qualify").click();
    browser.wait.until(
        d -> d.findElement(By.id("alerts")).getText().contains("Nurture started: Call, then"));

    assertThat(byId("nurture-status").getText()).isEqualTo("active");
    assertThat(byId("nurture-playbook").getText()).contains("Call, then qualify");
    assertThat(browser.driver.findElements(By.id("nurture-suggestions"))).isEmpty();
    assertThat(browser.driver.getCurrentUrl()).contains("/leads/" + lead);
    accessible("lead enrolled from a suggestion");
    browser.screenshots("lead-enrolled-from-a-suggestion");
  }
}
