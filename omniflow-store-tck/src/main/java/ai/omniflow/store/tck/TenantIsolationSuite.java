package ai.omniflow.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.PageRequest;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.ApiKey;
import ai.omniflow.tenancy.Membership;
import ai.omniflow.tenancy.Org;
import ai.omniflow.tenancy.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Across repositories: an org sees none of another org's rows and cannot write them through its
 * transaction. Not API: {@link StoreCompatibilityKit} runs it as a nested suite.
 */
abstract class TenantIsolationSuite extends StoreSuite {
  @Test
  void anOrgSeesNoneOfAnotherOrgsRows() {
    Actor a = newOrg();
    Actor b = newOrg();
    String hash = randomHash();
    ApiKey key = apiKey(a, hash, T0);
    store()
        .inTransaction(
            a,
            tx -> {
              tx.events().append(event(a, "test.secret", T0, Map.of("secret", "a")));
              tx.audit().append(audit(a, "test.secret", T0));
              tx.apiKeys().insert(key);
              return null;
            });
    store()
        .inTransaction(
            b,
            tx -> {
              assertThat(tx.orgs().current()).get().extracting(Org::id).isEqualTo(b.orgId());
              assertThat(tx.users().find(a.userId())).isEmpty();
              assertThat(tx.memberships().find(a.userId())).isEmpty();
              assertThat(tx.memberships().list())
                  .extracting(Membership::userId)
                  .containsExactly(b.userId());
              assertThat(tx.events().list(PageRequest.first()).items()).isEmpty();
              assertThat(tx.audit().list(PageRequest.first()).items()).isEmpty();
              assertThat(tx.apiKeys().findByHash(hash)).isEmpty();
              assertThat(tx.apiKeys().list()).isEmpty();
              assertThat(tx.apiKeys().revoke(key.id(), T0)).isEmpty();
              return null;
            });
    assertThat(store().<Optional<ApiKey>>inTransaction(a, tx -> tx.apiKeys().findByHash(hash)))
        .contains(key);
  }

  @Test
  void rowsOfAnotherOrgCannotBeWrittenThroughATransaction() {
    Actor a = newOrg();
    Actor b = newOrg();
    List<Runnable> attempts = new ArrayList<>();
    attempts.add(
        () ->
            store()
                .inTransaction(
                    a,
                    tx -> {
                      tx.events().append(event(b, "test.forged", T0, Map.of()));
                      return null;
                    }));
    attempts.add(
        () ->
            store()
                .inTransaction(
                    a,
                    tx -> {
                      tx.audit().append(audit(b, "test.forged", T0));
                      return null;
                    }));
    attempts.add(
        () ->
            store()
                .inTransaction(
                    a,
                    tx -> {
                      tx.apiKeys().insert(apiKey(b, randomHash(), T0));
                      return null;
                    }));
    attempts.add(
        () ->
            store()
                .inTransaction(
                    a,
                    tx -> {
                      tx.memberships()
                          .insert(new Membership(b.orgId(), a.userId(), Role.OWNER, T0));
                      return null;
                    }));
    attempts.add(
        () ->
            store()
                .inTransaction(
                    a,
                    tx -> {
                      tx.orgs().update(new Org(b.orgId(), "Hijacked", null, null, T0));
                      return null;
                    }));
    for (Runnable attempt : attempts) {
      assertThatThrownBy(attempt::run).isInstanceOf(IllegalArgumentException.class);
    }
    store()
        .inTransaction(
            b,
            tx -> {
              assertThat(tx.events().list(PageRequest.first()).total()).isZero();
              assertThat(tx.audit().list(PageRequest.first()).total()).isZero();
              assertThat(tx.apiKeys().list()).isEmpty();
              assertThat(tx.memberships().list()).hasSize(1);
              assertThat(tx.orgs().current().orElseThrow().name()).startsWith("Org ");
              return null;
            });
  }
}
