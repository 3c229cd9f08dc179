package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * {@code /settings/pack}'s override and offered upgrade in a real headless Chromium against the
 * server on a random port over a real PostgreSQL: an owner's refused override lists each problem at
 * its path and saves nothing, a valid one changes the pack and is removed after a confirmation; a
 * newer version is shown with what it changes and accepted; a viewer reads both with no control (a
 * post of theirs is refused: {@link PackSettingsPageTest}); an org without a pack gets one from the
 * page's list. Each test makes its own org on real-estate; axe-core on each state, screenshots at
 * laptop and phone width under {@code target/screenshots/}.
 */
@DisplayName("The pack settings page's override and upgrade in a browser")
class PackSettingsBrowserTest extends BrowserTest {
  private static final String BROKEN =
      "stages:\n- {key: qualified, lable: Pre-qualified}\n- {key: new, lable: Fresh}\n";
  private static final String PATCH = "stages:\n- {key: qualified, label: Pre-qualified}\n";

  private void onAnOlderVersion(Actor owner) {
    OlderPackVersion.accept(store, owner, now(), false);
  }

  private String stageLabel(Actor actor) {
    return omniFlow.packs().current(actor).orElseThrow().stages().stream()
        .filter(s -> s.key().equals("qualified"))
        .findFirst()
        .orElseThrow()
        .label();
  }

