package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * {@code /attribution} in a real headless Chromium against the server on a random port over a real
 * PostgreSQL, signed in to the dev org: a DM that became a won deal shows in the chart and the
 * table of the last 30 days, the filters change the report, a refused date is shown beside its
 * field, and the CSV link downloads the report of the filters in force; axe-core on each state and
 * screenshots under {@code target/screenshots/}.
 */
@DisplayName("The attribution page in a browser")
class AttributionBrowserTest extends BrowserTest {

  /** A DM from a new person in the dev org, made a lead and won for 1200 USD. */
  private void aWonInstagramDeal() {
    given(asDevOwner)
        .wonDeal(
            "attr-" + UUID.randomUUID().toString().substring(0, 8),
            "Attribution Buyer",
            "Is it still for sale?",
            "1200.00");
  }

  @Test
  @DisplayName(
      "a won DM shows in the chart and table; filters, a refused date and the CSV link work")
  void chartTableFiltersAndCsv() throws Exception {
    aWonInstagramDeal();
    signInAs("viewer");
    browser.driver.get(url("/attribution"));
    assertThat(byId("filters-from").getAttribute("value")).isNotBlank();
    assertThat(byId("chart").getAttribute("role")).isEqualTo("img");
    assertThat(browser.driver.findElements(By.cssSelector("#chart rect.chart-bar"))).isNotEmpty();
    assertThat(byId("chart").getText()).contains("instagram dm");
    assertThat(byId("credits").getText()).contains("instagram dm").contains("USD");
    assertThat(byId("funnel").getText()).contains("instagram dm").contains("all channels");
    accessible("attribution");
    browser.screenshots("attribution");

    // Every model side by side.
    new Select(byId("filters-model")).selectByValue("all");
    WebElement show = byId("filters-show");
    show.click();
    browser.untilGone(show);
    assertThat(byId("compare").getText()).contains("markov").contains("instagram dm");
    assertThat(browser.driver.getCurrentUrl()).contains("model=all");
    accessible("attribution, every model");

    // A refused date comes back beside its field (typed into a text field: no date picker).
    browser.driver.get(url("/attribution?from=2026-02-30"));
    WebElement error = byId("filters-from-error");
    assertThat(error.getText()).contains("from must be a date");
    assertThat(byId("filters-from").getAttribute("aria-describedby"))
        .isEqualTo("filters-from-error");
    accessible("attribution with an error");

    // The CSV link exports the filters in force; with the session's cookie, as the browser would.
    browser.driver.get(url("/attribution?model=first_touch"));
    String href = byId("csv").getAttribute("href");
    assertThat(href).contains("model=first_touch").contains("from=").contains("to=");
    Cookie session = browser.driver.manage().getCookieNamed("JSESSIONID");
    HttpResponse<String> csv =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(href))
                    .header("Cookie", "JSESSIONID=" + session.getValue())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.body()).startsWith(AttributionCsv.HEADER).contains("first_touch,instagram_dm,");
  }
}
