package ai.omniflow.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.connectors.OAuthState;
import ai.omniflow.tenancy.Actor;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The OAuth state repository: a state is consumed exactly once and only by its own org. Not API:
 * {@link StoreCompatibilityKit} runs it as a nested suite.
 */
abstract class OAuthStateSuite extends StoreSuite {
  @Test
  void areConsumedExactlyOnce() {
    Actor a = newOrg();
    String hash = randomHash();
    OAuthState state = oauthState(a, hash, T0);
    store()
        .inTransaction(
            a,
            tx -> {
              tx.oauthStates().insert(state);
              return null;
            });
    assertThat(store().<Optional<OAuthState>>inTransaction(a, tx -> tx.oauthStates().find(hash)))
        .contains(state);
    Instant at = T0.plusSeconds(30);
    assertThat(store().<Boolean>inTransaction(a, tx -> tx.oauthStates().consume(hash, at)))
        .isTrue();
    assertThat(store().<Boolean>inTransaction(a, tx -> tx.oauthStates().consume(hash, at)))
        .isFalse();
    assertThat(
            store()
                .<Optional<OAuthState>>inTransaction(a, tx -> tx.oauthStates().find(hash))
                .orElseThrow()
                .consumedAt())
        .isEqualTo(at);
  }

  @Test
  void areInvisibleToAndCannotBeConsumedByAnotherOrg() {
    Actor a = newOrg();
    Actor b = newOrg();
    String hash = randomHash();
    store()
        .inTransaction(
            a,
            tx -> {
              tx.oauthStates().insert(oauthState(a, hash, T0));
              return null;
            });
    assertThat(store().<Optional<OAuthState>>inTransaction(b, tx -> tx.oauthStates().find(hash)))
        .isEmpty();
    assertThat(store().<Boolean>inTransaction(b, tx -> tx.oauthStates().consume(hash, T0)))
        .isFalse();
    assertThat(store().<Boolean>inTransaction(a, tx -> tx.oauthStates().consume(hash, T0)))
        .isTrue();
  }
}
