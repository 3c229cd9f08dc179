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
 * The org's playbooks that no longer fit its pack, in a real headless Chromium (decision 0091): an
 * owner removes the override a playbook's stage came from on {@code /settings/pack}, is told so in
 * the notice and sees the playbook listed with its step and problem; the lead page lists it as left
 * out with no control to apply it. axe-core on both, screenshots under {@code target/screenshots/}.
 */
@DisplayName("Playbooks that no longer fit the pack, in a browser")
class InvalidPlaybooksBrowserTest extends BrowserTest {
  @Test
  @DisplayName(
      "removing the override a playbook needs shows it as no longer fitting on the pack page and"
          + " left out on the lead page")
  void removedOverrideLeavesAPlaybookInvalid() {
    Actor owner = ownerSignedIn("Invalid Playbook Browser Realty " + UUID.randomUUID());
    Map<String, String> h = as(owner.orgId(), owner.userId());
    omniFlow
        .packs()
        .saveOverride(owner, "stages:\n- {key: nurturing, label: Nurturing, before: qualified}\n");
    given(h).playbook(Given.callThenStage("park", "Call, then park", "park_it", "nurturing"));
    Given given = given(h);
    String lead = given.lead(given.dm("ig_park", Duration.ofMinutes(5)));

    browser.driver.get(url("/settings/pack"));
    assertThat(browser.driver.findElements(By.id("playbooks-invalid"))).isEmpty();
    byId("override-remove").findElement(By.tagName("summary")).click();
    WebElement remove = byId("override-remove-confirm");
    remove.click();
    browser.untilGone(remove);

    assertThat(byId("alerts").getText())
        .contains("The override is removed")
        .contains("One of the org's playbooks (Call, then park) no longer fits the pack");
    assertThat(byId("playbooks-invalid-title").getText()).contains("(1)");
    assertThat(byId("playbooks-invalid-list").getText())
        .contains("Call, then park")
        .contains("Step 2 (/steps/1/change_stage/stage)")
        .contains("'nurturing', which the pack does not have");
    accessible("pack settings with a playbook that no longer fits");
    browser.screenshots("settings-pack-playbooks-invalid");

    browser.driver.get(url("/leads/" + lead));
    WebElement left = byId("nurture-left-out");
    assertThat(left.getText())
        .contains("Playbooks left out")
        .contains("Call, then park")
        .contains("Step 2 (/steps/1/change_stage/stage)");
    assertThat(left.findElements(By.tagName("button"))).isEmpty();
    assertThat(left.findElements(By.tagName("form"))).isEmpty();
    accessible("lead with a playbook left out");
    browser.screenshots("lead-playbook-left-out");
  }
}
