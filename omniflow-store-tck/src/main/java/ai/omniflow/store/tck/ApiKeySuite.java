package ai.omniflow.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.ApiKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The API key repository: keys found by hash, listed newest first, revoked once. Not API: {@link
 * StoreCompatibilityKit} runs it as a nested suite.
 */
abstract class ApiKeySuite extends StoreSuite {
  @Test
  void areFoundByHashListedNewestFirstAndRevokedOnce() {
    Actor a = newOrg();
    String h1 = randomHash();
    String h2 = randomHash();
    ApiKey k1 = apiKey(a, h1, T0);
    ApiKey k2 = apiKey(a, h2, T0.plusSeconds(1));
    store()
        .inTransaction(
            a,
            tx -> {
              tx.apiKeys().insert(k1);
              tx.apiKeys().insert(k2);
              return null;
            });
    assertThat(store().<Optional<ApiKey>>inTransaction(a, tx -> tx.apiKeys().findByHash(h1)))
        .contains(k1);
    assertThat(store().<List<ApiKey>>inTransaction(a, tx -> tx.apiKeys().list()))
        .containsExactly(k2, k1);

    Instant t1 = T0.plusSeconds(60);
    Optional<ApiKey> revoked = store().inTransaction(a, tx -> tx.apiKeys().revoke(k1.id(), t1));
    assertThat(revoked).get().extracting(ApiKey::revokedAt).isEqualTo(t1);
    Optional<ApiKey> again =
        store().inTransaction(a, tx -> tx.apiKeys().revoke(k1.id(), t1.plusSeconds(60)));
    assertThat(again).get().extracting(ApiKey::revokedAt).isEqualTo(t1);
    assertThat(store().<Optional<ApiKey>>inTransaction(a, tx -> tx.apiKeys().findByHash(h1)))
        .get()
        .matches(ApiKey::isRevoked);
  }

  @Test
  void revokingAnUnknownKeyFindsNothing() {
    Actor a = newOrg();
    assertThat(
            store()
                .<Optional<ApiKey>>inTransaction(
                    a, tx -> tx.apiKeys().revoke(UUID.randomUUID(), T0)))
        .isEmpty();
  }
}
