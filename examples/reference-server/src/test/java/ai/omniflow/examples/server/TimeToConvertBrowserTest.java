package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The time-to-convert chart of {@code /attribution} in a real headless Chromium, signed in to the
 * dev org as a viewer: Chart.js, loaded from its WebJar under the pages' Content-Security-Policy,
 * draws the counts the table beside it lists; axe-core and screenshots under {@code
 * target/screenshots/}.
 */
@DisplayName("The attribution page's time-to-convert chart in a browser")
class TimeToConvertBrowserTest extends BrowserTest {

  @Test
  @DisplayName("a won DM shows in the time-to-convert table, and Chart.js draws its chart")
  void chartAndTable() {
    given(asDevOwner)
        .wonDeal(
            "ttc-" + UUID.randomUUID().toString().substring(0, 8),
            "Quick Buyer",
            "Can I see it today?",
            "900.00");

    signInAs("viewer");
    browser.driver.get(url("/attribution"));
    WebElement table = byId("ttc");
    assertThat(table.getText()).contains("under 1 hour").contains("over 90 days");
    assertThat(byId("ttc-median").getText()).contains("the median is");
    WebElement canvas = byId("ttc-chart");
    assertThat(canvas.getAttribute("role")).isEqualTo("img");
    assertThat(canvas.getAttribute("aria-label")).contains("table below");
    browser.wait.until(d -> "true".equals(canvas.getAttribute("data-drawn")));
    assertThat(canvas.getSize().getHeight()).isGreaterThan(100);
    browser.driver.findElement(By.id("ttc-title")).getText();
    accessible("attribution with the time-to-convert chart");
    browser.screenshots("attribution-time-to-convert");
  }
}
