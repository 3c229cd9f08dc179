package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.connector.spi.HealthStatus;
import ai.omniflow.connectors.ConnectorAccount;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * {@code /connectors} in a real headless Chromium ({@link BrowserTest}), signed in with an API key
 * in a fresh org of its own (disconnecting would otherwise take the dev org's mock account from the
 * other browser tests): an owner connects the mock platform with the Connect button, sees its
 * accounts, and disconnects one after confirming; a viewer sees no control; axe-core on each state
 * and screenshots under {@code target/screenshots/}.
 */
@DisplayName("The connectors page in a browser")
class ConnectorsBrowserTest extends BrowserTest {

  @Test
  @DisplayName("an owner connects the mock platform and disconnects an account after confirming")
  void ownerConnectsAndDisconnects() {
    Actor owner = newOrg("Connectors Browser Co");
    signIn(owner, owner.userId());
    browser.driver.get(url("/connectors"));
    assertThat(byId("no-accounts").getText()).contains("No account is connected yet");
    accessible("connectors, empty");

    submit(byId("connect-mock"));
    assertThat(browser.driver.findElement(By.tagName("h1")).getText())
        .isEqualTo("Mock (no platform needed) is connected");
    browser.driver.get(url("/connectors"));
    ConnectorAccount page =
        omniFlow.connectors().accounts(owner).stream()
            .filter(a -> a.displayName().equals("Mock Page"))
            .findFirst()
            .orElseThrow();
    WebElement card = byId("account-" + page.accountRef());
    assertThat(card.getText()).contains("Mock Page").contains("mock-page-1").contains("Healthy");
    accessible("connectors");
    browser.screenshots("connectors");

    byId("disconnect-" + page.accountRef()).findElement(By.tagName("summary")).click();
    WebElement confirm = byId("disconnect-" + page.accountRef() + "-confirm");
    assertThat(confirm.isDisplayed()).isTrue();
    accessible("connectors with a disconnection to confirm");
    submit(confirm);
    browser.wait.until(d -> d.findElement(By.id("alerts")).getText().contains("is disconnected"));
    assertThat(byId("status-" + page.accountRef()).getText()).isEqualTo("Disconnected");
    assertThat(omniFlow.connectors().account(owner, "mock", page.accountRef()).status())
        .isEqualTo(HealthStatus.DISCONNECTED);
  }

  @Test
  @DisplayName("a viewer reads the accounts without any control")
  void aViewerReads() {
    Actor owner = newOrg("Connectors Viewer Co");
    connectMock(as(owner.orgId(), owner.userId()));

    signIn(owner, addMember(owner, Role.VIEWER));
    browser.driver.get(url("/connectors"));
    assertThat(byId("read-only").getText()).contains("viewer");
    assertThat(byId("accounts").getText()).contains("Mock Page");
    assertThat(browser.driver.findElements(By.cssSelector("#main form"))).isEmpty();
    assertThat(browser.driver.findElements(By.cssSelector("#main details"))).isEmpty();
    accessible("connectors, read-only");
  }
}