  /** Brings the element into view, so a screenshot shows it rather than the top of the page. */
  private void scrollTo(String id) {
    ((JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView()", byId(id));
  }

  private void typePatch(String text) {
    WebElement field = byId("override-patch");
    field.clear();
    field.sendKeys(text);
  }

  @Test
  @DisplayName(
      "an owner's refused override lists each problem at its path and saves nothing; a valid one"
          + " changes the pack, and is removed after a confirmation")
  void ownerEditsTheOverride() {
    Actor owner = ownerSignedIn("Override Realty " + UUID.randomUUID());
    browser.driver.get(url("/settings/pack"));
    assertThat(byId("override-none").getText()).contains("uses the pack as shipped");
    assertThat(browser.driver.findElements(By.id("override-remove"))).isEmpty();

    typePatch(BROKEN);
    WebElement save = byId("override-save");
    save.click();
    browser.untilGone(save);
    assertThat(byId("override-summary").getText())
        .contains("The override of real-estate")
        .contains("is not valid (")
        .contains("Nothing was saved");
    assertThat(byId("override-problems").getText())
        .contains("/stages/0/lable: unknown key 'lable'")
        .contains("/stages/1/lable: unknown key 'lable'");
    assertThat(byId("override-problems").findElements(By.tagName("li"))).hasSizeGreaterThan(1);
    WebElement field = byId("override-patch");
    assertThat(field.getDomProperty("value")).isEqualTo(BROKEN);
    assertThat(field.getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(field.getAttribute("aria-describedby")).isEqualTo("override-patch-error");
    assertThat(omniFlow.packs().override(owner)).isEmpty();
    assertThat(stageLabel(owner)).isEqualTo("Qualified");
    accessible("pack settings with a refused override");
    scrollTo("override-title");
    browser.screenshots("settings-pack-override-refused");

    typePatch(PATCH);
    save = byId("override-save");
    save.click();
    browser.untilGone(save);
    assertThat(byId("alerts").getText()).contains("The override is saved");
    assertThat(byId("override-state").getText()).contains("in use");
    assertThat(byId("stages").getText()).contains("Pre-qualified");
    assertThat(byId("override-patch").getDomProperty("value")).isEqualTo(PATCH);
    assertThat(browser.driver.findElements(By.id("override-problems"))).isEmpty();
    assertThat(omniFlow.packs().override(owner).orElseThrow().patch()).isEqualTo(PATCH);
    assertThat(stageLabel(owner)).isEqualTo("Pre-qualified");
    accessible("pack settings with an override");
    scrollTo("override-title");
    browser.screenshots("settings-pack-override");

    byId("override-remove").findElement(By.tagName("summary")).click();
    WebElement remove = byId("override-remove-confirm");
    assertThat(remove.isDisplayed()).isTrue();
    accessible("pack settings asking to remove the override");
    remove.click();
    browser.untilGone(remove);
    assertThat(byId("alerts").getText()).contains("The override is removed");
    assertThat(byId("override-none").isDisplayed()).isTrue();
    assertThat(byId("stages").getText()).doesNotContain("Pre-qualified");
    assertThat(omniFlow.packs().override(owner)).isEmpty();
    assertThat(stageLabel(owner)).isEqualTo("Qualified");
  }

  @Test
  @DisplayName("an owner sees what a newer version changes, accepts it, and the org moves to it")
  void ownerAcceptsAnUpgrade() {
    Actor owner = ownerSignedIn("Upgrade Realty " + UUID.randomUUID());
    String catalogVersion = omniFlow.tenancy().org(owner).packVersion();
    onAnOlderVersion(owner);
    assertThat(stageLabel(owner)).isEqualTo(OlderPackVersion.LABEL);

    browser.driver.get(url("/settings/pack"));
    assertThat(byId("upgrade-accepted").getText()).isEqualTo(OlderPackVersion.VERSION);
    assertThat(byId("upgrade-offered").getText()).isEqualTo(catalogVersion);
    WebElement changes = byId("upgrade-changes");
    assertThat(changes.getText())
        .contains("/stages[qualified]/label")
        .contains(OlderPackVersion.LABEL)
        .contains("/version");
    assertThat(byId("stages").getText()).contains(OlderPackVersion.LABEL);
    accessible("pack settings with an upgrade offered");
    scrollTo("upgrade-title");
    browser.screenshots("settings-pack-upgrade");

    WebElement accept = byId("upgrade-accept");
    assertThat(accept.getText()).isEqualTo("Accept real-estate " + catalogVersion);
    accept.click();
    browser.untilGone(accept);
    assertThat(byId("alerts").getText()).contains("The org now uses real-estate " + catalogVersion);
    assertThat(browser.driver.findElements(By.id("upgrade"))).isEmpty();
    assertThat(byId("stages").getText()).doesNotContain(OlderPackVersion.LABEL);
    assertThat(omniFlow.tenancy().org(owner).packVersion()).isEqualTo(catalogVersion);
    assertThat(omniFlow.packs().upgrade(owner)).isEmpty();
    assertThat(stageLabel(owner)).isEqualTo("Qualified");
  }

  @Test
  @DisplayName("a viewer reads the override and the offer without any control")
  void aViewerReads() {
    Actor owner = newOrg("Read Only Realty " + UUID.randomUUID());
    omniFlow.packs().select(owner, "real-estate");
    omniFlow.packs().saveOverride(owner, PATCH);
    onAnOlderVersion(owner);
    UUID viewer = addMember(owner, Role.VIEWER);
    signIn(owner, viewer);

    browser.driver.get(url("/settings/pack"));
    assertThat(byId("override-text").getText()).isEqualTo(PATCH.strip());
    assertThat(byId("override-read-only").getText()).contains("viewer");
    assertThat(byId("upgrade-changes").getText()).contains("/stages[qualified]/label");
    assertThat(browser.driver.findElements(By.cssSelector("#main form"))).isEmpty();
    assertThat(browser.driver.findElements(By.cssSelector("#main details"))).isEmpty();
    assertThat(browser.driver.findElements(By.cssSelector("#main textarea"))).isEmpty();
    assertThat(browser.driver.findElements(By.cssSelector("#main button"))).isEmpty();
    accessible("pack settings, read-only");
    scrollTo("upgrade-title");
    browser.screenshots("settings-pack-read-only");

    assertThat(omniFlow.packs().override(owner).orElseThrow().patch()).isEqualTo(PATCH);
  }

  @Test
  @DisplayName(
      "an owner of an org without a pack selects one from the list; the page then shows it, its"
          + " stages and the choice made, accessibly")
  void ownerSelectsAPack() {
    Actor owner = newOrg("Select Pack Realty " + UUID.randomUUID());
    signIn(owner, owner.userId());
    browser.driver.get(url("/settings/pack"));
    assertThat(byId("no-pack").getText()).contains("no pack yet");
    scrollTo("select-form");
    accessible("pack settings without a pack");
    browser.screenshots("pack-select-none");

    new org.openqa.selenium.support.ui.Select(byId("select-pack_slug")).selectByValue("med-spa");
    submit(byId("select-save"));

    assertThat(byId("alerts").getText()).contains("The org now uses med-spa");
    assertThat(byId("pack").getText()).contains("med-spa");
    assertThat(
            new org.openqa.selenium.support.ui.Select(byId("select-pack_slug"))
                .getFirstSelectedOption()
                .getDomProperty("value"))
        .isEqualTo("med-spa");
    assertThat(omniFlow.tenancy().org(owner).packSlug()).isEqualTo("med-spa");
    accessible("pack settings after selecting a pack");
  }
}
