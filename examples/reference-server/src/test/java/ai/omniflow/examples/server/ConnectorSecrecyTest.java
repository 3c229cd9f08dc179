package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.connector.spi.Connector;
import ai.omniflow.connector.spi.TokenSet;
import ai.omniflow.connectors.ConnectorAccount;
import ai.omniflow.store.spi.AccountTokens;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.vault.TokenBinding;
import ai.omniflow.vault.TokenKind;
import ai.omniflow.vault.TokenVault;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

/**
 * No token, code, state or app secret reaches an HTTP answer, the event log, the audit log or the
 * application log. The mock app's secret is set to a value of this test's own, so it can be looked
 * for. The answers to {@code start} carry their state by design (that is how the client gets it)
 * and are scanned for everything else.
 */
@DisplayName("Connector secrets")
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(
    properties = "omniflow.connectors.providers.mock.app-secret=" + ConnectorSecrecyTest.APP_SECRET)
class ConnectorSecrecyTest extends ServerTest {
  static final String APP_SECRET = "app-secret-5e9b1c7d0a";
  private static final String CODE = "code-77d1f0e2c4";
  private static final String CODE_AGAIN = "code-0b93aa61fe";

  private final List<String> bodies = new ArrayList<>();
  private final List<String> startBodies = new ArrayList<>();

  @Autowired TokenVault vault;

  @Override
  Answer send(String method, String path, String body, Map<String, String> headers) {
    Answer answer = super.send(method, path, body, headers);
    (path.endsWith("/start") ? startBodies : bodies).add(answer.body());
    return answer;
  }

  @Test
  @DisplayName("after a full flow no answer, event, audit entry or log line holds a secret")
  void nothingLeaks(CapturedOutput output) {
    Actor owner = newOrg("Secrets Co");
    Map<String, String> h = as(owner.orgId(), owner.userId());
    Set<String> states = new LinkedHashSet<>();

    String state = post("/connectors/mock/start", "", h).json().path("state").asString();
    states.add(state);
    String callback = "{\"code\": \"" + CODE + "\", \"state\": \"" + state + "\"}";
    assertThat(post("/connectors/mock/callback", callback, h).status()).isEqualTo(200);
    assertThat(post("/connectors/mock/callback", callback, h).status()).as("reused").isEqualTo(400);
    String denied = post("/connectors/mock/start", "", h).json().path("state").asString();
    states.add(denied);
    assertThat(
            post(
                    "/connectors/mock/callback",
                    "{\"code\": \"denied-" + CODE + "\", \"state\": \"" + denied + "\"}",
                    h)
                .status())
        .as("a code the provider refuses")
        .isEqualTo(400);
    String again = post("/connectors/mock/start", "", h).json().path("state").asString();
    states.add(again);
    assertThat(
            post(
                    "/connectors/mock/callback",
                    "{\"code\": \"" + CODE_AGAIN + "\", \"state\": \"" + again + "\"}",
                    h)
                .status())
        .isEqualTo(200);
    List<String> refs = new ArrayList<>();
    get("/connectors/accounts", h)
        .json()
        .path("items")
        .forEach(a -> refs.add(a.path("account_ref").asString()));
    for (String ref : refs) {
      assertThat(post("/connectors/mock/" + ref + "/healthcheck", "", h).status()).isEqualTo(200);
    }
    assertThat(get("/connectors/health", h).status()).isEqualTo(200);
    assertThat(get("/actuator/health", Map.of()).status()).isEqualTo(200);

    Set<String> tokens = tokensOf(owner);
    assertThat(delete("/connectors/mock/" + refs.get(1), h).status()).isEqualTo(200);
    assertThat(get("/events?limit=200", h).json().path("total").asLong()).isPositive();
    assertThat(get("/audit?limit=200", h).json().path("total").asLong()).isPositive();

    Set<String> secrets = new LinkedHashSet<>(tokens);
    secrets.add(CODE);
    secrets.add(CODE_AGAIN);
    secrets.add(APP_SECRET);
    Set<String> withStates = new LinkedHashSet<>(secrets);
    withStates.addAll(states);
    assertThat(tokens).hasSizeGreaterThanOrEqualTo(4);
    for (String secret : withStates) {
      for (String body : bodies) {
        assertThat(body).as("an HTTP answer").doesNotContain(secret);
      }
      assertThat(output.getAll()).as("the application log").doesNotContain(secret);
    }
    for (String secret : secrets) {
      for (String body : startBodies) {
        assertThat(body).as("an answer to start").doesNotContain(secret);
      }
    }
    assertThat(String.join("\n", bodies)).doesNotContain("mock-at-").doesNotContain("mock-rt-");
    assertThat(output.getAll()).doesNotContain("mock-at-").doesNotContain("mock-rt-");
  }

  /**
   * The tokens issued for both codes (the offline mock derives them from the code) and the tokens
   * the vault holds now, which must be among them.
   */
  private Set<String> tokensOf(Actor owner) {
    Connector connector = omniFlow.connectors().registry().require("mock").connector();
    URI redirect = URI.create("http://localhost:8080/oauth/callback");
    Set<String> issued = new LinkedHashSet<>();
    for (String code : List.of(CODE, CODE_AGAIN)) {
      TokenSet t = connector.exchangeCode(code, "v".repeat(43), redirect);
      issued.add(t.accessToken());
      issued.add(t.refreshToken());
    }
    for (ConnectorAccount a : omniFlow.connectors().accounts(owner)) {
      AccountTokens sealed =
          store
              .inTransaction(
                  Actor.system(owner.orgId()), tx -> tx.connectorAccounts().tokens(a.id()))
              .orElseThrow();
      String access =
          vault.open(
              new TokenBinding(a.orgId(), a.accountRef(), TokenKind.ACCESS), sealed.accessToken());
      assertThat(issued).as("the stored token is one the test knows").contains(access);
    }
    return issued;
  }
}
