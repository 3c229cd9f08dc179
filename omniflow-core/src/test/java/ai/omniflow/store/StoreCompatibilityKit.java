package ai.omniflow.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.OmniFlowException;
import ai.omniflow.Page;
import ai.omniflow.PageRequest;
import ai.omniflow.audit.AuditEntry;
import ai.omniflow.events.DomainEvent;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.ApiKey;
import ai.omniflow.tenancy.Membership;
import ai.omniflow.tenancy.Org;
import ai.omniflow.tenancy.Role;
import ai.omniflow.tenancy.User;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The compatibility kit every {@link Store} passes. An implementation's whole test is:
 *
 * <pre>{@code
 * class MyStoreTest extends StoreCompatibilityKit {
 *   private final MyStore store = ...;
 *
 *   @Override
 *   protected Store store() {
 *     return store;
 *   }
 * }
 * }</pre>
 *
 * <p>{@link #store()} may return the same store for every test: each test works in orgs of its own,
 * with fresh random ids.
 */
public abstract class StoreCompatibilityKit {

  /** The store under test. */
  protected abstract Store store();

  /** Times are truncated to microseconds, the precision PostgreSQL keeps. */
  protected static final Instant T0 = Instant.parse("2026-11-25T10:15:30.123456Z");

  private static final class Boom extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Boom() {
      super("boom");
    }
  }

  /** A new org with its owner, committed; returns the owner's actor. */
  protected Actor newOrg() {
    UUID orgId = UUID.randomUUID();
    UUID userId = UUID.randomUUID();
    Actor actor = Actor.of(orgId, userId, Role.OWNER);
    store()
        .inTransaction(
            actor,
            tx -> {
              tx.orgs().insert(new Org(orgId, "Org " + orgId, null, null, T0));
              tx.users().insert(user(userId));
              tx.memberships().insert(new Membership(orgId, userId, Role.OWNER, T0));
              return null;
            });
    return actor;
  }

  protected static User user(UUID id) {
    return new User(id, id + "@example.test", "User " + id.toString().substring(0, 8), T0);
  }

  protected static DomainEvent event(Actor actor, String type, Instant at, Map<String, Object> p) {
    return new DomainEvent(
        UUID.randomUUID(),
        actor.orgId(),
        type,
        "org",
        actor.orgId().toString(),
        p,
        at,
        actor.userId(),
        actor.role());
  }

  protected static AuditEntry audit(Actor actor, String action, Instant at) {
    return new AuditEntry(
        UUID.randomUUID(),
        actor.orgId(),
        actor.userId(),
        actor.role(),
        action,
        "org",
        actor.orgId().toString(),
        Map.of("name", "before"),
        Map.of("name", "after"),
        "req-1",
        at);
  }

  protected static ApiKey apiKey(Actor actor, String hash, Instant at) {
    return new ApiKey(
        UUID.randomUUID(),
        actor.orgId(),
        actor.userId(),
        "key " + hash,
        "ofk_" + hash.substring(0, 4),
        hash,
        at,
        null);
  }

  private static String randomHash() {
    return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
  }

  @Nested
  @DisplayName("Transactions")
  class Transactions {
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
  }

  @Nested
  @DisplayName("Orgs")
  class Orgs {
    @Test
    void areCreatedReadAndUpdated() {
      Actor actor = newOrg();
      store()
          .inTransaction(
              actor,
              tx -> {
                Org org = tx.orgs().current().orElseThrow();
                tx.orgs().update(org.withPack("real-estate", "1.2.3"));
                return null;
              });
      Org org = store().inTransaction(actor, tx -> tx.orgs().current().orElseThrow());
      assertThat(org.id()).isEqualTo(actor.orgId());
      assertThat(org.packSlug()).isEqualTo("real-estate");
      assertThat(org.packVersion()).isEqualTo("1.2.3");
      assertThat(org.createdAt()).isEqualTo(T0);
    }

    @Test
    void cannotBeCreatedTwice() {
      Actor actor = newOrg();
      assertThatThrownBy(
              () ->
                  store()
                      .inTransaction(
                          actor,
                          tx -> {
                            tx.orgs().insert(new Org(actor.orgId(), "Again", null, null, T0));
                            return null;
                          }))
          .isInstanceOfSatisfying(
              OmniFlowException.class,
              e -> assertThat(e.kind()).isEqualTo(OmniFlowException.Kind.CONFLICT));
    }

    @Test
    void cannotBeWrittenForAnotherOrgThanTheTransactions() {
      Actor actor = newOrg();
      assertThatThrownBy(
              () ->
                  store()
                      .inTransaction(
                          actor,
                          tx -> {
                            tx.orgs().insert(new Org(UUID.randomUUID(), "Other", null, null, T0));
                            return null;
                          }))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void updatingAMissingOrgIsNotFound() {
      UUID orgId = UUID.randomUUID();
      assertThatThrownBy(
              () ->
                  store()
                      .inTransaction(
                          Actor.system(orgId),
                          tx -> {
                            tx.orgs().update(new Org(orgId, "Ghost", null, null, T0));
                            return null;
                          }))
          .isInstanceOfSatisfying(
              OmniFlowException.class,
              e -> assertThat(e.kind()).isEqualTo(OmniFlowException.Kind.NOT_FOUND));
    }
  }

  @Nested
  @DisplayName("Users and memberships")
  class UsersAndMemberships {
    @Test
    void aUserIsVisibleToAnOrgOnlyThroughAMembership() {
      Actor a = newOrg();
      Actor b = newOrg();
      UUID userId = UUID.randomUUID();
      store()
          .inTransaction(
              a,
              tx -> {
                tx.users().insert(user(userId));
                assertThat(tx.users().find(userId)).isEmpty();
                tx.memberships().insert(new Membership(a.orgId(), userId, Role.AGENT, T0));
                assertThat(tx.users().find(userId)).contains(user(userId));
                return null;
              });
      assertThat(store().<Optional<User>>inTransaction(b, tx -> tx.users().find(userId))).isEmpty();
      assertThat(
              store().<Optional<Membership>>inTransaction(b, tx -> tx.memberships().find(userId)))
          .isEmpty();
    }

    @Test
    void oneUserMayBelongToSeveralOrgsWithDifferentRoles() {
      Actor a = newOrg();
      Actor b = newOrg();
      UUID userId = a.userId();
      store()
          .inTransaction(
              b,
              tx -> {
                tx.memberships().insert(new Membership(b.orgId(), userId, Role.VIEWER, T0));
                return null;
              });
      assertThat(
              store()
                  .<Optional<Membership>>inTransaction(a, tx -> tx.memberships().find(userId))
                  .orElseThrow()
                  .role())
          .isEqualTo(Role.OWNER);
      assertThat(
              store()
                  .<Optional<Membership>>inTransaction(b, tx -> tx.memberships().find(userId))
                  .orElseThrow()
                  .role())
          .isEqualTo(Role.VIEWER);
    }

    @Test
    void membershipsAreListedOldestFirstAndCanChangeRole() {
      Actor a = newOrg();
      UUID second = UUID.randomUUID();
      store()
          .inTransaction(
              a,
              tx -> {
                tx.users().insert(user(second));
                tx.memberships()
                    .insert(new Membership(a.orgId(), second, Role.AGENT, T0.plusSeconds(5)));
                tx.memberships()
                    .update(new Membership(a.orgId(), second, Role.MANAGER, T0.plusSeconds(5)));
                return null;
              });
      List<Membership> list = store().inTransaction(a, tx -> tx.memberships().list());
      assertThat(list).extracting(Membership::userId).containsExactly(a.userId(), second);
      assertThat(list.get(1).role()).isEqualTo(Role.MANAGER);
    }

    @Test
    void aSecondMembershipOfTheSameUserConflicts() {
      Actor a = newOrg();
      assertThatThrownBy(
              () ->
                  store()
                      .inTransaction(
                          a,
                          tx -> {
                            tx.memberships()
                                .insert(new Membership(a.orgId(), a.userId(), Role.AGENT, T0));
                            return null;
                          }))
          .isInstanceOfSatisfying(
              OmniFlowException.class,
              e -> assertThat(e.kind()).isEqualTo(OmniFlowException.Kind.CONFLICT));
    }

    @Test
    void aMembershipOfAnUnknownUserIsNotFound() {
      Actor a = newOrg();
      assertThatThrownBy(
              () ->
                  store()
                      .inTransaction(
                          a,
                          tx -> {
                            tx.memberships()
                                .insert(
                                    new Membership(a.orgId(), UUID.randomUUID(), Role.AGENT, T0));
                            return null;
                          }))
          .isInstanceOfSatisfying(
              OmniFlowException.class,
              e -> assertThat(e.kind()).isEqualTo(OmniFlowException.Kind.NOT_FOUND));
    }

    @Test
    void aTakenEmailConflicts() {
      Actor a = newOrg();
      User existing = user(a.userId());
      assertThatThrownBy(
              () ->
                  store()
                      .inTransaction(
                          a,
                          tx -> {
                            tx.users()
                                .insert(
                                    new User(UUID.randomUUID(), existing.email(), "Copycat", T0));
                            return null;
                          }))
          .isInstanceOfSatisfying(
              OmniFlowException.class,
              e -> assertThat(e.kind()).isEqualTo(OmniFlowException.Kind.CONFLICT));
    }
  }

  @Nested
  @DisplayName("The event log")
  class EventLog {
    @Test
    void listsEventsNewestFirstWithPagingAndTotal() {
      Actor a = newOrg();
      store()
          .inTransaction(
              a,
              tx -> {
                for (int i = 0; i < 5; i++) {
                  tx.events().append(event(a, "test.e" + i, T0.plusSeconds(i), Map.of("i", i)));
                }
                return null;
              });
      Page<DomainEvent> page =
          store().inTransaction(a, tx -> tx.events().list(PageRequest.of(2, 1)));
      assertThat(page.total()).isEqualTo(5);
      assertThat(page.limit()).isEqualTo(2);
      assertThat(page.offset()).isEqualTo(1);
      assertThat(page.items()).extracting(DomainEvent::type).containsExactly("test.e3", "test.e2");
      Page<DomainEvent> beyond =
          store().inTransaction(a, tx -> tx.events().list(PageRequest.of(10, 50)));
      assertThat(beyond.items()).isEmpty();
      assertThat(beyond.total()).isEqualTo(5);
    }

    @Test
    void ordersEventsOfTheSameInstantByAppendOrderNewestFirst() {
      Actor a = newOrg();
      store()
          .inTransaction(
              a,
              tx -> {
                tx.events().append(event(a, "test.first", T0, Map.of()));
                tx.events().append(event(a, "test.second", T0, Map.of()));
                return null;
              });
      store()
          .inTransaction(
              a,
              tx -> {
                tx.events().append(event(a, "test.third", T0, Map.of()));
                return null;
              });
      assertThat(
              store()
                  .<Page<DomainEvent>>inTransaction(a, tx -> tx.events().list(PageRequest.first()))
                  .items())
          .extracting(DomainEvent::type)
          .containsExactly("test.third", "test.second", "test.first");
    }

    @Test
    void keepsEveryFieldAndAJsonPayloadExactly() {
      Actor a = newOrg();
      Map<String, Object> nested = new LinkedHashMap<>();
      nested.put("list", List.of("x", 2, true));
      nested.put("amount", new BigDecimal("1234.50"));
      nested.put("big", 12_345_678_901L);
      Map<String, Object> payload = new HashMap<>();
      payload.put("text", "héllo \"quoted\" 🏡");
      payload.put("nested", nested);
      payload.put("nothing", null);
      payload.put("ratio", 0.25);
      DomainEvent e = event(a, "test.payload", T0, payload);
      store()
          .inTransaction(
              a,
              tx -> {
                tx.events().append(e);
                return null;
              });
      DomainEvent read =
          store().inTransaction(a, tx -> tx.events().list(PageRequest.first())).items().get(0);
      assertThat(read).isEqualTo(e);
    }

    @Test
    void keepsTheSystemActorAsNoUser() {
      Actor a = newOrg();
      Actor system = Actor.system(a.orgId());
      DomainEvent e = event(system, "test.system", T0, Map.of());
      store()
          .inTransaction(
              system,
              tx -> {
                tx.events().append(e);
                return null;
              });
      DomainEvent read =
          store().inTransaction(a, tx -> tx.events().list(PageRequest.first())).items().get(0);
      assertThat(read.actorUserId()).isNull();
      assertThat(read).isEqualTo(e);
    }
  }

  @Nested
  @DisplayName("The audit log")
  class AuditLog {
    @Test
    void listsEntriesNewestFirstWithBeforeAfterAndRequestId() {
      Actor a = newOrg().withRequestId("req-9");
      AuditEntry first = audit(a, "test.first", T0);
      AuditEntry created =
          new AuditEntry(
              UUID.randomUUID(),
              a.orgId(),
              a.userId(),
              a.role(),
              "test.create",
              "thing",
              "42",
              null,
              Map.of("k", "v"),
              null,
              T0.plus(1, ChronoUnit.MILLIS));
      store()
          .inTransaction(
              a,
              tx -> {
                tx.audit().append(first);
                tx.audit().append(created);
                return null;
              });
      Page<AuditEntry> page = store().inTransaction(a, tx -> tx.audit().list(PageRequest.first()));
      assertThat(page.items()).containsExactly(created, first);
      assertThat(page.total()).isEqualTo(2);
    }
  }

  @Nested
  @DisplayName("API keys")
  class ApiKeys {
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

  @Nested
  @DisplayName("Tenant isolation")
  class TenantIsolation {
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
}
