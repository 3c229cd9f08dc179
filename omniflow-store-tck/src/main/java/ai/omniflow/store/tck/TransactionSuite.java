package ai.omniflow.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.PageRequest;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Membership;
import ai.omniflow.tenancy.Org;
import ai.omniflow.tenancy.Role;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What a transaction promises: it returns its work's result, exposes its actor, and commits all of
 * its work or, when the work throws, none of it. Not API: {@link StoreCompatibilityKit} runs it as
 * a nested suite.
 */
abstract class TransactionSuite extends StoreSuite {
  @Test
  void returnTheResultOfTheirWork() {
    Actor actor = newOrg();
    String name = store().inTransaction(actor, tx -> tx.orgs().current().orElseThrow().name());
    assertThat(name).startsWith("Org ");
  }

  @Test
  void leaveNothingBehindWhenTheWorkThrows() {
    UUID orgId = UUID.randomUUID();
    UUID userId = UUID.randomUUID();
    Actor actor = Actor.of(orgId, userId, Role.OWNER);
    Boom boom = new Boom();

    assertThatThrownBy(
            () ->
                store()
                    .inTransaction(
                        actor,
                        tx -> {
                          tx.orgs().insert(new Org(orgId, "Doomed", null, null, T0));
                          tx.users().insert(user(userId));
                          tx.memberships().insert(new Membership(orgId, userId, Role.OWNER, T0));
                          tx.events().append(event(actor, "org.created", T0, Map.of()));
                          tx.audit().append(audit(actor, "org.create", T0));
                          tx.apiKeys().insert(apiKey(actor, randomHash(), T0));
                          throw boom;
                        }))
        .isSameAs(boom);

    store()
        .inTransaction(
            actor,
            tx -> {
              assertThat(tx.orgs().current()).isEmpty();
              assertThat(tx.memberships().list()).isEmpty();
              assertThat(tx.events().list(PageRequest.first()).total()).isZero();
              assertThat(tx.audit().list(PageRequest.first()).total()).isZero();
              assertThat(tx.apiKeys().list()).isEmpty();
              // the user was rolled back too: inserting the same id again works
              tx.users().insert(user(userId));
              return null;
            });
  }

  @Test
  void keepEarlierCommittedWorkWhenALaterTransactionFails() {
    Actor actor = newOrg();
    assertThatThrownBy(
            () ->
                store()
                    .inTransaction(
                        actor,
                        tx -> {
                          Org org = tx.orgs().current().orElseThrow();
                          tx.orgs().update(org.withPack("generic", "1.0.0"));
                          throw new Boom();
                        }))
        .isInstanceOf(Boom.class);
    Org org = store().inTransaction(actor, tx -> tx.orgs().current().orElseThrow());
    assertThat(org.packSlug()).isNull();
    assertThat(org.name()).startsWith("Org ");
  }

  @Test
  void exposeTheActorTheyRunFor() {
    Actor actor = newOrg().withRequestId("req-7");
    assertThat(store().<Actor>inTransaction(actor, tx -> tx.actor())).isEqualTo(actor);
  }

  @Test
  void commitStrictWorkWithItsEventsAndAuditEntriesSeenInsideAndAfter() {
    Actor actor = newOrg();
    int seenInside =
        store()
            .inStrictTransaction(
                actor,
                tx -> {
                  Org org = tx.orgs().current().orElseThrow();
                  tx.orgs().update(org.withPack("generic", "1.0.0"));
                  assertThat(tx.orgs().current().orElseThrow().packSlug()).isEqualTo("generic");
                  tx.events().append(event(actor, "org.pack_selected", T0, Map.of()));
                  tx.audit().append(audit(actor, "org.select_pack", T0));
                  return (int)
                      (tx.events().list(PageRequest.first()).total()
                          + tx.audit().list(PageRequest.first()).total());
                });

    assertThat(seenInside).isEqualTo(2);
    store()
        .inTransaction(
            actor,
            tx -> {
              assertThat(tx.orgs().current().orElseThrow().packSlug()).isEqualTo("generic");
              assertThat(tx.events().list(PageRequest.first()).items())
                  .extracting(e -> e.type())
                  .contains("org.pack_selected");
              assertThat(tx.audit().list(PageRequest.first()).items())
                  .extracting(a -> a.action())
                  .contains("org.select_pack");
              return null;
            });
  }

  @Test
  void leaveNothingBehindWhenStrictWorkThrows() {
    Actor actor = newOrg();
    long eventsBefore =
        store().inTransaction(actor, tx -> tx.events().list(PageRequest.first()).total());
    Boom boom = new Boom();

    assertThatThrownBy(
            () ->
                store()
                    .inStrictTransaction(
                        actor,
                        tx -> {
                          Org org = tx.orgs().current().orElseThrow();
                          tx.orgs().update(org.withPack("generic", "1.0.0"));
                          tx.events().append(event(actor, "org.pack_selected", T0, Map.of()));
                          tx.audit().append(audit(actor, "org.select_pack", T0));
                          throw boom;
                        }))
        .isSameAs(boom);

    store()
        .inTransaction(
            actor,
            tx -> {
              assertThat(tx.orgs().current().orElseThrow().packSlug()).isNull();
              assertThat(tx.events().list(PageRequest.first()).total()).isEqualTo(eventsBefore);
              assertThat(tx.audit().list(PageRequest.first()).items())
                  .extracting(a -> a.action())
                  .doesNotContain("org.select_pack");
              return null;
            });
  }
}
