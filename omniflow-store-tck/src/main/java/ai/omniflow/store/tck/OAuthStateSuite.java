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

  // ---------------------------------------------------------- purge (issue 9)

  @Test
  void aConsumedStateKeepsNoVerifierAndPurgingDeletesOnlyUsedOrExpiredStatesOfTheOrg() {
    Actor a = newOrg();
    Actor b = newOrg();
    String used = randomHash();
    String expired = randomHash();
    String live = randomHash();
    String others = randomHash();
    write(
        a,
        tx -> {
          tx.oauthStates().insert(oauthState(a, used, T0.plusSeconds(500)));
          tx.oauthStates().insert(oauthState(a, expired, T0));
          tx.oauthStates().insert(oauthState(a, live, T0.plusSeconds(500)));
        });
    write(b, tx -> tx.oauthStates().insert(oauthState(b, others, T0)));
    write(a, tx -> tx.oauthStates().consume(used, T0.plusSeconds(510)));
    assertThat(
            store()
                .<Optional<OAuthState>>inTransaction(a, tx -> tx.oauthStates().find(used))
                .orElseThrow()
                .codeVerifier())
        .isNull();

    Instant now = T0.plusSeconds(700); // the first expired at T0 + 600 s
    assertThat(store().<Integer>inTransaction(a, tx -> tx.oauthStates().purge(now, 1)))
        .isEqualTo(1);
    assertThat(store().<Integer>inTransaction(a, tx -> tx.oauthStates().purge(now, 100)))
        .isEqualTo(1);
    assertThat(store().<Integer>inTransaction(a, tx -> tx.oauthStates().purge(now, 100))).isZero();
    assertThat(store().<Optional<OAuthState>>inTransaction(a, tx -> tx.oauthStates().find(live)))
        .isPresent();
    assertThat(store().<Optional<OAuthState>>inTransaction(a, tx -> tx.oauthStates().find(used)))
        .isEmpty();
    assertThat(store().<Optional<OAuthState>>inTransaction(b, tx -> tx.oauthStates().find(others)))
        .as("another org's expired state is not this org's to purge")
        .isPresent();
  }
}
