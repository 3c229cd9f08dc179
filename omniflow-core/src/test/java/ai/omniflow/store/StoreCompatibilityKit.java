package ai.omniflow.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.OmniFlowException;
import ai.omniflow.Page;
import ai.omniflow.PageRequest;
import ai.omniflow.audit.AuditEntry;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.connector.spi.DeliveryStatus;
import ai.omniflow.connector.spi.HealthStatus;
import ai.omniflow.connectors.ConnectorAccount;
import ai.omniflow.connectors.OAuthState;
import ai.omniflow.contacts.Contact;
import ai.omniflow.contacts.ContactMerge;
import ai.omniflow.contacts.Identity;
import ai.omniflow.contacts.IdentityKind;
import ai.omniflow.events.DomainEvent;
import ai.omniflow.inbox.Attachment;
import ai.omniflow.inbox.InboxThread;
import ai.omniflow.inbox.IngestResult;
import ai.omniflow.inbox.Message;
import ai.omniflow.inbox.MessageDirection;
import ai.omniflow.inbox.ThreadFilter;
import ai.omniflow.inbox.ThreadStatus;
import ai.omniflow.inbox.Touchpoint;
import ai.omniflow.store.spi.AccountTokens;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.ApiKey;
import ai.omniflow.tenancy.Membership;
import ai.omniflow.tenancy.Org;
import ai.omniflow.tenancy.Role;
import ai.omniflow.tenancy.User;
import java.math.BigDecimal;
import java.net.URI;
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
  @DisplayName("The org directory")
  class OrgDirectory {
    @Test
    void listsEveryOrgIdAndNothingElse() {
      Actor a = newOrg();
      Actor b = newOrg();
      List<UUID> ids = store().orgIds();
      assertThat(ids).contains(a.orgId(), b.orgId()).doesNotHaveDuplicates();
    }

    @Test
    void doesNotListAnOrgWhoseCreationRolledBack() {
      UUID orgId = UUID.randomUUID();
      assertThatThrownBy(
              () ->
                  store()
                      .inTransaction(
                          Actor.system(orgId),
                          tx -> {
                            tx.orgs().insert(new Org(orgId, "Doomed", null, null, T0));
                            throw new Boom();
                          }))
          .isInstanceOf(Boom.class);
      assertThat(store().orgIds()).doesNotContain(orgId);
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
    // ---------------------------------------------------------- org-scoped users (issue 9)

    @Test
    void anEmailAnotherOrgUsesCanBeAddedWithoutRevealingItButNotTwiceInOneOrg() {
      Actor a = newOrg();
      Actor b = newOrg();
      String email = "shared-" + UUID.randomUUID() + "@example.test";
      User inA = new User(UUID.randomUUID(), email, "Ana in A", T0);
      User inB = new User(UUID.randomUUID(), email, "Ana in B", T0);
      write(
          a,
          tx -> {
            tx.users().insert(inA);
            tx.memberships().insert(new Membership(a.orgId(), inA.id(), Role.AGENT, T0));
          });
      write(
          b,
          tx -> {
            tx.users().insert(inB);
            tx.memberships().insert(new Membership(b.orgId(), inB.id(), Role.AGENT, T0));
          });
      assertThat(store().<Optional<User>>inTransaction(b, tx -> tx.users().find(inA.id())))
          .isEmpty();
      assertThat(store().<Optional<User>>inTransaction(a, tx -> tx.users().find(inA.id())))
          .contains(inA);
      assertThat(store().<Optional<User>>inTransaction(b, tx -> tx.users().find(inB.id())))
          .contains(inB);
      assertKind(
          () -> write(b, tx -> tx.users().insert(new User(UUID.randomUUID(), email, "Dup", T0))),
          OmniFlowException.Kind.CONFLICT,
          "user_exists");
    }

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

  protected static ConnectorAccount connectorAccount(Actor actor, String externalId, Instant at) {
    return new ConnectorAccount(
        UUID.randomUUID(),
        actor.orgId(),
        ConnectorAccount.newAccountRef(),
        "meta",
        externalId,
        "Page " + externalId,
        List.of("pages_messaging", "pages_read_engagement"),
        HealthStatus.HEALTHY,
        "Connected.",
        null,
        at.plusSeconds(3600),
        at,
        at);
  }

  protected static OAuthState oauthState(Actor actor, String hash, Instant at) {
    return new OAuthState(
        hash,
        actor.orgId(),
        actor.userId(),
        "meta",
        "verifier-" + hash,
        URI.create("https://host.example/oauth/callback"),
        at,
        at.plusSeconds(600),
        null);
  }

  @Nested
  @DisplayName("Connector accounts")
  class ConnectorAccounts {
    @Test
    void areFoundByRefAndExternalIdListedOldestFirstAndUpdated() {
      Actor a = newOrg();
      ConnectorAccount first = connectorAccount(a, "page-1", T0);
      ConnectorAccount second = connectorAccount(a, "page-2", T0.plusSeconds(1));
      store()
          .inTransaction(
              a,
              tx -> {
                tx.connectorAccounts().insert(second);
                tx.connectorAccounts().insert(first);
                return null;
              });
      assertThat(
              store()
                  .<Optional<ConnectorAccount>>inTransaction(
                      a, tx -> tx.connectorAccounts().findByRef(first.accountRef())))
          .contains(first);
      assertThat(
              store()
                  .<Optional<ConnectorAccount>>inTransaction(
                      a, tx -> tx.connectorAccounts().findByExternalId("meta", "page-2")))
          .contains(second);
      assertThat(
              store()
                  .<Optional<ConnectorAccount>>inTransaction(
                      a, tx -> tx.connectorAccounts().findByExternalId("whatsapp", "page-2")))
          .isEmpty();
      assertThat(
              store().<List<ConnectorAccount>>inTransaction(a, tx -> tx.connectorAccounts().list()))
          .containsExactly(first, second);

      ConnectorAccount changed =
          first.withStatus(HealthStatus.NEEDS_REAUTH, "Token expired.", T0.plusSeconds(60));
      store()
          .inTransaction(
              a,
              tx -> {
                tx.connectorAccounts().update(changed);
                return null;
              });
      assertThat(
              store()
                  .<Optional<ConnectorAccount>>inTransaction(
                      a, tx -> tx.connectorAccounts().findByRef(first.accountRef())))
          .contains(changed);
    }

    @Test
    void theSameExternalAccountTwiceInOneOrgConflicts() {
      Actor a = newOrg();
      store()
          .inTransaction(
              a,
              tx -> {
                tx.connectorAccounts().insert(connectorAccount(a, "page-1", T0));
                return null;
              });
      assertThatThrownBy(
              () ->
                  store()
                      .inTransaction(
                          a,
                          tx -> {
                            tx.connectorAccounts().insert(connectorAccount(a, "page-1", T0));
                            return null;
                          }))
          .isInstanceOfSatisfying(
              OmniFlowException.class,
              e -> assertThat(e.kind()).isEqualTo(OmniFlowException.Kind.CONFLICT));
      // another org may connect the same page
      Actor b = newOrg();
      store()
          .inTransaction(
              b,
              tx -> {
                tx.connectorAccounts().insert(connectorAccount(b, "page-1", T0));
                return null;
              });
    }

    // ---------------------------------------------------------- single-flight refresh (issue 9)

    @Test
    void tokensAreLockedOnlyInTheirOrg() {
      Actor a = newOrg();
      Actor b = newOrg();
      ConnectorAccount account = connectorAccount(a, "page-lock", T0);
      AccountTokens tokens =
          new AccountTokens(account.id(), a.orgId(), new byte[] {1, 2}, new byte[] {3}, T0);
      write(
          a,
          tx -> {
            tx.connectorAccounts().insert(account);
            tx.connectorAccounts().saveTokens(tokens);
          });
      assertThat(
              store()
                  .<Optional<AccountTokens>>inTransaction(
                      a, tx -> tx.connectorAccounts().lockTokens(account.id())))
          .contains(tokens);
      assertThat(
              store()
                  .<Optional<AccountTokens>>inTransaction(
                      b, tx -> tx.connectorAccounts().lockTokens(account.id())))
          .isEmpty();
    }

    @Test
    void keepTokensAsBytesReplaceThemAndForgetThem() {
      Actor a = newOrg();
      ConnectorAccount account = connectorAccount(a, "page-1", T0);
      AccountTokens tokens =
          new AccountTokens(account.id(), a.orgId(), new byte[] {1, 0, -1, 42}, null, T0);
      AccountTokens replaced =
          new AccountTokens(
              account.id(), a.orgId(), new byte[] {7, 7}, new byte[] {9, 0, 9}, T0.plusSeconds(5));
      store()
          .inTransaction(
              a,
              tx -> {
                tx.connectorAccounts().insert(account);
                tx.connectorAccounts().saveTokens(tokens);
                return null;
              });
      assertThat(
              store()
                  .<Optional<AccountTokens>>inTransaction(
                      a, tx -> tx.connectorAccounts().tokens(account.id())))
          .contains(tokens);
      store()
          .inTransaction(
              a,
              tx -> {
                tx.connectorAccounts().saveTokens(replaced);
                return null;
              });
      assertThat(
              store()
                  .<List<AccountTokens>>inTransaction(a, tx -> tx.connectorAccounts().allTokens()))
          .containsExactly(replaced);
      assertThat(
              store()
                  .<Boolean>inTransaction(
                      a, tx -> tx.connectorAccounts().deleteTokens(account.id())))
          .isTrue();
      assertThat(
              store()
                  .<Boolean>inTransaction(
                      a, tx -> tx.connectorAccounts().deleteTokens(account.id())))
          .isFalse();
      assertThat(
              store()
                  .<Optional<AccountTokens>>inTransaction(
                      a, tx -> tx.connectorAccounts().tokens(account.id())))
          .isEmpty();
    }

    @Test
    void areInvisibleToAnotherOrgWithTheirTokens() {
      Actor a = newOrg();
      Actor b = newOrg();
      ConnectorAccount account = connectorAccount(a, "page-1", T0);
      store()
          .inTransaction(
              a,
              tx -> {
                tx.connectorAccounts().insert(account);
                tx.connectorAccounts()
                    .saveTokens(
                        new AccountTokens(account.id(), a.orgId(), new byte[] {1}, null, T0));
                return null;
              });
      store()
          .inTransaction(
              b,
              tx -> {
                assertThat(tx.connectorAccounts().findByRef(account.accountRef())).isEmpty();
                assertThat(tx.connectorAccounts().list()).isEmpty();
                assertThat(tx.connectorAccounts().tokens(account.id())).isEmpty();
                assertThat(tx.connectorAccounts().allTokens()).isEmpty();
                assertThat(tx.connectorAccounts().deleteTokens(account.id())).isFalse();
                return null;
              });
      assertThatThrownBy(
              () ->
                  store()
                      .inTransaction(
                          b,
                          tx -> {
                            tx.connectorAccounts().update(account);
                            return null;
                          }))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(
              store()
                  .<Optional<AccountTokens>>inTransaction(
                      a, tx -> tx.connectorAccounts().tokens(account.id())))
          .isPresent();
    }
  }

  @Nested
  @DisplayName("OAuth states")
  class OAuthStates {
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
      assertThat(store().<Integer>inTransaction(a, tx -> tx.oauthStates().purge(now, 100)))
          .isZero();
      assertThat(store().<Optional<OAuthState>>inTransaction(a, tx -> tx.oauthStates().find(live)))
          .isPresent();
      assertThat(store().<Optional<OAuthState>>inTransaction(a, tx -> tx.oauthStates().find(used)))
          .isEmpty();
      assertThat(
              store().<Optional<OAuthState>>inTransaction(b, tx -> tx.oauthStates().find(others)))
          .as("another org's expired state is not this org's to purge")
          .isPresent();
    }
  }

  protected static Contact contact(Actor actor, Instant at) {
    return new Contact(UUID.randomUUID(), actor.orgId(), "Ana " + at, at, at, null);
  }

  protected static Identity identity(
      Actor actor, UUID contactId, IdentityKind kind, String value, Instant at) {
    return new Identity(
        UUID.randomUUID(), actor.orgId(), contactId, kind, " " + value + " ", value, at, at);
  }

  private void write(
      Actor actor, java.util.function.Consumer<ai.omniflow.store.spi.StoreTransaction> work) {
    store()
        .inTransaction(
            actor,
            tx -> {
              work.accept(tx);
              return null;
            });
  }

  private Optional<Contact> findContact(Actor actor, UUID id) {
    return store().inTransaction(actor, tx -> tx.contacts().find(id));
  }

  private Optional<Contact> lockContact(Actor actor, UUID id) {
    return store().inTransaction(actor, tx -> tx.contacts().lock(id));
  }

  private Page<Contact> listContacts(Actor actor, PageRequest page) {
    return store().inTransaction(actor, tx -> tx.contacts().list(page));
  }

  private Optional<Identity> findIdentity(Actor actor, IdentityKind kind, String value) {
    return store().inTransaction(actor, tx -> tx.contacts().findIdentity(kind, value));
  }

  private List<Identity> identitiesOf(Actor actor, UUID contactId) {
    return store().inTransaction(actor, tx -> tx.contacts().identities(contactId));
  }

  private Optional<ContactMerge> findMerge(Actor actor, UUID id) {
    return store().inTransaction(actor, tx -> tx.contactMerges().find(id));
  }

  private List<ContactMerge> mergesOf(Actor actor, UUID contactId) {
    return store().inTransaction(actor, tx -> tx.contactMerges().listFor(contactId));
  }

  private boolean markUndone(Actor actor, UUID id, Instant at) {
    return store().inTransaction(actor, tx -> tx.contactMerges().markUndone(id, at));
  }

  private static void assertKind(Runnable call, OmniFlowException.Kind kind, String code) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            OmniFlowException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(kind);
              assertThat(e.code()).isEqualTo(code);
            });
  }

  @Nested
  @DisplayName("Contacts and identities")
  class ContactsAndIdentities {
    @Test
    void contactsAreFoundUpdatedAndListedOldestFirstWithoutThoseMergedAway() {
      Actor a = newOrg();
      Contact later = contact(a, T0.plusSeconds(10));
      Contact earlier = contact(a, T0);
      Contact merged = contact(a, T0.plusSeconds(5));
      Contact unnamed =
          new Contact(
              UUID.randomUUID(), a.orgId(), null, T0.plusSeconds(20), T0.plusSeconds(20), null);
      write(
          a,
          tx -> {
            tx.contacts().insert(later);
            tx.contacts().insert(earlier);
            tx.contacts().insert(merged);
            tx.contacts().insert(unnamed);
            tx.contacts().update(merged.mergedInto(earlier.id(), T0.plusSeconds(30)));
          });
      assertThat(findContact(a, merged.id()))
          .contains(merged.mergedInto(earlier.id(), T0.plusSeconds(30)));
      assertThat(lockContact(a, unnamed.id())).contains(unnamed);
      Page<Contact> all = listContacts(a, PageRequest.first());
      assertThat(all.items()).containsExactly(earlier, later, unnamed);
      assertThat(all.total()).isEqualTo(3);
      Page<Contact> second = listContacts(a, PageRequest.of(1, 1));
      assertThat(second.items()).containsExactly(later);
      assertThat(second.total()).isEqualTo(3);

      Contact renamed = later.withDisplayName("Ana Lima", T0.plusSeconds(40));
      write(a, tx -> tx.contacts().update(renamed));
      assertThat(findContact(a, later.id())).contains(renamed);
    }

    @Test
    void aContactIdTwiceConflictsAndUpdatingAMissingOneIsNotFound() {
      Actor a = newOrg();
      Contact c = contact(a, T0);
      write(a, tx -> tx.contacts().insert(c));
      assertKind(
          () -> write(a, tx -> tx.contacts().insert(c)),
          OmniFlowException.Kind.CONFLICT,
          "contact_exists");
      assertKind(
          () -> write(a, tx -> tx.contacts().update(contact(a, T0))),
          OmniFlowException.Kind.NOT_FOUND,
          "not_found");
    }

    @Test
    void identitiesAreFoundByKindAndValueListedOldestFirstAndMoved() {
      Actor a = newOrg();
      Contact ana = contact(a, T0);
      Contact other = contact(a, T0);
      Identity email =
          identity(a, ana.id(), IdentityKind.EMAIL, "ana@example.com", T0.plusSeconds(2));
      Identity phone = identity(a, ana.id(), IdentityKind.PHONE, "+14155550123", T0);
      write(
          a,
          tx -> {
            tx.contacts().insert(ana);
            tx.contacts().insert(other);
            tx.contacts().insertIdentity(email);
            tx.contacts().insertIdentity(phone);
          });
      assertThat(findIdentity(a, IdentityKind.PHONE, "+14155550123")).contains(phone);
      assertThat(findIdentity(a, IdentityKind.EMAIL, "+14155550123")).isEmpty();
      assertThat(identitiesOf(a, ana.id())).containsExactly(phone, email);

      Identity moved = phone.movedTo(other.id()).seenAt(T0.plusSeconds(60));
      write(a, tx -> tx.contacts().updateIdentity(moved));
      assertThat(identitiesOf(a, ana.id())).containsExactly(email);
      assertThat(identitiesOf(a, other.id())).containsExactly(moved);
      assertThat(moved.lastSeenAt()).isEqualTo(T0.plusSeconds(60));
      assertThat(moved.firstSeenAt()).isEqualTo(T0);
    }

    @Test
    void theSameKindAndValueTwiceInOneOrgConflictsWhileAnotherKindOrOrgMayHoldIt() {
      Actor a = newOrg();
      Contact first = contact(a, T0);
      Contact second = contact(a, T0);
      write(
          a,
          tx -> {
            tx.contacts().insert(first);
            tx.contacts().insert(second);
            tx.contacts()
                .insertIdentity(
                    identity(a, first.id(), IdentityKind.WHATSAPP_ID, "14155550123", T0));
          });
      assertKind(
          () ->
              write(
                  a,
                  tx ->
                      tx.contacts()
                          .insertIdentity(
                              identity(
                                  a, second.id(), IdentityKind.WHATSAPP_ID, "14155550123", T0))),
          OmniFlowException.Kind.CONFLICT,
          "identity_exists");
      write(
          a,
          tx ->
              tx.contacts()
                  .insertIdentity(
                      identity(a, second.id(), IdentityKind.MESSENGER_PSID, "14155550123", T0)));
      Actor b = newOrg();
      Contact theirs = contact(b, T0);
      write(
          b,
          tx -> {
            tx.contacts().insert(theirs);
            tx.contacts()
                .insertIdentity(
                    identity(b, theirs.id(), IdentityKind.WHATSAPP_ID, "14155550123", T0));
          });
    }

    @Test
    void aConflictingIdentityLeavesTheTransactionUsable() {
      Actor a = newOrg();
      Contact c = contact(a, T0);
      write(
          a,
          tx -> {
            tx.contacts().insert(c);
            tx.contacts()
                .insertIdentity(identity(a, c.id(), IdentityKind.EMAIL, "x@example.com", T0));
          });
      Identity other = identity(a, c.id(), IdentityKind.EMAIL, "y@example.com", T0);
      write(
          a,
          tx -> {
            assertThatThrownBy(
                    () ->
                        tx.contacts()
                            .insertIdentity(
                                identity(a, c.id(), IdentityKind.EMAIL, "x@example.com", T0)))
                .isInstanceOf(OmniFlowException.class);
            tx.contacts().insertIdentity(other);
          });
      assertThat(findIdentity(a, IdentityKind.EMAIL, "y@example.com")).contains(other);
    }

    @Test
    void anIdentityOfAContactTheOrgDoesNotHaveIsNotFound() {
      Actor a = newOrg();
      Actor b = newOrg();
      Contact theirs = contact(b, T0);
      write(b, tx -> tx.contacts().insert(theirs));
      assertKind(
          () ->
              write(
                  a,
                  tx ->
                      tx.contacts()
                          .insertIdentity(
                              identity(
                                  a, UUID.randomUUID(), IdentityKind.EMAIL, "m@example.com", T0))),
          OmniFlowException.Kind.NOT_FOUND,
          "not_found");
      assertKind(
          () ->
              write(
                  a,
                  tx ->
                      tx.contacts()
                          .insertIdentity(
                              identity(a, theirs.id(), IdentityKind.EMAIL, "m@example.com", T0))),
          OmniFlowException.Kind.NOT_FOUND,
          "not_found");
      assertThat(findIdentity(a, IdentityKind.EMAIL, "m@example.com")).isEmpty();
    }

    @Test
    void areInvisibleToAndCannotBeChangedByAnotherOrg() {
      Actor a = newOrg();
      Actor b = newOrg();
      Contact c = contact(a, T0);
      Identity i = identity(a, c.id(), IdentityKind.PHONE, "+442079460018", T0);
      write(
          a,
          tx -> {
            tx.contacts().insert(c);
            tx.contacts().insertIdentity(i);
          });
      write(
          b,
          tx -> {
            assertThat(tx.contacts().find(c.id())).isEmpty();
            assertThat(tx.contacts().lock(c.id())).isEmpty();
            assertThat(tx.contacts().list(PageRequest.first()).total()).isZero();
            assertThat(tx.contacts().findIdentity(IdentityKind.PHONE, "+442079460018")).isEmpty();
            assertThat(tx.contacts().identities(c.id())).isEmpty();
          });
      assertThatThrownBy(() -> write(b, tx -> tx.contacts().update(c)))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> write(b, tx -> tx.contacts().insertIdentity(i)))
          .isInstanceOf(IllegalArgumentException.class);
      // Forged as b's own rows, a's ids still name nothing b has.
      Contact forged = new Contact(c.id(), b.orgId(), "Forged", T0, T0, null);
      assertKind(
          () -> write(b, tx -> tx.contacts().update(forged)),
          OmniFlowException.Kind.NOT_FOUND,
          "not_found");
      Identity forgedIdentity =
          new Identity(i.id(), b.orgId(), c.id(), i.kind(), "x", i.normalizedValue(), T0, T0);
      assertThatThrownBy(() -> write(b, tx -> tx.contacts().updateIdentity(forgedIdentity)))
          .isInstanceOfSatisfying(
              OmniFlowException.class,
              e -> assertThat(e.kind()).isEqualTo(OmniFlowException.Kind.NOT_FOUND));
      assertThat(findContact(a, c.id())).contains(c);
      assertThat(identitiesOf(a, c.id())).containsExactly(i);
    }

    @Test
    void leaveNothingBehindWhenTheWorkThrows() {
      Actor a = newOrg();
      Contact kept = contact(a, T0);
      Identity keptIdentity = identity(a, kept.id(), IdentityKind.EMAIL, "kept@example.com", T0);
      write(
          a,
          tx -> {
            tx.contacts().insert(kept);
            tx.contacts().insertIdentity(keptIdentity);
          });
      Contact doomed = contact(a, T0.plusSeconds(1));
      assertThatThrownBy(
              () ->
                  write(
                      a,
                      tx -> {
                        tx.contacts().insert(doomed);
                        tx.contacts()
                            .insertIdentity(
                                identity(a, doomed.id(), IdentityKind.PHONE, "+14155550123", T0));
                        tx.contacts().updateIdentity(keptIdentity.movedTo(doomed.id()));
                        tx.contacts().update(kept.mergedInto(doomed.id(), T0.plusSeconds(2)));
                        tx.contactMerges()
                            .insert(
                                new ContactMerge(
                                    UUID.randomUUID(),
                                    a.orgId(),
                                    doomed.id(),
                                    kept.id(),
                                    List.of(keptIdentity.id()),
                                    "doomed",
                                    false,
                                    T0,
                                    a.userId(),
                                    null));
                        throw new Boom();
                      }))
          .isInstanceOf(Boom.class);
      assertThat(findContact(a, doomed.id())).isEmpty();
      assertThat(findContact(a, kept.id())).contains(kept);
      assertThat(identitiesOf(a, kept.id())).containsExactly(keptIdentity);
      assertThat(findIdentity(a, IdentityKind.PHONE, "+14155550123")).isEmpty();
      assertThat(mergesOf(a, kept.id())).isEmpty();
    }
  }

  @Nested
  @DisplayName("Contact merges")
  class ContactMerges {
    @Test
    void keepTheMovedIdentitiesInOrderAndAreUndoneExactlyOnce() {
      Actor a = newOrg();
      Contact survivor = contact(a, T0);
      Contact merged = contact(a, T0.plusSeconds(1));
      List<UUID> moved = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
      ContactMerge byAgent =
          new ContactMerge(
              UUID.randomUUID(),
              a.orgId(),
              survivor.id(),
              merged.id(),
              moved,
              "same person",
              false,
              T0.plusSeconds(5),
              a.userId(),
              null);
      ContactMerge automatic =
          new ContactMerge(
              UUID.randomUUID(),
              a.orgId(),
              merged.id(),
              survivor.id(),
              List.of(),
              null,
              true,
              T0.plusSeconds(9),
              null,
              null);
      write(
          a,
          tx -> {
            tx.contacts().insert(survivor);
            tx.contacts().insert(merged);
            tx.contactMerges().insert(automatic);
            tx.contactMerges().insert(byAgent);
          });
      assertThat(findMerge(a, byAgent.id())).contains(byAgent);
      assertThat(findMerge(a, automatic.id())).contains(automatic);
      assertThat(mergesOf(a, merged.id())).containsExactly(byAgent, automatic);
      Instant at = T0.plusSeconds(60);
      assertThat(markUndone(a, byAgent.id(), at)).isTrue();
      assertThat(markUndone(a, byAgent.id(), at.plusSeconds(1))).isFalse();
      assertThat(findMerge(a, byAgent.id())).contains(byAgent.undoneAt(at));
      assertThat(markUndone(a, UUID.randomUUID(), at)).isFalse();
    }

    @Test
    void ofAContactTheOrgDoesNotHaveAreNotFound() {
      Actor a = newOrg();
      Contact c = contact(a, T0);
      write(a, tx -> tx.contacts().insert(c));
      assertKind(
          () ->
              write(
                  a,
                  tx ->
                      tx.contactMerges()
                          .insert(
                              new ContactMerge(
                                  UUID.randomUUID(),
                                  a.orgId(),
                                  c.id(),
                                  UUID.randomUUID(),
                                  List.of(),
                                  null,
                                  false,
                                  T0,
                                  null,
                                  null))),
          OmniFlowException.Kind.NOT_FOUND,
          "not_found");
    }

    @Test
    void areInvisibleToAndCannotBeUndoneByAnotherOrg() {
      Actor a = newOrg();
      Actor b = newOrg();
      Contact s = contact(a, T0);
      Contact m = contact(a, T0);
      ContactMerge merge =
          new ContactMerge(
              UUID.randomUUID(), a.orgId(), s.id(), m.id(), List.of(), null, false, T0, null, null);
      write(
          a,
          tx -> {
            tx.contacts().insert(s);
            tx.contacts().insert(m);
            tx.contactMerges().insert(merge);
          });
      write(
          b,
          tx -> {
            assertThat(tx.contactMerges().find(merge.id())).isEmpty();
            assertThat(tx.contactMerges().listFor(s.id())).isEmpty();
            assertThat(tx.contactMerges().markUndone(merge.id(), T0)).isFalse();
          });
      assertThatThrownBy(() -> write(b, tx -> tx.contactMerges().insert(merge)))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(findMerge(a, merge.id())).contains(merge);
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

  @Nested
  @DisplayName("The inbox: threads, messages, touchpoints and ingest receipts")
  class Inbox {
    private UUID contact(Actor a) {
      UUID id = UUID.randomUUID();
      store()
          .inTransaction(
              a,
              tx -> {
                tx.contacts().insert(new Contact(id, a.orgId(), null, T0, T0, null));
                return null;
              });
      return id;
    }

    private InboxThread thread(Actor a, UUID contactId, Channel channel, String key, Instant at) {
      return new InboxThread(
          UUID.randomUUID(),
          a.orgId(),
          contactId,
          channel,
          null,
          key,
          ThreadStatus.OPEN,
          null,
          at,
          null,
          at,
          1,
          T0,
          T0);
    }

    private <T> T in(
        Actor a, java.util.function.Function<ai.omniflow.store.spi.StoreTransaction, T> f) {
      return store().inTransaction(a, f::apply);
    }

    private java.util.List<ai.omniflow.inbox.Draft> staleClaims(
        Actor a, Instant before, int limit) {
      return store().inTransaction(a, tx -> tx.inbox().staleDraftClaims(before, limit));
    }

    private java.util.Optional<ai.omniflow.inbox.Draft> lockedDraft(Actor a, UUID id) {
      return store().inTransaction(a, tx -> tx.inbox().lockDraft(id));
    }

    private boolean optedOut(Actor a, UUID contactId) {
      return store().inTransaction(a, tx -> tx.inbox().isOptedOut(contactId));
    }

    @Test
    void draftsAreWrittenLockedAndMarkedSentOnlyInTheirOrg() {
      Actor a = newOrg();
      Actor b = newOrg();
      UUID c = contact(a);
      InboxThread t = thread(a, c, Channel.SMS, "dm:phone:+14155550101", T0);
      in(
          a,
          tx -> {
            tx.inbox().insertThread(t);
            return null;
          });
      ai.omniflow.inbox.Draft d =
          new ai.omniflow.inbox.Draft(
              UUID.randomUUID(), a.orgId(), t.id(), "See you at 3", a.userId(), T0, null, null);
      in(
          a,
          tx -> {
            tx.inbox().insertDraft(d);
            return null;
          });

      assertThat(lockedDraft(a, d.id())).contains(d);
      assertThat(lockedDraft(b, d.id())).isEmpty();
      ai.omniflow.inbox.Draft other =
          new ai.omniflow.inbox.Draft(
              UUID.randomUUID(), b.orgId(), t.id(), "x", null, T0, null, null);
      assertThatThrownBy(
              () ->
                  in(
                      b,
                      tx -> {
                        tx.inbox().insertDraft(other);
                        return null;
                      }))
          .isInstanceOfSatisfying(
              OmniFlowException.class, e -> assertThat(e.code()).isEqualTo("not_found"));

      Message m =
          new Message(
              UUID.randomUUID(),
              a.orgId(),
              t.id(),
              ai.omniflow.inbox.MessageDirection.OUTBOUND,
              d.text(),
              java.util.List.of(),
              "p-1",
              ai.omniflow.connector.spi.DeliveryStatus.SENT,
              null,
              a.userId(),
              T0,
              T0);
      ai.omniflow.inbox.Draft sent = d.sentAs(m.id(), T0);
      in(
          a,
          tx -> {
            tx.inbox().insertMessage(m);
            tx.inbox().markDraftSent(sent);
            return null;
          });
      assertThat(lockedDraft(a, d.id())).contains(sent);
      assertThat(sent.isSent()).isTrue();
      assertThatThrownBy(
              () ->
                  in(
                      b,
                      tx -> {
                        tx.inbox()
                            .markDraftSent(
                                new ai.omniflow.inbox.Draft(
                                    d.id(), b.orgId(), t.id(), "x", null, T0, m.id(), T0));
                        return null;
                      }))
          .isInstanceOfSatisfying(
              OmniFlowException.class, e -> assertThat(e.code()).isEqualTo("not_found"));
    }

    // ---------------------------------------------------------- send claims (issue 9)

    @Test
    void aDraftsClaimIsWrittenAndStaleClaimsAreFoundOldestFirstOnlyInTheirOrg() {
      Actor a = newOrg();
      Actor b = newOrg();
      UUID c = contact(a);
      InboxThread t = thread(a, c, Channel.SMS, "dm:phone:+14155550102", T0);
      ai.omniflow.inbox.Draft d1 =
          ai.omniflow.inbox.Draft.of(UUID.randomUUID(), a.orgId(), t.id(), "One", null, T0);
      ai.omniflow.inbox.Draft d2 =
          ai.omniflow.inbox.Draft.of(UUID.randomUUID(), a.orgId(), t.id(), "Two", null, T0);
      ai.omniflow.inbox.Draft d3 =
          ai.omniflow.inbox.Draft.of(UUID.randomUUID(), a.orgId(), t.id(), "Three", null, T0);
      ai.omniflow.inbox.Draft c1 = d1.claimedAt(T0.plusSeconds(20));
      ai.omniflow.inbox.Draft c2 = d2.claimedAt(T0.plusSeconds(10));
      ai.omniflow.inbox.Draft c3 = d3.claimedAt(T0.plusSeconds(500));
      in(
          a,
          tx -> {
            tx.inbox().insertThread(t);
            for (var d : java.util.List.of(d1, d2, d3)) {
              tx.inbox().insertDraft(d);
            }
            tx.inbox().updateDraftState(c1);
            tx.inbox().updateDraftState(c2);
            tx.inbox().updateDraftState(c3);
            return null;
          });
      assertThat(lockedDraft(a, d1.id())).contains(c1);
      assertThat(staleClaims(a, T0.plusSeconds(100), 10)).containsExactly(c2, c1);
      assertThat(staleClaims(a, T0.plusSeconds(100), 1)).containsExactly(c2);
      assertThat(staleClaims(b, T0.plusSeconds(1000), 10)).isEmpty();

      ai.omniflow.inbox.Draft unknown =
          c2.withState(
              ai.omniflow.inbox.DraftStatus.UNKNOWN, c2.claimedAt(), "send_outcome_unknown");
      ai.omniflow.inbox.Draft released =
          c1.withState(ai.omniflow.inbox.DraftStatus.DRAFT, null, "send_permanent");
      in(
          a,
          tx -> {
            tx.inbox().updateDraftState(unknown);
            tx.inbox().updateDraftState(released);
            return null;
          });
      assertThat(lockedDraft(a, d2.id())).contains(unknown);
      assertThat(lockedDraft(a, d1.id())).contains(released);
      assertThat(staleClaims(a, T0.plusSeconds(100), 10)).isEmpty();
      assertThatThrownBy(
              () ->
                  in(
                      b,
                      tx -> {
                        tx.inbox()
                            .updateDraftState(
                                ai.omniflow.inbox.Draft.of(
                                        d3.id(), b.orgId(), t.id(), "x", null, T0)
                                    .claimedAt(T0));
                        return null;
                      }))
          .isInstanceOfSatisfying(
              OmniFlowException.class, e -> assertThat(e.code()).isEqualTo("not_found"));
      assertThatThrownBy(() -> in(a, tx -> tx.inbox().staleDraftClaims(T0, 0)))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void optOutsAreRememberedOnceAndOnlyInTheirOrg() {
      Actor a = newOrg();
      Actor b = newOrg();
      UUID c = contact(a);
      assertThat(optedOut(a, c)).isFalse();
      in(
          a,
          tx -> {
            tx.inbox().markOptedOut(c, T0);
            tx.inbox().markOptedOut(c, T0);
            return null;
          });
      assertThat(optedOut(a, c)).isTrue();
      assertThat(optedOut(b, c)).isFalse();
      UUID rolledBack = contact(a);
      assertThatThrownBy(
              () ->
                  in(
                      a,
                      tx -> {
                        tx.inbox().markOptedOut(rolledBack, T0);
                        throw new IllegalStateException("boom");
                      }))
          .isInstanceOf(IllegalStateException.class);
      assertThat(optedOut(a, rolledBack)).isFalse();
    }

    @Test
    void threadsAreWrittenReadAndUpdatedButKeepTheirKey() {
      Actor a = newOrg();
      UUID c = contact(a);
      InboxThread t = thread(a, c, Channel.INSTAGRAM_DM, "dm:instagram_id:ana", T0);
      in(
          a,
          tx -> {
            tx.inbox().insertThread(t);
            return null;
          });
      assertThat(this.<Optional<InboxThread>>in(a, tx -> tx.inbox().findThread(t.id())))
          .contains(t);

      InboxThread changed =
          t.withAssignee(a.userId(), T0.plusSeconds(5))
              .withStatus(ThreadStatus.CLOSED, T0.plusSeconds(5))
              .read(T0.plusSeconds(5));
      in(
          a,
          tx -> {
            tx.inbox().updateThread(changed);
            return null;
          });
      assertThat(this.<Optional<InboxThread>>in(a, tx -> tx.inbox().lockThread(t.id())))
          .contains(changed);
      assertThat(
              this.<Optional<InboxThread>>in(
                  a,
                  tx ->
                      tx.inbox()
                          .lockThreadByKey(Channel.INSTAGRAM_DM, null, "dm:instagram_id:ana")))
          .contains(changed);
      assertThat(
              this.<Optional<InboxThread>>in(
                  a,
                  tx ->
                      tx.inbox()
                          .lockThreadByKey(Channel.INSTAGRAM_DM, "acct", "dm:instagram_id:ana")))
          .isEmpty();
    }

    @Test
    void aThreadKeyIsTakenOncePerChannelAndAccount() {
      Actor a = newOrg();
      UUID c = contact(a);
      in(
          a,
          tx -> {
            tx.inbox().insertThread(thread(a, c, Channel.WHATSAPP, "dm:x", T0));
            return null;
          });
      assertThatThrownBy(
              () ->
                  in(
                      a,
                      tx -> {
                        tx.inbox().insertThread(thread(a, c, Channel.WHATSAPP, "dm:x", T0));
                        return null;
                      }))
          .isInstanceOfSatisfying(
              OmniFlowException.class, e -> assertThat(e.code()).isEqualTo("thread_exists"));
      // Another channel, or an account ref, make another thread.
      in(
          a,
          tx -> {
            tx.inbox().insertThread(thread(a, c, Channel.SMS, "dm:x", T0));
            return null;
          });
      InboxThread withRef =
          new InboxThread(
              UUID.randomUUID(),
              a.orgId(),
              c,
              Channel.WHATSAPP,
              "acct_1",
              "dm:x",
              ThreadStatus.OPEN,
              null,
              null,
              null,
              T0,
              0,
              T0,
              T0);
      in(
          a,
          tx -> {
            tx.inbox().insertThread(withRef);
            return null;
          });
      assertThat(
              this.<Page<InboxThread>>in(
                      a, tx -> tx.inbox().threads(ThreadFilter.ALL, PageRequest.first()))
                  .total())
          .isEqualTo(3);
    }

    @Test
    void aThreadNeedsAContactOfTheOrg() {
      Actor a = newOrg();
      Actor b = newOrg();
      UUID theirs = contact(b);
      assertThatThrownBy(
              () ->
                  in(
                      a,
                      tx -> {
                        tx.inbox().insertThread(thread(a, theirs, Channel.SMS, "dm:y", T0));
                        return null;
                      }))
          .isInstanceOfSatisfying(
              OmniFlowException.class,
              e -> assertThat(e.kind()).isEqualTo(OmniFlowException.Kind.NOT_FOUND));
    }

    @Test
    void threadsAreListedLatestActivityFirstAndFiltered() {
      Actor a = newOrg();
      UUID c1 = contact(a);
      UUID c2 = contact(a);
      InboxThread old = thread(a, c1, Channel.SMS, "dm:1", T0);
      InboxThread mid =
          thread(a, c2, Channel.WHATSAPP, "dm:2", T0.plusSeconds(60)).withAssignee(a.userId(), T0);
      InboxThread recent =
          thread(a, c1, Channel.EMAIL, "dm:3", T0.plusSeconds(120))
              .withStatus(ThreadStatus.CLOSED, T0);
      in(
          a,
          tx -> {
            for (InboxThread t : List.of(mid, old, recent)) tx.inbox().insertThread(t);
            return null;
          });

      Page<InboxThread> all =
          in(a, tx -> tx.inbox().threads(ThreadFilter.ALL, PageRequest.of(2, 0)));
      assertThat(all.total()).isEqualTo(3);
      assertThat(all.items()).extracting(InboxThread::id).containsExactly(recent.id(), mid.id());
      assertThat(
              this.<Page<InboxThread>>in(
                      a, tx -> tx.inbox().threads(ThreadFilter.ALL, PageRequest.of(2, 2)))
                  .items())
          .extracting(InboxThread::id)
          .containsExactly(old.id());
      assertThat(
              in(
                      a,
                      tx ->
                          tx.inbox()
                              .threads(
                                  ThreadFilter.ALL.withStatus(ThreadStatus.OPEN),
                                  PageRequest.first()))
                  .items())
          .extracting(InboxThread::id)
          .containsExactly(mid.id(), old.id());
      assertThat(
              in(
                      a,
                      tx ->
                          tx.inbox()
                              .threads(
                                  ThreadFilter.ALL.withChannel(Channel.SMS), PageRequest.first()))
                  .items())
          .extracting(InboxThread::id)
          .containsExactly(old.id());
      assertThat(
              in(
                      a,
                      tx ->
                          tx.inbox()
                              .threads(
                                  ThreadFilter.ALL.withAssignee(a.userId()), PageRequest.first()))
                  .items())
          .extracting(InboxThread::id)
          .containsExactly(mid.id());
      assertThat(
              in(
                      a,
                      tx ->
                          tx.inbox()
                              .threads(ThreadFilter.ALL.onlyUnassigned(), PageRequest.first()))
                  .items())
          .extracting(InboxThread::id)
          .containsExactly(recent.id(), old.id());
      assertThat(
              this.<Page<InboxThread>>in(
                      a,
                      tx ->
                          tx.inbox().threads(ThreadFilter.ALL.withContact(c1), PageRequest.first()))
                  .items())
          .extracting(InboxThread::id)
          .containsExactly(recent.id(), old.id());
      // Another org sees none of them.
      Actor b = newOrg();
      assertThat(
              this.<Page<InboxThread>>in(
                      b, tx -> tx.inbox().threads(ThreadFilter.ALL, PageRequest.first()))
                  .total())
          .isZero();
      assertThat(this.<Optional<InboxThread>>in(b, tx -> tx.inbox().findThread(old.id())))
          .isEmpty();
    }

    @Test
    void messagesAreListedOldestFirstAndTakeDeliveryNews() {
      Actor a = newOrg();
      UUID c = contact(a);
      InboxThread t = thread(a, c, Channel.WHATSAPP, "dm:m", T0);
      Message second =
          new Message(
              UUID.randomUUID(),
              a.orgId(),
              t.id(),
              MessageDirection.OUTBOUND,
              "Hi!",
              List.of(new Attachment("image", "https://cdn.example/x.jpg", "x.jpg")),
              "wamid.1",
              DeliveryStatus.SENT,
              null,
              a.userId(),
              T0.plusSeconds(10),
              T0);
      Message first =
          new Message(
              UUID.randomUUID(),
              a.orgId(),
              t.id(),
              MessageDirection.INBOUND,
              "Hello",
              List.of(),
              "wamid.0",
              null,
              null,
              null,
              T0,
              T0);
      in(
          a,
          tx -> {
            tx.inbox().insertThread(t);
            tx.inbox().insertMessage(second);
            tx.inbox().insertMessage(first);
            return null;
          });

      assertThat(
              this.<Page<Message>>in(a, tx -> tx.inbox().messages(t.id(), PageRequest.first()))
                  .items())
          .containsExactly(first, second);
      assertThat(this.<Optional<Message>>in(a, tx -> tx.inbox().findOutbound("wamid.1")))
          .contains(second);
      assertThat(this.<Optional<Message>>in(a, tx -> tx.inbox().findOutbound("wamid.0"))).isEmpty();

      Message failed = second.withDelivery(DeliveryStatus.FAILED, "number unreachable");
      in(
          a,
          tx -> {
            tx.inbox().updateDelivery(failed);
            return null;
          });
      assertThat(this.<Optional<Message>>in(a, tx -> tx.inbox().findOutbound("wamid.1")))
          .contains(failed);

      Actor b = newOrg();
      assertThat(
              this.<Page<Message>>in(b, tx -> tx.inbox().messages(t.id(), PageRequest.first()))
                  .total())
          .isZero();
      assertThat(this.<Optional<Message>>in(b, tx -> tx.inbox().findOutbound("wamid.1"))).isEmpty();
      assertThatThrownBy(
              () ->
                  in(
                      b,
                      tx -> {
                        tx.inbox()
                            .insertMessage(
                                new Message(
                                    UUID.randomUUID(),
                                    b.orgId(),
                                    t.id(),
                                    MessageDirection.INBOUND,
                                    "x",
                                    List.of(),
                                    null,
                                    null,
                                    null,
                                    null,
                                    T0,
                                    T0));
                        return null;
                      }))
          .isInstanceOfSatisfying(
              OmniFlowException.class,
              e -> assertThat(e.kind()).isEqualTo(OmniFlowException.Kind.NOT_FOUND));
    }

    @Test
    void touchpointsAreListedOldestFirstPerContact() {
      Actor a = newOrg();
      UUID c = contact(a);
      Touchpoint later =
          new Touchpoint(
              UUID.randomUUID(),
              a.orgId(),
              c,
              Channel.LEAD_FORM,
              "cmp",
              "ad",
              null,
              T0.plusSeconds(9),
              null,
              null);
      Touchpoint earlier =
          new Touchpoint(
              UUID.randomUUID(),
              a.orgId(),
              c,
              Channel.INSTAGRAM_COMMENT,
              null,
              null,
              "post",
              T0,
              null,
              null);
      in(
          a,
          tx -> {
            tx.inbox().insertTouchpoint(later);
            tx.inbox().insertTouchpoint(earlier);
            return null;
          });
      assertThat(this.<List<Touchpoint>>in(a, tx -> tx.inbox().touchpoints(c)))
          .containsExactly(earlier, later);
      Actor b = newOrg();
      assertThat(this.<List<Touchpoint>>in(b, tx -> tx.inbox().touchpoints(c))).isEmpty();
    }

    @Test
    void anIngestReceiptIsKeptOncePerOrgAndKey() {
      Actor a = newOrg();
      Actor b = newOrg();
      IngestResult r =
          new IngestResult(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), null, false);
      in(
          a,
          tx -> {
            tx.inbox().insertReceipt("mid.1", r, T0);
            return null;
          });
      assertThat(this.<Optional<IngestResult>>in(a, tx -> tx.inbox().findReceipt("mid.1")))
          .contains(r);
      assertThatThrownBy(
              () ->
                  in(
                      a,
                      tx -> {
                        tx.inbox().insertReceipt("mid.1", r, T0);
                        return null;
                      }))
          .isInstanceOfSatisfying(
              OmniFlowException.class, e -> assertThat(e.code()).isEqualTo("ingest_exists"));
      assertThat(this.<Optional<IngestResult>>in(b, tx -> tx.inbox().findReceipt("mid.1")))
          .isEmpty();
      in(
          b,
          tx -> {
            tx.inbox().insertReceipt("mid.1", r, T0);
            return null;
          });
    }

    @Test
    void leaveNothingBehindWhenTheWorkThrows() {
      Actor a = newOrg();
      UUID c = contact(a);
      InboxThread t = thread(a, c, Channel.SMS, "dm:r", T0);
      Boom boom = new Boom();
      assertThatThrownBy(
              () ->
                  in(
                      a,
                      tx -> {
                        tx.inbox().insertThread(t);
                        tx.inbox()
                            .insertMessage(
                                new Message(
                                    UUID.randomUUID(),
                                    a.orgId(),
                                    t.id(),
                                    MessageDirection.INBOUND,
                                    "x",
                                    List.of(),
                                    "p1",
                                    null,
                                    null,
                                    null,
                                    T0,
                                    T0));
                        tx.inbox()
                            .insertTouchpoint(
                                new Touchpoint(
                                    UUID.randomUUID(),
                                    a.orgId(),
                                    c,
                                    Channel.SMS,
                                    null,
                                    null,
                                    null,
                                    T0,
                                    null,
                                    t.id()));
                        tx.inbox()
                            .insertReceipt("k", new IngestResult(c, t.id(), null, null, false), T0);
                        throw boom;
                      }))
          .isSameAs(boom);
      assertThat(this.<Optional<InboxThread>>in(a, tx -> tx.inbox().findThread(t.id()))).isEmpty();
      assertThat(this.<List<Touchpoint>>in(a, tx -> tx.inbox().touchpoints(c))).isEmpty();
      assertThat(this.<Optional<IngestResult>>in(a, tx -> tx.inbox().findReceipt("k"))).isEmpty();
      assertThat(
              this.<Page<Message>>in(a, tx -> tx.inbox().messages(t.id(), PageRequest.first()))
                  .total())
          .isZero();
    }
  }

  @Nested
  @DisplayName("Routing: agents, groups, configuration and counters")
  class Routing {
    private ai.omniflow.routing.Agent agent(String name) {
      var zone = java.time.ZoneId.of("America/Los_Angeles");
      return new ai.omniflow.routing.Agent(
          UUID.randomUUID(),
          UUID.randomUUID(),
          name,
          true,
          2,
          10,
          java.util.Set.of("en", "es"),
          new ai.omniflow.routing.Availability(
              zone,
              List.of(
                  new ai.omniflow.routing.Shift(
                      java.time.DayOfWeek.FRIDAY,
                      java.time.LocalTime.of(22, 0),
                      java.time.LocalTime.of(6, 30))),
              List.of(new ai.omniflow.routing.TimeOff(T0, T0.plusSeconds(86_400))),
              false));
    }

    private Optional<ai.omniflow.routing.Agent> findAgent(Actor a, UUID id) {
      return store().inTransaction(a, tx -> tx.routing().findAgent(id));
    }

    private List<ai.omniflow.routing.Agent> agentsOf(Actor a) {
      return store().inTransaction(a, tx -> tx.routing().agents());
    }

    private Optional<ai.omniflow.routing.RoutingGroup> findGroup(Actor a, String key) {
      return store().inTransaction(a, tx -> tx.routing().findGroup(key));
    }

    private List<ai.omniflow.routing.RoutingGroup> groupsOf(Actor a) {
      return store().inTransaction(a, tx -> tx.routing().groups());
    }

    private Optional<ai.omniflow.routing.RoutingConfig> configOf(Actor a) {
      return store().inTransaction(a, tx -> tx.routing().config());
    }

    private List<ai.omniflow.routing.RoutingCounter> countersOf(Actor a) {
      return store().inTransaction(a, tx -> tx.routing().counters());
    }

    @Test
    void agentsAreStoredWithTheirAvailabilityUpdatedAndListedOldestFirst() {
      Actor a = newOrg();
      var ana = agent("Ana");
      var bo = ai.omniflow.routing.Agent.of(UUID.randomUUID(), "Bo", 0);
      write(
          a,
          tx -> {
            tx.routing().insertAgent(ana);
            tx.routing().insertAgent(bo);
          });
      assertThat(findAgent(a, ana.id())).contains(ana);
      assertThat(agentsOf(a)).containsExactly(ana, bo);
      var paused = ana.withAvailability(ana.availability().withPaused(true));
      write(a, tx -> tx.routing().updateAgent(paused));
      assertThat(findAgent(a, ana.id())).contains(paused);
      assertKind(
          () -> write(a, tx -> tx.routing().insertAgent(bo)),
          OmniFlowException.Kind.CONFLICT,
          "agent_exists");
      assertKind(
          () -> write(a, tx -> tx.routing().updateAgent(agent("Cy"))),
          OmniFlowException.Kind.NOT_FOUND,
          "not_found");
    }

    @Test
    void groupsAreStoredByKeyUpdatedAndListedOldestFirst() {
      Actor a = newOrg();
      var ana = agent("Ana");
      var bo = agent("Bo");
      var sf =
          new ai.omniflow.routing.RoutingGroup(
              "sf",
              "San Francisco",
              ai.omniflow.routing.RoutingPolicy.FIRST_TO_CLAIM,
              List.of(bo.id(), ana.id()),
              java.time.Duration.ofSeconds(90),
              "team");
      var team =
          ai.omniflow.routing.RoutingGroup.of(
              "team", ai.omniflow.routing.RoutingPolicy.ROUND_ROBIN, List.of(ana.id()));
      write(
          a,
          tx -> {
            tx.routing().insertAgent(ana);
            tx.routing().insertAgent(bo);
            tx.routing().insertGroup(sf);
            tx.routing().insertGroup(team);
          });
      assertThat(findGroup(a, "sf")).contains(sf);
      assertThat(groupsOf(a)).containsExactly(sf, team);
      var bigger =
          ai.omniflow.routing.RoutingGroup.of(
              "team", ai.omniflow.routing.RoutingPolicy.LEAST_LOADED, List.of(ana.id(), bo.id()));
      write(a, tx -> tx.routing().updateGroup(bigger));
      assertThat(findGroup(a, "team")).contains(bigger);
      assertKind(
          () -> write(a, tx -> tx.routing().insertGroup(team)),
          OmniFlowException.Kind.CONFLICT,
          "group_exists");
      assertKind(
          () ->
              write(
                  a,
                  tx ->
                      tx.routing()
                          .updateGroup(
                              ai.omniflow.routing.RoutingGroup.of(
                                  "nope", ai.omniflow.routing.RoutingPolicy.WEIGHTED, List.of()))),
          OmniFlowException.Kind.NOT_FOUND,
          "not_found");
    }

    @Test
    void theOrgsRoutingConfigurationRoundTripsAndCanBeRemoved() {
      Actor a = newOrg();
      assertThat(configOf(a)).isEmpty();
      var config =
          new ai.omniflow.routing.RoutingConfig(
              List.of(
                  new ai.omniflow.routing.RoutingRule(
                      "zip_941",
                      new ai.omniflow.scoring.Condition.All(
                          List.of(
                              new ai.omniflow.scoring.Condition.Leaf(
                                  "zip", ai.omniflow.scoring.Operator.STARTS_WITH, List.of("941")),
                              new ai.omniflow.scoring.Condition.Not(
                                  new ai.omniflow.scoring.Condition.Leaf(
                                      "score",
                                      ai.omniflow.scoring.Operator.BETWEEN,
                                      List.of(10L, 20L))))),
                      "sf")),
              "team",
              false,
              ai.omniflow.routing.LastResort.ACCOUNT_OWNER,
              a.userId());
      write(a, tx -> tx.routing().saveConfig(config));
      assertThat(configOf(a)).contains(config);
      write(a, tx -> tx.routing().saveConfig(null));
      assertThat(configOf(a)).isEmpty();
    }

    @Test
    void countersStartAtZeroIncrementAndAFailedTransactionLeavesThemAlone() {
      Actor a = newOrg();
      var ana = agent("Ana");
      write(
          a,
          tx -> {
            tx.routing().insertAgent(ana);
            tx.routing()
                .insertGroup(
                    ai.omniflow.routing.RoutingGroup.of(
                        "team", ai.omniflow.routing.RoutingPolicy.ROUND_ROBIN, List.of(ana.id())));
          });
      assertThat(countersOf(a)).isEmpty();
      write(
          a,
          tx -> {
            tx.routing().lock();
            tx.routing().incrementCounter("team", ana.id());
            tx.routing().incrementCounter("team", ana.id());
          });
      assertThatThrownBy(
              () ->
                  write(
                      a,
                      tx -> {
                        tx.routing().incrementCounter("team", ana.id());
                        throw new Boom();
                      }))
          .isInstanceOf(Boom.class);
      assertThat(countersOf(a))
          .containsExactly(new ai.omniflow.routing.RoutingCounter("team", ana.id(), 2));
    }

    @Test
    void anotherOrgSeesNoneOfIt() {
      Actor a = newOrg();
      Actor b = newOrg();
      var ana = agent("Ana");
      write(
          a,
          tx -> {
            tx.routing().insertAgent(ana);
            tx.routing()
                .insertGroup(
                    ai.omniflow.routing.RoutingGroup.of(
                        "team", ai.omniflow.routing.RoutingPolicy.ROUND_ROBIN, List.of(ana.id())));
            tx.routing().incrementCounter("team", ana.id());
            tx.routing().saveConfig(ai.omniflow.routing.RoutingConfig.DEFAULT);
          });
      assertThat(agentsOf(b)).isEmpty();
      assertThat(findAgent(b, ana.id())).isEmpty();
      assertThat(groupsOf(b)).isEmpty();
      assertThat(findGroup(b, "team")).isEmpty();
      assertThat(countersOf(b)).isEmpty();
      assertThat(configOf(b)).isEmpty();
      assertKind(
          () -> write(b, tx -> tx.routing().updateAgent(ana)),
          OmniFlowException.Kind.NOT_FOUND,
          "not_found");
      // the same group key in another org is another group
      write(
          b,
          tx ->
              tx.routing()
                  .insertGroup(
                      ai.omniflow.routing.RoutingGroup.of(
                          "team", ai.omniflow.routing.RoutingPolicy.WEIGHTED, List.of())));
    }
  }

  @Nested
  @DisplayName("Leads")
  class Leads {
    private <T> T in(
        Actor a, java.util.function.Function<ai.omniflow.store.spi.StoreTransaction, T> f) {
      return store().inTransaction(a, f::apply);
    }

    private UUID newContact(Actor a) {
      Contact c = contact(a, T0);
      in(
          a,
          tx -> {
            tx.contacts().insert(c);
            return null;
          });
      return c.id();
    }

    private ai.omniflow.leads.Lead lead(Actor a, UUID contact, Instant at) {
      return new ai.omniflow.leads.Lead(
          UUID.randomUUID(),
          a.orgId(),
          contact,
          null,
          Channel.SMS,
          "camp",
          null,
          "new",
          null,
          Map.of("budget", new BigDecimal("650000.50"), "zip", "94110", "pre_approved", true),
          null,
          null,
          null,
          at,
          at);
    }

    @Test
    void aLeadReadsBackAsWrittenAndOnlyInItsOrg() {
      Actor a = newOrg();
      Actor b = newOrg();
      ai.omniflow.leads.Lead l = lead(a, newContact(a), T0);
      in(
          a,
          tx -> {
            tx.leads().insert(l);
            return null;
          });

      assertThat(this.<Optional<ai.omniflow.leads.Lead>>in(a, tx -> tx.leads().find(l.id())))
          .contains(l);
      assertThat(this.<Optional<ai.omniflow.leads.Lead>>in(b, tx -> tx.leads().find(l.id())))
          .isEmpty();
      assertThat(
              this.<Page<ai.omniflow.leads.Lead>>in(
                      b,
                      tx -> tx.leads().list(ai.omniflow.leads.LeadFilter.ALL, PageRequest.first()))
                  .total())
          .isZero();
      assertThat(this.<List<UUID>>in(b, tx -> tx.leads().openIds(null, 10))).isEmpty();
    }

    @Test
    void aContactHasAtMostOneOpenLeadButAnyNumberOfClosedOnes() {
      Actor a = newOrg();
      UUID c = newContact(a);
      ai.omniflow.leads.Lead first = lead(a, c, T0);
      in(
          a,
          tx -> {
            tx.leads().insert(first);
            return null;
          });

      assertThatThrownBy(
              () ->
                  in(
                      a,
                      tx -> {
                        tx.leads().insert(lead(a, c, T0.plusSeconds(1)));
                        return null;
                      }))
          .isInstanceOf(OmniFlowException.class)
          .extracting(e -> ((OmniFlowException) e).code())
          .isEqualTo("open_lead_exists");
      ai.omniflow.leads.LeadOutcome won =
          new ai.omniflow.leads.LeadOutcome(
              ai.omniflow.leads.LeadOutcome.Status.WON,
              new BigDecimal("12500.25"),
              "EUR",
              T0.plusSeconds(60),
              "signed");
      in(
          a,
          tx -> {
            tx.leads().update(first.withOutcome(won, "won", T0.plusSeconds(60)));
            tx.leads().insert(lead(a, c, T0.plusSeconds(120)));
            return null;
          });

      List<ai.omniflow.leads.Lead> closed = in(a, tx -> tx.leads().closed(10));
      assertThat(closed).hasSize(1);
      assertThat(closed.get(0).outcome()).isEqualTo(won);
      assertThat(closed.get(0).stage()).isEqualTo("won");
      assertThat(this.<Optional<ai.omniflow.leads.Lead>>in(a, tx -> tx.leads().findOpen(c)))
          .get()
          .extracting(ai.omniflow.leads.Lead::createdAt)
          .isEqualTo(T0.plusSeconds(120));
    }

    @Test
    void openCountsGoByOwnerAndScoresAndModelRunsAreKeptInOrder() {
      Actor a = newOrg();
      ai.omniflow.leads.Lead l = lead(a, newContact(a), T0).withOwner(a.userId(), T0);
      ai.omniflow.leads.LeadScore s1 =
          new ai.omniflow.leads.LeadScore(
              UUID.randomUUID(),
              a.orgId(),
              l.id(),
              40,
              40,
              null,
              null,
              List.of(Map.of("kind", "rule", "key", "r", "points", 40)),
              "requested",
              T0);
      ai.omniflow.leads.LeadScore s2 =
          new ai.omniflow.leads.LeadScore(
              UUID.randomUUID(),
              a.orgId(),
              l.id(),
              55,
              40,
              0.7,
              1,
              List.of(Map.of("kind", "blend", "score", 55)),
              "model_changed",
              T0.plusSeconds(5));
      in(
          a,
          tx -> {
            tx.leads().insert(l);
            tx.leads().update(l.withScore(55, T0.plusSeconds(5)));
            tx.leads().insertScore(s1);
            tx.leads().insertScore(s2);
            tx.leads()
                .insertModelRun(
                    new ai.omniflow.leads.ModelRun(
                        a.orgId(), 1, T0, "refused_low_quality", Map.of("reason", "noise"), null));
            return null;
          });

      assertThat(this.<Map<UUID, Integer>>in(a, tx -> tx.leads().openCountsByOwner()))
          .containsExactly(Map.entry(a.userId(), 1));
      assertThat(
              this.<Page<ai.omniflow.leads.LeadScore>>in(
                      a, tx -> tx.leads().scores(l.id(), PageRequest.first()))
                  .items())
          .containsExactly(s2, s1);
      assertThat(this.<Optional<ai.omniflow.leads.Lead>>in(a, tx -> tx.leads().find(l.id())))
          .get()
          .extracting(ai.omniflow.leads.Lead::score)
          .isEqualTo(55);
      assertThatThrownBy(
              () ->
                  in(
                      a,
                      tx -> {
                        tx.leads()
                            .insertModelRun(
                                new ai.omniflow.leads.ModelRun(
                                    a.orgId(), 1, T0, "refused_low_quality", Map.of(), null));
                        return null;
                      }))
          .isInstanceOf(OmniFlowException.class)
          .extracting(e -> ((OmniFlowException) e).code())
          .isEqualTo("model_run_exists");
      assertThat(
              this.<Optional<ai.omniflow.leads.ModelRun>>in(a, tx -> tx.leads().latestModelRun()))
          .get()
          .extracting(ai.omniflow.leads.ModelRun::status)
          .isEqualTo("refused_low_quality");
    }

    @Test
    void aContactsLatestMessagesComeOldestFirstWithTheirThreadsChannel() {
      Actor a = newOrg();
      UUID c = newContact(a);
      InboxThread dm =
          new InboxThread(
              UUID.randomUUID(),
              a.orgId(),
              c,
              Channel.SMS,
              null,
              "dm:x",
              ThreadStatus.OPEN,
              null,
              null,
              null,
              T0,
              0,
              T0,
              T0);
      InboxThread form =
          new InboxThread(
              UUID.randomUUID(),
              a.orgId(),
              c,
              Channel.LEAD_FORM,
              null,
              "lead_form:f:x",
              ThreadStatus.OPEN,
              null,
              null,
              null,
              T0,
              0,
              T0,
              T0);
      in(
          a,
          tx -> {
            tx.inbox().insertThread(dm);
            tx.inbox().insertThread(form);
            for (int i = 0; i < 4; i++) {
              InboxThread t = i % 2 == 0 ? dm : form;
              tx.inbox()
                  .insertMessage(
                      new Message(
                          UUID.randomUUID(),
                          a.orgId(),
                          t.id(),
                          MessageDirection.INBOUND,
                          "m" + i,
                          List.of(),
                          null,
                          null,
                          null,
                          null,
                          T0.plusSeconds(i),
                          T0.plusSeconds(i)));
            }
            return null;
          });

      List<ai.omniflow.inbox.ContactMessage> latest = in(a, tx -> tx.inbox().contactMessages(c, 3));

      assertThat(latest).extracting(m -> m.message().text()).containsExactly("m1", "m2", "m3");
      assertThat(latest)
          .extracting(ai.omniflow.inbox.ContactMessage::channel)
          .containsExactly(Channel.LEAD_FORM, Channel.SMS, Channel.LEAD_FORM);
      assertThat(
              this.<List<ai.omniflow.inbox.ContactMessage>>in(
                  newOrg(), tx -> tx.inbox().contactMessages(c, 3)))
          .isEmpty();
    }
  }
}
