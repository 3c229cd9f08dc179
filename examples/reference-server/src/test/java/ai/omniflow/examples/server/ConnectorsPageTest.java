package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.connector.spi.HealthStatus;
import ai.omniflow.connectors.ConnectorAccount;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code /connectors} over real HTTP, signed in with an API key in a fresh org per test, in mock
 * mode: Connect runs the OAuth flow through the callback page, an account that needs reconnecting
 * says so and offers Reconnect, Disconnect revokes it, and members who may not manage connectors
 * read the page without controls and are refused a forged post with nothing written.
 */
@DisplayName("The connectors page")
class ConnectorsPageTest extends ServerTest {

  /** Connects the mock platform as the owner through the page, following each redirect. */
  private List<ConnectorAccount> connectMock(Actor owner, PageClient pages) throws Exception {
    HttpResponse<String> started = pages.submit("/connectors", "/ui/connectors/mock/connect", "");
    assertThat(started.statusCode()).as(started.body()).isEqualTo(302);
    String consent = started.headers().firstValue("Location").orElseThrow();
    assertThat(consent).contains("/oauth/mock/callback?code=").contains("&state=");
    assertThat(started.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    HttpResponse<String> back = pages.get(consent.substring(consent.indexOf("/oauth/")));
    assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
    assertThat(back.body()).contains("Mock (no platform needed) is connected");
    return omniFlow.connectors().accounts(owner);
  }

  @Test
  @DisplayName("an owner sees how to connect, connects the mock platform and sees its accounts")
  void ownerConnects() throws Exception {
    Actor owner = newOrg("Connectors Page Co");
    PageClient pages = pagesAs(owner, owner.userId());

    HttpResponse<String> empty = pages.get("/connectors");
    assertThat(empty.statusCode()).as(empty.body()).isEqualTo(200);
    assertThat(empty.body())
        .contains("id=\"no-accounts\"")
        .contains("id=\"connect-mock\"")
        .contains("id=\"mock-mode\"")
        .contains("aria-current=\"page\">Connectors</a>")
        .doesNotContain("id=\"read-only\"")
        .doesNotContain("connect-" + LiveOnlyConnectors.PROVIDER);

    List<ConnectorAccount> accounts = connectMock(owner, pages);
    assertThat(accounts).extracting(ConnectorAccount::displayName).contains("Mock Page");

    String shown = pages.get("/connectors").body();
    for (ConnectorAccount a : accounts) {
      assertThat(shown)
          .contains("id=\"account-" + a.accountRef() + "\"")
          .contains("id=\"disconnect-" + a.accountRef() + "-confirm\"")
          .contains("id=\"webhook-" + a.accountRef() + "\" data-state=\"none\"")
          .doesNotContain("id=\"reconnect-" + a.accountRef() + "\"");
    }
    assertThat(shown).contains("Mock Page").contains("mock-page-1").contains("Healthy");
  }

  @Test
  @DisplayName("an account that needs reconnecting says so, and Reconnect makes it healthy again")
  void reconnect() throws Exception {
    Actor owner = newOrg("Connectors Reauth Co");
    PageClient pages = pagesAs(owner, owner.userId());
    ConnectorAccount page = connectMock(owner, pages).get(0);
    store.useTransaction(
        owner,
        tx ->
            tx.connectorAccounts()
                .update(page.withStatus(HealthStatus.NEEDS_REAUTH, "The token expired.", now())));

    String shown = pages.get("/connectors").body();
    assertThat(shown)
        .contains("id=\"reauth-" + page.accountRef() + "\"")
        .contains("Needs reconnecting")
        .contains("id=\"reconnect-" + page.accountRef() + "\"");

    connectMock(owner, pages);
    assertThat(omniFlow.connectors().account(owner, "mock", page.accountRef()).status())
        .isEqualTo(HealthStatus.HEALTHY);
    assertThat(pages.get("/connectors").body())
        .doesNotContain("id=\"reauth-" + page.accountRef() + "\"");
  }

  @Test
  @DisplayName("an owner disconnects an account after confirming, and it is shown disconnected")
  void disconnect() throws Exception {
    Actor owner = newOrg("Connectors Disconnect Co");
    PageClient pages = pagesAs(owner, owner.userId());
    ConnectorAccount page = connectMock(owner, pages).get(0);

    HttpResponse<String> done =
        pages.submit("/connectors", "/ui/connectors/mock/" + page.accountRef() + "/disconnect", "");
    assertThat(done.statusCode()).as(done.body()).isEqualTo(302);
    assertThat(omniFlow.connectors().account(owner, "mock", page.accountRef()).status())
        .isEqualTo(HealthStatus.DISCONNECTED);
    String shown = pages.get("/connectors").body();
    assertThat(shown)
        .contains("is disconnected")
        .contains("id=\"status-" + page.accountRef() + "\">Disconnected")
        .doesNotContain("id=\"disconnect-" + page.accountRef() + "-confirm\"")
        .contains("id=\"reconnect-" + page.accountRef() + "\"");
  }

  @Test
  @DisplayName(
      "an agent and a viewer read the page without controls, and a forged disconnect is 403")
  void readersCannotDisconnect() throws Exception {
    Actor owner = newOrg("Connectors Readers Co");
    ConnectorAccount page = connectMock(owner, pagesAs(owner, owner.userId())).get(0);
    for (Role role : new Role[] {Role.AGENT, Role.VIEWER}) {
      PageClient reader = pagesAs(owner, addMember(owner, role));
      String shown = reader.get("/connectors").body();
      assertThat(shown)
          .as(role.wireName())
          .contains("id=\"read-only\"")
          .contains("id=\"account-" + page.accountRef() + "\"")
          .doesNotContain("id=\"connect-mock\"")
          .doesNotContain("/disconnect\"")
          .doesNotContain("id=\"reconnect-");

      long[] before = writes(owner);
      HttpResponse<String> forged =
          reader.submit(
              "/connectors", "/ui/connectors/mock/" + page.accountRef() + "/disconnect", "");
      assertThat(forged.statusCode()).as(role.wireName()).isEqualTo(403);
      assertThat(forged.body()).contains("<h1>Forbidden</h1>").doesNotContain("Exception");
      HttpResponse<String> connect =
          reader.submit("/connectors", "/ui/connectors/mock/connect", "");
      assertThat(connect.statusCode()).as(role.wireName()).isEqualTo(403);
      assertThat(writes(owner)).containsExactly(before);
    }
    assertThat(omniFlow.connectors().account(owner, "mock", page.accountRef()).status())
        .isEqualTo(HealthStatus.HEALTHY);
  }

  @Test
  @DisplayName("an unknown provider or a malformed account is a 404 page that names neither")
  void unknownProviderAndAccount() throws Exception {
    Actor owner = newOrg("Connectors Unknown Co");
    PageClient pages = pagesAs(owner, owner.userId());
    long[] before = writes(owner);
    String nonsense = "x".repeat(300);

    HttpResponse<String> provider =
        pages.submit("/connectors", "/ui/connectors/" + nonsense + "/connect", "");
    assertThat(provider.statusCode()).isEqualTo(404);
    assertThat(provider.body()).doesNotContain(nonsense);
    HttpResponse<String> account =
        pages.submit("/connectors", "/ui/connectors/mock/" + nonsense + "/disconnect", "");
    assertThat(account.statusCode()).isEqualTo(404);
    assertThat(account.body()).doesNotContain(nonsense).doesNotContain("Exception");
    assertThat(writes(owner)).containsExactly(before);
    assertThat(new PageClient(port).get("/connectors").statusCode()).isEqualTo(302);
  }
}
