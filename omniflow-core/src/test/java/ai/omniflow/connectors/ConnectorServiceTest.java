package ai.omniflow.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.OmniFlow;
import ai.omniflow.OmniFlowException;
import ai.omniflow.PageRequest;
import ai.omniflow.audit.AuditEntry;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.connector.spi.ConnectedAccount;
import ai.omniflow.connector.spi.ConnectorException;
import ai.omniflow.connector.spi.FailureKind;
import ai.omniflow.connector.spi.HealthStatus;
import ai.omniflow.events.DomainEvent;
import ai.omniflow.store.InMemoryStore;
import ai.omniflow.store.spi.AccountTokens;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import ai.omniflow.tenancy.User;
import ai.omniflow.testing.MutableClock;
import ai.omniflow.testing.TestTokenCipher;
import ai.omniflow.vault.TokenVault;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The connector service over a store: the in-memory one here; {@code omniflow-jdbc} runs the same
 * tests on PostgreSQL by overriding {@link #newStore()}.
 */
public class ConnectorServiceTest {
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
  protected Store store;
  protected final ScriptedConnector meta = new ScriptedConnector("meta", clock);
  final ScriptedConnector mock = new ScriptedConnector("mock", clock);
  final List<String> leaks = new ArrayList<>();
  protected OmniFlow omniFlow;
  protected Actor owner;
  Actor otherOrgOwner;

  OmniFlow build(ConnectorMode mode, TokenVault vault) {
    return OmniFlow.builder()
        .store(store)
        .clock(clock)
        .tokenVault(vault)
        .connectorMode(mode)
        .connector(ScriptedConnector.factory(meta), ScriptedConnector.config(clock))
        .connector(ScriptedConnector.factory(mock), ScriptedConnector.config(clock))
        .build();
  }

  /** The store the tests run on; called before each test. */
  protected Store newStore() {
    return new InMemoryStore();
  }

  @BeforeEach
  void setUp() {
    store = newStore();
    omniFlow = build(ConnectorMode.LIVE, new TokenVault(TestTokenCipher.generate()));
    owner = newOrg();
    otherOrgOwner = newOrg();
  }

  Actor newOrg() {
    UUID org = UUID.randomUUID();
    User u = new User(UUID.randomUUID(), org + "@example.test", "Owner", clock.instant());
    omniFlow.tenancy().createOrg(org, "Org", u);
    return Actor.of(org, u.id(), Role.OWNER).withRequestId("req-" + org);
  }

  Actor member(Actor owner, Role role) {
    User u = new User(UUID.randomUUID(), UUID.randomUUID() + "@example.test", "M", clock.instant());
    omniFlow.tenancy().addMember(owner, u, role);
    return Actor.of(owner.orgId(), u.id(), role);
  }

  protected List<ConnectorAccount> connect(Actor actor) {
    AuthorizationStart start = omniFlow.connectors().start(actor, "meta");
    return omniFlow
        .connectors()
        .complete(actor, "meta", "code-" + UUID.randomUUID(), start.state());
  }

  long events(Actor a) {
    return omniFlow.events().list(a, PageRequest.first()).total();
  }

  long audits(Actor a) {
    return omniFlow.audit().list(a, PageRequest.first()).total();
  }

  void assertOnlyAnAuditEntry(Actor a, Runnable call, Consumer<OmniFlowException> check) {
    long e = events(a);
    long au = audits(a);
    assertThatThrownBy(call::run).isInstanceOfSatisfying(OmniFlowException.class, check::accept);
    assertThat(events(a)).isEqualTo(e);
    assertThat(audits(a)).isEqualTo(au + 1);
    AuditEntry last = omniFlow.audit().list(a, PageRequest.first()).items().get(0);
    assertThat(last.action()).isEqualTo("connector.oauth_refused");
  }

  @Nested
  @DisplayName("Starting OAuth")
  class Starting {
    @Test
    void givesAnAuthorizationUrlWithStateAndS256ChallengeAndStoresOnlyTheStatesHash() {
      AuthorizationStart start = omniFlow.connectors().start(owner, "meta");
      assertThat(start.state()).hasSize(22);
      assertThat(start.authorizationUrl().toString())
          .contains("state=" + start.state())
          .contains("code_challenge_method=S256");
      assertThat(start.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
      OAuthState stored =
          store
              .inTransaction(
                  owner, tx -> tx.oauthStates().find(ConnectorService.hash(start.state())))
              .orElseThrow();
      assertThat(stored.stateHash()).isNotEqualTo(start.state());
      assertThat(stored.userId()).isEqualTo(owner.userId());
      assertThat(events(owner)).isPositive();
    }

    @Test
    void isForbiddenToAgentsAndViewersAndWritesNothing() {
      for (Role role : List.of(Role.AGENT, Role.VIEWER)) {
        Actor a = member(owner, role);
        long e = events(owner);
        assertThatThrownBy(() -> omniFlow.connectors().start(a, "meta"))
            .isInstanceOfSatisfying(
                OmniFlowException.class, ex -> assertThat(ex.kind().httpStatus()).isEqualTo(403));
        assertThat(events(owner)).isEqualTo(e);
      }
      assertThat(omniFlow.connectors().start(member(owner, Role.MANAGER), "meta").state())
          .isNotBlank();
    }

    @Test
    void anUnknownProviderIs404AndOneOfTheOtherModeIs409() {
      assertThatThrownBy(() -> omniFlow.connectors().start(owner, "myspace"))
          .isInstanceOfSatisfying(
              OmniFlowException.class,
              e -> {
                assertThat(e.kind().httpStatus()).isEqualTo(404);
                assertThat(e.code()).isEqualTo("unknown_provider");
              });
      assertThatThrownBy(() -> omniFlow.connectors().start(owner, "mock"))
          .isInstanceOfSatisfying(
              OmniFlowException.class,
              e -> {
                assertThat(e.kind().httpStatus()).isEqualTo(409);
                assertThat(e.code()).isEqualTo("provider_unavailable");
              });
    }
  }

  @Nested
  @DisplayName("Completing OAuth")
  class Completing {
    @Test
    void connectsEveryGrantedAccountWithSealedTokensAndAnEvent() {
      meta.grants =
          List.of(
              new ConnectedAccount("page-1", "Page One", List.of("pages_messaging")),
              new ConnectedAccount("ig-9", "Insta", List.of()));
      List<ConnectorAccount> accounts = connect(owner);
      assertThat(accounts)
          .extracting(ConnectorAccount::externalAccountId)
          .containsExactly("page-1", "ig-9");
      assertThat(accounts)
          .allSatisfy(
              a -> {
                assertThat(a.status()).isEqualTo(HealthStatus.HEALTHY);
                assertThat(ConnectorAccount.isAccountRef(a.accountRef())).isTrue();
                assertThat(a.tokenExpiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
              });
      assertThat(accounts.get(1).scopes()).containsExactly("pages_messaging");
      AccountTokens t =
          store
              .inTransaction(owner, tx -> tx.connectorAccounts().tokens(accounts.get(0).id()))
              .orElseThrow();
      String cipher = new String(t.accessToken(), StandardCharsets.ISO_8859_1);
      assertThat(meta.issuedSecrets).noneMatch(cipher::contains);
      assertThat(omniFlow.events().list(owner, PageRequest.first()).items())
          .extracting(DomainEvent::type)
          .contains("connector_account.connected");
      assertThat(omniFlow.connectors().accounts(owner)).hasSize(2);
      assertThat(omniFlow.connectors().accounts(otherOrgOwner)).isEmpty();
    }

    @Test
    void reconnectingTheSameAccountKeepsItsRef() {
      ConnectorAccount first = connect(owner).get(0);
      ConnectorAccount again = connect(owner).get(0);
      assertThat(again.accountRef()).isEqualTo(first.accountRef());
      assertThat(omniFlow.connectors().accounts(owner)).hasSize(1);
    }

    @Test
    void refusesAReusedStateWritingOnlyAnAuditEntry() {
      AuthorizationStart start = omniFlow.connectors().start(owner, "meta");
      omniFlow.connectors().complete(owner, "meta", "code-1", start.state());
      assertOnlyAnAuditEntry(
          owner,
          () -> omniFlow.connectors().complete(owner, "meta", "code-2", start.state()),
          e -> {
            assertThat(e.code()).isEqualTo("invalid_state");
            assertThat(e.kind().httpStatus()).isEqualTo(400);
          });
    }

    @Test
    void refusesAnExpiredUnknownOrForeignState() {
      AuthorizationStart expired = omniFlow.connectors().start(owner, "meta");
      clock.advance(Duration.ofMinutes(10));
      assertOnlyAnAuditEntry(
          owner,
          () -> omniFlow.connectors().complete(owner, "meta", "c", expired.state()),
          e -> assertThat(e.getMessage()).contains("expired"));
      assertOnlyAnAuditEntry(
          owner,
          () -> omniFlow.connectors().complete(owner, "meta", "c", "made-up-state"),
          e -> assertThat(e.code()).isEqualTo("invalid_state"));

      AuthorizationStart othersState = omniFlow.connectors().start(otherOrgOwner, "meta");
      assertOnlyAnAuditEntry(
          owner,
          () -> omniFlow.connectors().complete(owner, "meta", "c", othersState.state()),
          e -> assertThat(e.code()).isEqualTo("invalid_state"));
      // the other org's state was not consumed by the attempt
      assertThat(omniFlow.connectors().complete(otherOrgOwner, "meta", "c", othersState.state()))
          .hasSize(1);

      Actor colleague = member(owner, Role.ADMIN);
      AuthorizationStart colleagues = omniFlow.connectors().start(colleague, "meta");
      assertOnlyAnAuditEntry(
          owner,
          () -> omniFlow.connectors().complete(owner, "meta", "c", colleagues.state()),
          e -> assertThat(e.getMessage()).contains("mismatch"));
      assertThat(omniFlow.connectors().accounts(owner)).isEmpty();
    }

    @Test
    void aCodeTheProviderRefusesIsABadRequestAndConnectsNothing() {
      meta.exchangeFailure = new ConnectorException(FailureKind.PERMANENT, "invalid grant");
      AuthorizationStart start = omniFlow.connectors().start(owner, "meta");
      assertOnlyAnAuditEntry(
          owner,
          () -> omniFlow.connectors().complete(owner, "meta", "bad-code", start.state()),
          e -> assertThat(e.code()).isEqualTo("invalid_code"));
      assertThat(omniFlow.connectors().accounts(owner)).isEmpty();
    }
  }

  @Nested
  @DisplayName("Health, sending and disconnecting")
  class Lifecycle {
    @Test
    void aStatusChangeIsAnEventAndNeedsReauthStopsSends() {
      ConnectorAccount account = connect(owner).get(0);
      assertThat(
              omniFlow
                  .connectors()
                  .sendText(owner, account.accountRef(), Channel.FACEBOOK_DM, "psid-1", "Hi")
                  .providerMessageId())
          .startsWith("mid.");

      meta.probeFailure = new ConnectorException(FailureKind.AUTH_EXPIRED, "token expired");
      ConnectorAccount checked =
          omniFlow.connectors().healthcheck(owner, "meta", account.accountRef());
      assertThat(checked.status()).isEqualTo(HealthStatus.NEEDS_REAUTH);
      assertThat(omniFlow.events().list(owner, PageRequest.first()).items().get(0).type())
          .isEqualTo("connector_account.status_changed");
      assertThat(omniFlow.connectors().health(owner).overall())
          .isEqualTo(HealthStatus.NEEDS_REAUTH);

      int sends = meta.sentWith.size();
      assertThatThrownBy(
              () ->
                  omniFlow
                      .connectors()
                      .sendText(owner, account.accountRef(), Channel.FACEBOOK_DM, "psid-1", "Hi"))
          .isInstanceOfSatisfying(
              OmniFlowException.class, e -> assertThat(e.code()).isEqualTo("account_needs_reauth"));
      assertThat(meta.sentWith).hasSize(sends);
    }

    @Test
    void anUnchangedStatusRecordsNoEvent() {
      ConnectorAccount account = connect(owner).get(0);
      long e = events(owner);
      omniFlow.connectors().healthcheck(owner, "meta", account.accountRef());
      assertThat(events(owner)).isEqualTo(e);
    }

    @Test
    void anAccountOfAnotherOrgIsNotFound() {
      ConnectorAccount account = connect(owner).get(0);
      for (Runnable call :
          List.<Runnable>of(
              () -> omniFlow.connectors().healthcheck(otherOrgOwner, "meta", account.accountRef()),
              () -> omniFlow.connectors().disconnect(otherOrgOwner, "meta", account.accountRef()),
              () -> omniFlow.connectors().account(otherOrgOwner, "meta", account.accountRef()),
              () -> omniFlow.connectors().account(owner, "meta", "not-a-ref"))) {
        assertThatThrownBy(call::run)
            .isInstanceOfSatisfying(
                OmniFlowException.class, e -> assertThat(e.kind().httpStatus()).isEqualTo(404));
      }
      assertThat(omniFlow.connectors().account(owner, "meta", account.accountRef()).status())
          .isEqualTo(HealthStatus.HEALTHY);
    }

    @Test
    void anExpiringTokenIsRefreshedBeforeUseAndResealed() {
      ConnectorAccount account = connect(owner).get(0);
      clock.advance(Duration.ofMinutes(57));
      omniFlow.connectors().sendText(owner, account.accountRef(), Channel.FACEBOOK_DM, "p", "Hi");
      assertThat(meta.sentWith.get(meta.sentWith.size() - 1)).startsWith("ACCESS-meta-2");
      assertThat(
              omniFlow.connectors().account(owner, "meta", account.accountRef()).tokenExpiresAt())
          .isEqualTo(clock.instant().plus(Duration.ofHours(1)));
    }

    @Test
    void disconnectingRevokesAtTheProviderAndForgetsTheTokens() {
      ConnectorAccount account = connect(owner).get(0);
      ConnectorAccount gone = omniFlow.connectors().disconnect(owner, "meta", account.accountRef());
      assertThat(gone.status()).isEqualTo(HealthStatus.DISCONNECTED);
      assertThat(meta.revoked).containsExactly("ACCESS-meta-1-secret");
      assertThat(
              store.<java.util.Optional<AccountTokens>>inTransaction(
                  owner, tx -> tx.connectorAccounts().tokens(account.id())))
          .isEmpty();
      assertThatThrownBy(
              () ->
                  omniFlow
                      .connectors()
                      .sendText(owner, account.accountRef(), Channel.FACEBOOK_DM, "p", "Hi"))
          .isInstanceOfSatisfying(
              OmniFlowException.class, e -> assertThat(e.code()).isEqualTo("account_disconnected"));
    }
  }

  @Nested
  @DisplayName("Key rotation")
  class Rotation {
    @Test
    void resealingMovesEveryTokenToTheNewPrimaryAndTheOldKeyCanThenBeDisabled() {
      TestTokenCipher v1 = TestTokenCipher.generate();
      omniFlow = build(ConnectorMode.LIVE, new TokenVault(v1));
      ConnectorAccount account = connect(owner).get(0);

      TestTokenCipher v2 = v1.withNewKey();
      int newKey =
          v2.keyIds().stream().filter(id -> id != v1.primaryKeyId()).findFirst().orElseThrow();
      TestTokenCipher promoted = v2.promote(newKey);
      omniFlow = build(ConnectorMode.LIVE, new TokenVault(promoted));
      // old ciphertexts still open before resealing
      omniFlow.connectors().sendText(owner, account.accountRef(), Channel.FACEBOOK_DM, "p", "1");

      assertThat(omniFlow.connectors().resealTokens(owner)).isEqualTo(1);
      assertThat(omniFlow.connectors().resealTokens(owner)).isZero();

      omniFlow = build(ConnectorMode.LIVE, new TokenVault(promoted.disable(v1.primaryKeyId())));
      omniFlow.connectors().sendText(owner, account.accountRef(), Channel.FACEBOOK_DM, "p", "2");
      assertThat(meta.sentWith).last().isEqualTo("ACCESS-meta-1-secret");
    }
  }

  @Test
  void noTokenCodeStateOrSecretReachesEventsAuditOrErrors() {
    List<String> secrets = new ArrayList<>();
    AuthorizationStart start = omniFlow.connectors().start(owner, "meta");
    secrets.add(start.state());
    omniFlow.connectors().complete(owner, "meta", "code-SECRET-1", start.state());
    secrets.add("code-SECRET-1");
    ConnectorAccount account = omniFlow.connectors().accounts(owner).get(0);
    List<String> errors = new ArrayList<>();
    try {
      omniFlow.connectors().complete(owner, "meta", "code-SECRET-2", start.state());
    } catch (OmniFlowException e) {
      errors.add(e.getMessage());
    }
    meta.sendFailure = ConnectorException.rateLimited("slow down", Duration.ofSeconds(30));
    try {
      omniFlow.connectors().sendText(owner, account.accountRef(), Channel.FACEBOOK_DM, "p", "x");
    } catch (OmniFlowException e) {
      errors.add(e.getMessage());
      assertThat(e.getMessage()).contains("retry after 30 s");
    }
    omniFlow.connectors().disconnect(owner, "meta", account.accountRef());
    secrets.addAll(meta.issuedSecrets);
    secrets.add("code-SECRET-2");
    secrets.add("app-secret-DO-NOT-LEAK");

    String everything =
        omniFlow.events().list(owner, PageRequest.of(200, 0)).items()
            + " "
            + omniFlow.audit().list(owner, PageRequest.of(200, 0)).items()
            + " "
            + errors
            + " "
            + omniFlow.connectors().accounts(owner)
            + " "
            + omniFlow.connectors().registry().all();
    for (String secret : secrets) {
      assertThat(everything).as("a secret leaked").doesNotContain(secret);
    }
  }

  @Test
  void connectorsWithoutAVaultAreRefusedWhenBuilt() {
    assertThatThrownBy(
            () ->
                OmniFlow.builder()
                    .connector(ScriptedConnector.factory(meta), ScriptedConnector.config(clock))
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("token vault");
    assertThat(
            OmniFlow.builder()
                .tokenVault(new TokenVault(TestTokenCipher.generate()))
                .connector(
                    ScriptedConnector.factory(meta),
                    ScriptedConnector.config(clock),
                    Set.of(ConnectorMode.MOCK, ConnectorMode.LIVE))
                .build()
                .connectors()
                .registry()
                .available())
        .hasSize(1);
  }

  @Nested
  @DisplayName("Sending one draft from many requests at once")
  class SendingOneDraftConcurrently {
    private ai.omniflow.inbox.Draft newDraft() {
      ConnectorAccount account = connect(owner).get(0);
      ai.omniflow.inbox.IngestResult in =
          omniFlow
              .inbox()
              .ingest(
                  Actor.system(owner.orgId()),
                  account.accountRef(),
                  new ai.omniflow.connector.spi.InboundEvent.Message(
                      "m-" + UUID.randomUUID(),
                      "page-1",
                      Channel.FACEBOOK_DM,
                      "pm-1",
                      ai.omniflow.connector.spi.Sender.ofHandle("psid-1"),
                      "Hi",
                      clock.instant(),
                      ai.omniflow.connector.spi.Referral.NONE));
      return omniFlow.inbox().draft(owner, in.threadId(), "Hello from the team");
    }

    private ai.omniflow.inbox.Draft stored(ai.omniflow.inbox.Draft d) {
      return store.inTransaction(owner, tx -> tx.inbox().lockDraft(d.id())).orElseThrow();
    }

    @Test
    void twentyConcurrentSendsOfOneDraftCallTheProviderExactlyOnce() throws Exception {
      ai.omniflow.inbox.Draft d = newDraft();
      meta.sendDelay = Duration.ofMillis(100);
      int n = 20;
      java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
      java.util.concurrent.ExecutorService pool =
          java.util.concurrent.Executors.newFixedThreadPool(n);
      List<java.util.concurrent.Future<String>> outcomes = new ArrayList<>();
      try {
        for (int i = 0; i < n; i++) {
          outcomes.add(
              pool.submit(
                  () -> {
                    go.await();
                    try {
                      omniFlow.inbox().send(owner, d.threadId(), d.id());
                      return "sent";
                    } catch (OmniFlowException e) {
                      return e.code();
                    }
                  }));
        }
        go.countDown();
        List<String> codes = new ArrayList<>();
        for (var f : outcomes) {
          codes.add(f.get(60, java.util.concurrent.TimeUnit.SECONDS));
        }
        assertThat(codes).filteredOn("sent"::equals).hasSize(1);
        assertThat(codes)
            .filteredOn(c -> !c.equals("sent"))
            .allMatch(c -> c.equals("draft_not_sendable") || c.equals("draft_sent"));
      } finally {
        pool.shutdownNow();
      }
      assertThat(meta.sentWith).hasSize(1);
      assertThat(meta.sentKeys).containsExactly(d.id().toString());
      assertThat(stored(d).status()).isEqualTo(ai.omniflow.inbox.DraftStatus.SENT);
    }

    @Test
    void aSendTellsTheConnectorWhenTheRecipientLastWroteSoAWindowIsJudgedBeforeAnyCall() {
      ai.omniflow.inbox.Draft d = newDraft();
      java.time.Instant lastInbound = omniFlow.inbox().thread(owner, d.threadId()).lastInboundAt();
      assertThat(lastInbound).isNotNull();
      omniFlow.inbox().send(owner, d.threadId(), d.id());
      assertThat(meta.sentMessages)
          .singleElement()
          .satisfies(m -> assertThat(m.lastInboundAt()).isEqualTo(lastInbound));
    }

    @Test
    void aRefusedSendReleasesTheClaimSoTheDraftCanBeSentAgain() {
      ai.omniflow.inbox.Draft d = newDraft();
      meta.sendFailure = new ConnectorException(FailureKind.PERMANENT, "refused");
      assertThatThrownBy(() -> omniFlow.inbox().send(owner, d.threadId(), d.id()))
          .isInstanceOfSatisfying(
              OmniFlowException.class, e -> assertThat(e.code()).isEqualTo("send_permanent"));
      assertThat(stored(d).status()).isEqualTo(ai.omniflow.inbox.DraftStatus.DRAFT);
      assertThat(stored(d).lastError()).isEqualTo("send_permanent");

      meta.sendFailure = null;
      omniFlow.inbox().send(owner, d.threadId(), d.id());
      assertThat(stored(d).status()).isEqualTo(ai.omniflow.inbox.DraftStatus.SENT);
      assertThat(meta.sentWith).hasSize(2);
    }

    @Test
    void aTimedOutSendKeepsItsClaimAndReconciliationMarksItUnknownWithoutSendingAgain() {
      ai.omniflow.inbox.Draft d = newDraft();
      meta.sendFailure = new ConnectorException(FailureKind.TRANSIENT, "timed out");
      assertThatThrownBy(() -> omniFlow.inbox().send(owner, d.threadId(), d.id()))
          .isInstanceOfSatisfying(
              OmniFlowException.class, e -> assertThat(e.code()).isEqualTo("provider_unavailable"));
      meta.sendFailure = null;
      assertThat(stored(d).status()).isEqualTo(ai.omniflow.inbox.DraftStatus.SENDING);
      assertThatThrownBy(() -> omniFlow.inbox().send(owner, d.threadId(), d.id()))
          .isInstanceOfSatisfying(
              OmniFlowException.class, e -> assertThat(e.code()).isEqualTo("draft_not_sendable"));

      assertThat(omniFlow.inbox().reconcileSends(owner, Duration.ofMinutes(5))).isZero();
      clock.advance(Duration.ofMinutes(6));
      long eventsBefore = events(owner);
      assertThat(omniFlow.inbox().reconcileSends(owner, Duration.ofMinutes(5))).isEqualTo(1);
      assertThat(omniFlow.inbox().reconcileSends(otherOrgOwner, Duration.ofMinutes(5))).isZero();

      assertThat(stored(d).status()).isEqualTo(ai.omniflow.inbox.DraftStatus.UNKNOWN);
      assertThat(stored(d).lastError()).isEqualTo("send_outcome_unknown");
      assertThat(events(owner)).isEqualTo(eventsBefore + 1);
      assertThat(meta.sentWith).as("never sent again").hasSize(1);
    }
  }

  @Nested
  @DisplayName("Refreshing one account's token from many requests at once")
  class SingleFlightRefresh {
    @Test
    void concurrentSendsWithAnExpiringTokenRefreshItOnceAndTheAccountStaysConnected()
        throws Exception {
      ConnectorAccount account = connect(owner).get(0);
      meta.rotatesRefreshTokens = true;
      meta.refreshDelay = Duration.ofMillis(100);
      clock.advance(Duration.ofMinutes(57));
      int n = 10;
      java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
      java.util.concurrent.ExecutorService pool =
          java.util.concurrent.Executors.newFixedThreadPool(n);
      List<java.util.concurrent.Future<String>> outcomes = new ArrayList<>();
      try {
        for (int i = 0; i < n; i++) {
          outcomes.add(
              pool.submit(
                  () -> {
                    go.await();
                    try {
                      omniFlow
                          .connectors()
                          .sendText(owner, account.accountRef(), Channel.FACEBOOK_DM, "p", "Hi");
                      return "sent";
                    } catch (OmniFlowException e) {
                      return e.code();
                    }
                  }));
        }
        go.countDown();
        for (var f : outcomes) {
          assertThat(f.get(60, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("sent");
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(meta.refreshCalls).hasValue(1);
      assertThat(meta.sentWith).hasSize(n).allMatch(t -> t.startsWith("ACCESS-meta-2"));
      assertThat(omniFlow.connectors().account(owner, "meta", account.accountRef()).status())
          .isEqualTo(HealthStatus.HEALTHY);
    }
  }

  @Nested
  @DisplayName("OAuth states after use")
  class OAuthStatesAfterUse {
    @Test
    void aCompletedStateKeepsNoVerifierAndANewFlowPurgesUsedAndExpiredStates() {
      AuthorizationStart used = omniFlow.connectors().start(owner, "meta");
      omniFlow.connectors().complete(owner, "meta", "code-1", used.state());
      OAuthState consumed = stateOf(used);
      assertThat(consumed.consumedAt()).isNotNull();
      assertThat(consumed.codeVerifier()).isNull();

      AuthorizationStart abandoned = omniFlow.connectors().start(owner, "meta");
      assertThat(findState(used)).as("used: purged by the next start").isEmpty();
      assertThat(stateOf(abandoned).codeVerifier()).isNotNull();

      clock.advance(ConnectorService.STATE_TTL.plusSeconds(1));
      AuthorizationStart fresh = omniFlow.connectors().start(owner, "meta");
      assertThat(findState(abandoned)).as("expired: purged").isEmpty();
      assertThat(findState(fresh)).isPresent();
    }

    private java.util.Optional<OAuthState> findState(AuthorizationStart start) {
      return store.inTransaction(
          owner, tx -> tx.oauthStates().find(ConnectorService.hash(start.state())));
    }

    private OAuthState stateOf(AuthorizationStart start) {
      return findState(start).orElseThrow();
    }
  }
}
