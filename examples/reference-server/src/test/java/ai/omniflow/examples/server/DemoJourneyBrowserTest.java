package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.PageRequest;
import ai.omniflow.leads.LeadFilter;
import ai.omniflow.tenancy.Actor;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The newcomer's walk of issue 16 on the demo data, in a real headless Chromium ({@link
 * BrowserTest}): an org filled by the same {@link DemoData} that {@code --demo} writes, its owner
 * signed in, who types one address ({@code /}) and from there only follows links and buttons.
 */
@DisplayName("The demo's first walk in a browser")
class DemoJourneyBrowserTest extends BrowserTest {

  @Test
  @DisplayName(
      "a newcomer on the demo data goes from the dashboard to an urgent conversation, answers it,"
          + " opens the lead it became and sees revenue credited by channel")
  void newcomerWalksTheDemo() {
    Actor owner = newOrg("Demo Journey Realty");
    DemoData.Written written = new DemoData(omniFlow, owner, DemoData.CONTACTS).seed();
    assertThat(written.leads()).isPositive();
    signIn(owner, owner.userId());
    // Which conversations became open leads: the test's knowledge, not the newcomer's.
    Map<String, String> openLeadByThread =
        omniFlow.leads().list(owner, LeadFilter.ALL, PageRequest.of(200, 0)).items().stream()
            .filter(l -> l.threadId() != null && l.outcome() == null)
            .collect(Collectors.toMap(l -> l.threadId().toString(), l -> l.id().toString()));

    browser.driver.get(url("/"));
    assertThat(Integer.parseInt(byId("urgent").getText()))
        .as("conversations at risk or breached on the dashboard")
        .isPositive();
    byId("urgent-tile").click();
    // The tile lists the conversations a person can answer first, the most overdue of them first:
    // the newcomer opens the first one.
    byId("threads-title");
    WebElement urgent = browser.driver.findElement(By.cssSelector("#threads a[data-id]"));
    String thread = urgent.getAttribute("data-id");
    assertThat(urgent.findElement(By.cssSelector(".badge.sla")).getAttribute("data-sla"))
        .isIn("at_risk", "breached");
    assertThat(urgent.findElements(By.cssSelector(".badge.reply-note")))
        .as("the first urgent conversation can be answered")
        .isEmpty();
    urgent.click();
    browser.wait.until(d -> thread.equals(byId("thread").getAttribute("data-id")));

    String reply = "Thanks for waiting! Would Saturday at 11 suit you for a showing?";
    byId("reply").sendKeys(reply);
    byId("send").click();
    browser.wait.until(d -> d.findElement(By.id("alerts")).getText().contains("Reply sent."));
    assertThat(byId("messages").getText()).contains(reply);

    // The thread links to the lead it became, with its contact, stage and score; Convert is not
    // offered for a contact with an open lead.
    WebElement toLead = byId("thread-lead");
    assertThat(toLead.getText()).startsWith("Lead: ").contains(" · score ");
    assertThat(browser.driver.findElements(By.id("to-lead"))).isEmpty();
    toLead.click();
    browser.wait.until(d -> d.getCurrentUrl().contains("/leads/"));
    assertThat(byId("main").getAttribute("data-id")).isEqualTo(openLeadByThread.get(thread));
    assertThat(byId("score").getText()).isNotBlank().doesNotContain("not scored");

    browser.driver.findElement(By.linkText("Attribution")).click();
    WebElement credits = byId("credits");
    assertThat(credits.getText()).contains("USD");
    assertThat(credits.findElements(By.cssSelector("tbody tr")))
        .as("channels credited with revenue")
        .isNotEmpty()
        .anyMatch(
            r ->
                !r.findElement(By.cssSelector("td[data-label=Revenue]"))
                    .getText()
                    .startsWith("0.00"));
  }
}
