package ai.omniflow.connector.tck;

import static ai.omniflow.connector.tck.ConnectorCompatibilityKit.genericFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.omniflow.connector.spi.AuthMethod;
import ai.omniflow.connector.spi.ConnectedAccount;
import ai.omniflow.connector.spi.FailureKind;
import ai.omniflow.connector.spi.TokenSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The kit's group "API keys": checking a key and refusing a rejected one. Skipped for connectors
 * that use OAuth.
 */
abstract class ApiKeySuite extends KitSuite {

  ApiKeySuite(ConnectorCompatibilityKit kit) {
    super(kit);
  }

  @BeforeEach
  void onlyForApiKeys() {
    assumeTrue(kit.factory().authMethod() == AuthMethod.API_KEY, "the connector uses OAuth");
  }

  @Test
  @DisplayName("checks a key and names the accounts it reaches")
  void connects() {
    kit.apiKeyAccepted(kit.sampleAccountId(), "Kit account").forEach(kit.server()::enqueue);
    String key = madeUp("key");
    TokenSet tokens = kit.connector().connectWithApiKey(key);
    assertThat(tokens.accessToken()).isEqualTo(key);
    assertThat(tokens.accounts())
        .extracting(ConnectedAccount::externalAccountId)
        .contains(kit.sampleAccountId());
  }

  @Test
  @DisplayName("reports a rejected key as AUTH_EXPIRED")
  void rejectsKey() {
    kit.server().enqueue(genericFailure(FailureKind.AUTH_EXPIRED).orElseThrow());
    assertFailure(
        () -> kit.connector().connectWithApiKey(madeUp("key")),
        e -> assertThat(e.kind()).isEqualTo(FailureKind.AUTH_EXPIRED));
  }
}
