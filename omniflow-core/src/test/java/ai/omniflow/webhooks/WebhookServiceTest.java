package ai.omniflow.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.OmniFlow;
import ai.omniflow.OmniFlowException;
import ai.omniflow.PageRequest;
import ai.omniflow.connector.spi.HealthStatus;
import ai.omniflow.connector.spi.WebhookRequest;
import ai.omniflow.connectors.ConnectorAccount;
import ai.omniflow.connectors.ConnectorMode;
import ai.omniflow.inbox.ThreadFilter;
import ai.omniflow.store.InMemoryStore;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import ai.omniflow.tenancy.User;
import ai.omniflow.testing.MutableClock;
import ai.omniflow.testing.TestTokenCipher;
import ai.omniflow.vault.TokenVault;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The webhook path over a store: the in-memory one here; {@code omniflow-jdbc} runs the same tests
 * on PostgreSQL by overriding {@link #newStore()}.
 */
public class WebhookServiceTest {
  protected final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
  protected Store store;
  protected OmniFlow omniFlow;
  protected LineConnector connector;
  protected Actor owner;
  protected Actor other;
  protected final WebhookSettings settings =
      new WebhookSettings(
          50, Duration.ofMinutes(1), 3, Duration.ofSeconds(10), Duration.ofMinutes(1));

  /** The store the tests run on; called before each test. */
  protected Store newStore() {
    return new InMemoryStore();
  }

  @BeforeEach
  void setUp() {
    store = newStore();
    connector = new LineConnector(clock);
    omniFlow =
        OmniFlow.builder()
            .store(store)
            .clock(clock)
            .connectorMode(ConnectorMode.LIVE)
            .tokenVault(new TokenVault(TestTokenCipher.generate()))
            .connector(connector.factory(), connector.config())
            .build();
    owner = newOrg();
    other = newOrg();
  }

  private Actor newOrg() {
    UUID org = UUID.randomUUID();
    User u = new User(UUID.randomUUID(), org + "@example.test", "Owner", clock.instant());
    omniFlow.tenancy().createOrg(org, "Org", u);
    return Actor.of(org, u.id(), Role.OWNER);
  }

  /** Connects a platform account to the org, as OAuth or an API key would. */
  protected void connect(Actor org, String externalId) {
    store.useTransaction(
        org,
        tx ->
            tx.connectorAccounts()
                .insert(
                    new ConnectorAccount(
                        UUID.randomUUID(),
                        org.orgId(),
                        ConnectorAccount.newAccountRef(),
                        LineConnector.PROVIDER,
                        externalId,
                        "Page " + externalId,
                        List.of(),
                        HealthStatus.HEALTHY,
                        "Connected.",
                        null,
                        null,
                        clock.instant(),
                        clock.instant())));
  }

  protected WebhookReceipt receive(String body) {
    return omniFlow.webhooks().receive(LineConnector.PROVIDER, LineConnector.post(body, true));
  }

  protected ProcessingReport drain() {
    ProcessingReport total = ProcessingReport.EMPTY;
    for (int i = 0; i < 100; i++) {
      ProcessingReport r = omniFlow.webhooks().process(settings);
      if (r.claimed() == 0) {
        return total;
      }
      total = total.plus(r);
    }
    throw new AssertionError("the inbox never drained");
  }

  protected long threads(Actor a) {
    return omniFlow.inbox().threads(a, ThreadFilter.ALL, PageRequest.first()).total();
  }

  protected String unique() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  @DisplayName("a signed delivery is stored at once and becomes a thread only when processed")
  void aDeliveryIsStoredThenProcessed() {
    String page = "page-" + unique();
    connect(owner, page);

    WebhookReceipt r = receive("#lines\nmsg " + page + " m-" + unique() + " psid-1 Hello there");

    assertThat(r.duplicate()).isFalse();
    assertThat(r.id()).isNotNull();
    assertThat(threads(owner)).isZero();
    assertThat(store.webhookInbox().find(r.id()).orElseThrow().status())
        .isEqualTo(WebhookStatus.PENDING);

    ProcessingReport report = drain();

    assertThat(report.done()).isEqualTo(1);
    assertThat(report.ingested()).isEqualTo(1);
    assertThat(threads(owner)).isEqualTo(1);
    assertThat(threads(other)).isZero();
    StoredDelivery d = store.webhookInbox().find(r.id()).orElseThrow();
    assertThat(d.status()).isEqualTo(WebhookStatus.DONE);
    assertThat(d.orgId()).isEqualTo(owner.orgId());
    assertThat(d.eventCount()).isEqualTo(1);
  }

  @Test
  @DisplayName("the same delivery five times, shuffled among others, yields each message once")
  void redeliveriesYieldEachMessageOnce() {
    String page = "page-" + unique();
    connect(owner, page);
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      bodies.add("#lines\nmsg " + page + " m-" + unique() + " psid-" + i + " Hi " + i);
    }
    List<String> deliveries = new ArrayList<>();
    for (String b : bodies) {
      deliveries.add(b);
    }
    for (int i = 0; i < 4; i++) {
      deliveries.add(bodies.get(3));
    }
    Collections.shuffle(deliveries, new Random(7));

    long duplicates =
        deliveries.stream().map(this::receive).filter(WebhookReceipt::duplicate).count();
    drain();

    assertThat(duplicates).isEqualTo(4);
    assertThat(threads(owner)).isEqualTo(10);
    assertThat(omniFlow.inbox().threads(owner, ThreadFilter.ALL, PageRequest.first()).items())
        .allSatisfy(t -> assertThat(t.unreadCount()).isEqualTo(1));
  }

  @Test
  @DisplayName("an unsigned delivery is refused as signature_invalid and nothing is stored")
  void anUnsignedDeliveryIsRefused() {
    long before = store.webhookInbox().count(WebhookStatus.PENDING);
    WebhookRequest unsigned = LineConnector.post("#lines\nmsg p m x hi", false);

    assertThatThrownBy(() -> omniFlow.webhooks().receive(LineConnector.PROVIDER, unsigned))
        .isInstanceOfSatisfying(
            OmniFlowException.class,
            e -> {
              assertThat(e.code()).isEqualTo(WebhookErrors.SIGNATURE_INVALID);
              assertThat(e.kind()).isEqualTo(OmniFlowException.Kind.UNAUTHENTICATED);
            });
    assertThat(store.webhookInbox().count(WebhookStatus.PENDING)).isEqualTo(before);
  }

  @Test
  @DisplayName("the handshake echoes the challenge for the right verify token and refuses others")
  void theHandshakeChecksTheVerifyToken() {
    Map<String, String> good =
        Map.of("hub.mode", "subscribe", "hub.verify_token", "hook-token", "hub.challenge", "42");
    Map<String, String> bad =
        Map.of("hub.mode", "subscribe", "hub.verify_token", "guess", "hub.challenge", "42");

    assertThat(omniFlow.webhooks().handshake(LineConnector.PROVIDER, good)).isEqualTo("42");
    assertThatThrownBy(() -> omniFlow.webhooks().handshake(LineConnector.PROVIDER, bad))
        .isInstanceOfSatisfying(
            OmniFlowException.class,
            e -> assertThat(e.code()).isEqualTo(WebhookErrors.HANDSHAKE_REFUSED));
  }

  @Test
  @DisplayName("a body over 3 MiB, a malformed body and a bad provider name are refused unechoed")
  void badDeliveriesAreRefusedWithoutEchoingThem() {
    byte[] big = new byte[WebhookService.MAX_BODY_BYTES + 1];
    WebhookRequest tooLarge =
        WebhookRequest.post(
            URI.create("https://host.example/webhooks/lines"),
            Map.of("X-Test-Signature", "ok"),
            big);
    String hostile = "<script>" + "x".repeat(10_000);

    assertThatThrownBy(() -> omniFlow.webhooks().receive(LineConnector.PROVIDER, tooLarge))
        .isInstanceOfSatisfying(
            OmniFlowException.class,
            e -> assertThat(e.code()).isEqualTo(WebhookErrors.PAYLOAD_TOO_LARGE));
    assertThatThrownBy(() -> receive("{\"not\": \"lines\""))
        .isInstanceOfSatisfying(
            OmniFlowException.class,
            e -> assertThat(e.code()).isEqualTo(WebhookErrors.MALFORMED_PAYLOAD));
    assertThatThrownBy(
            () -> omniFlow.webhooks().receive(hostile, LineConnector.post("#lines", true)))
        .isInstanceOfSatisfying(
            OmniFlowException.class,
            e -> {
              assertThat(e.code()).isEqualTo(WebhookErrors.INVALID_PROVIDER);
              assertThat(e.getMessage()).doesNotContain("script").hasSizeLessThan(200);
            });
  }

  @Test
  @DisplayName("an event for an account no org owns is dropped and an empty delivery is counted")
  void unownedAndEmptyDeliveriesAreSettled() {
    WebhookReceipt unowned = receive("#lines\nmsg page-nobody-" + unique() + " m-1 psid-1 Hi");
    WebhookReceipt empty = receive("#lines\ntyping page-x " + unique());

    ProcessingReport report = drain();

    assertThat(report.unowned()).isEqualTo(1);
    assertThat(report.ignored()).isEqualTo(1);
    assertThat(store.webhookInbox().find(unowned.id()).orElseThrow().status())
        .isEqualTo(WebhookStatus.DROPPED);
    assertThat(store.webhookInbox().find(empty.id()).orElseThrow().status())
        .isEqualTo(WebhookStatus.DONE);
  }

  @Test
  @DisplayName("a failing delivery is retried with back-off, parked failed, listed, and replayed")
  void aPoisonedDeliveryIsRetriedParkedAndReplayed() {
    String page = "page-" + unique();
    connect(owner, page);
    connector.failures.set(100);
    WebhookReceipt r = receive("#lines\nmsg " + page + " m-" + unique() + " psid-7 Hello\nboom");

    assertThat(omniFlow.webhooks().process(settings).retried()).isEqualTo(1);
    assertThat(omniFlow.webhooks().process(settings).claimed()).isZero(); // backing off
    clock.advance(Duration.ofSeconds(10));
    assertThat(omniFlow.webhooks().process(settings).retried()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(19));
    assertThat(omniFlow.webhooks().process(settings).claimed()).isZero(); // 20 s the second time
    clock.advance(Duration.ofSeconds(1));
    assertThat(omniFlow.webhooks().process(settings).failed()).isEqualTo(1);

    StoredDelivery parked = store.webhookInbox().find(r.id()).orElseThrow();
    assertThat(parked.status()).isEqualTo(WebhookStatus.FAILED);
    assertThat(parked.attempts()).isEqualTo(3);
    assertThat(parked.lastError()).startsWith("ingest: invalid_sent_at");
    assertThat(omniFlow.webhooks().events(owner, WebhookStatus.FAILED, 0, 10))
        .extracting(StoredDelivery::id)
        .containsExactly(r.id());
    assertThat(omniFlow.webhooks().events(other, WebhookStatus.FAILED, 0, 10)).isEmpty();
    assertThatThrownBy(() -> omniFlow.webhooks().replay(other, r.id()))
        .isInstanceOfSatisfying(
            OmniFlowException.class,
            e -> assertThat(e.kind()).isEqualTo(OmniFlowException.Kind.NOT_FOUND));

    connector.failures.set(0);
    StoredDelivery replayed = omniFlow.webhooks().replay(owner, r.id());
    assertThat(replayed.status()).isEqualTo(WebhookStatus.PENDING);
    assertThat(replayed.attempts()).isZero();
    assertThatThrownBy(() -> omniFlow.webhooks().replay(owner, r.id()))
        .isInstanceOfSatisfying(
            OmniFlowException.class,
            e -> assertThat(e.code()).isEqualTo(WebhookErrors.WEBHOOK_EVENT_PENDING));
    ProcessingReport report = drain();

    assertThat(report.done()).isEqualTo(1);
    assertThat(store.webhookInbox().find(r.id()).orElseThrow().status())
        .isEqualTo(WebhookStatus.DONE);
    assertThat(threads(owner)).isEqualTo(1);
    assertThat(omniFlow.events().list(owner, PageRequest.of(200, 0)).items())
        .extracting(e -> e.type())
        .contains(WebhookEvents.WEBHOOK_EVENT_REPLAYED);
  }

  @Test
  @DisplayName(
      "a delivery whose event fails inside its batch's ingest fails alone: its batch-mates go in"
          + " once each, and it is retried and parked by itself")
  void aPoisonedDeliveryDoesNotPoisonItsBatchMates() {
    String page = "page-" + unique();
    connect(owner, page);
    for (int i = 0; i < 10; i++) {
      if (i == 5) {
        // A PSID with a tab in it: parsed, but refused by contact resolution in the transaction.
        receive("#lines\nmsg " + page + " m-" + unique() + " psid\tbad Hi");
      }
      receive("#lines\nmsg " + page + " m-" + unique() + " psid-" + i + " Hi " + i);
    }

    ProcessingReport first = omniFlow.webhooks().process(settings);

    assertThat(first.claimed()).isEqualTo(11);
    assertThat(first.done()).isEqualTo(10);
    assertThat(first.retried()).isEqualTo(1);
    assertThat(first.ingested()).isEqualTo(10);
    assertThat(threads(owner)).isEqualTo(10);
    StoredDelivery waiting = omniFlow.webhooks().events(owner, WebhookStatus.PENDING, 0, 10).get(0);
    assertThat(waiting.lastError()).startsWith("ingest: invalid_handle");
    clock.advance(Duration.ofSeconds(10));
    ProcessingReport again = omniFlow.webhooks().process(settings);
    assertThat(again.claimed()).isEqualTo(1);
    assertThat(again.retried()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(20));
    assertThat(omniFlow.webhooks().process(settings).failed()).isEqualTo(1);
    assertThat(store.webhookInbox().find(waiting.id()).orElseThrow().status())
        .isEqualTo(WebhookStatus.FAILED);
    assertThat(omniFlow.inbox().threads(owner, ThreadFilter.ALL, PageRequest.first()).items())
        .hasSize(10)
        .allSatisfy(t -> assertThat(t.unreadCount()).isEqualTo(1));
  }

  @Test
  @DisplayName("a delivery the connector cannot parse is parked failed with no org to show it to")
  void aDeliveryThatNeverParsesIsParkedWithoutAnOrg() {
    WebhookReceipt r = receive("#lines\nbroken");
    for (int i = 0; i < 3; i++) {
      omniFlow.webhooks().process(settings);
      clock.advance(Duration.ofMinutes(1));
    }

    StoredDelivery parked = store.webhookInbox().find(r.id()).orElseThrow();
    assertThat(parked.status()).isEqualTo(WebhookStatus.FAILED);
    assertThat(parked.orgId()).isNull();
    assertThat(parked.lastError()).isEqualTo("parse: TRANSIENT: the platform is down");
  }

  /** The ref of the org's account with that platform id. */
  private String refOf(Actor org, String externalId) {
    return omniFlow.connectors().accounts(org).stream()
        .filter(a -> a.externalAccountId().equals(externalId))
        .findFirst()
        .orElseThrow()
        .accountRef();
  }

  @Test
  @DisplayName(
      "each account shows its latest delivery: processed, waiting with its error code, or failed")
  void eachAccountShowsItsLatestDelivery() {
    String quiet = "page-" + unique();
    String busy = "page-" + unique();
    String failing = "page-" + unique();
    String elsewhere = "page-" + unique();
    connect(owner, quiet);
    connect(owner, busy);
    connect(owner, failing);
    connect(other, elsewhere);
    receive("#lines\nmsg " + busy + " m-" + unique() + " psid-1 First");
    drain();
    clock.advance(Duration.ofSeconds(5));
    WebhookReceipt latest = receive("#lines\nmsg " + busy + " m-" + unique() + " psid-1 Second");
    receive("#lines\nmsg " + elsewhere + " m-" + unique() + " psid-2 Not yours");
    drain();
    connector.failures.set(100);
    WebhookReceipt poisoned =
        receive("#lines\nmsg " + failing + " m-" + unique() + " psid-3 Old\nboom");
    receive("#lines\nbroken " + unique()); // never parsed: no account to count for

    omniFlow.webhooks().process(settings);
    Map<String, LastDelivery> waiting = omniFlow.webhooks().lastDeliveries(owner);
    for (int i = 0; i < 3; i++) {
      clock.advance(Duration.ofMinutes(1));
      omniFlow.webhooks().process(settings);
    }
    Map<String, LastDelivery> last = omniFlow.webhooks().lastDeliveries(owner);

    assertThat(waiting.get(refOf(owner, failing)).status()).isEqualTo(WebhookStatus.PENDING);
    assertThat(waiting.get(refOf(owner, failing)).errorCode()).isEqualTo("invalid_sent_at");
    assertThat(last).containsOnlyKeys(refOf(owner, busy), refOf(owner, failing));
    LastDelivery processed = last.get(refOf(owner, busy));
    assertThat(processed.deliveryId()).isEqualTo(latest.id());
    assertThat(processed.status()).isEqualTo(WebhookStatus.DONE);
    assertThat(processed.errorCode()).isNull();
    assertThat(processed.receivedAt()).isEqualTo(clock.instant().minus(Duration.ofMinutes(3)));
    LastDelivery failed = last.get(refOf(owner, failing));
    assertThat(failed.deliveryId()).isEqualTo(poisoned.id());
    assertThat(failed.status()).isEqualTo(WebhookStatus.FAILED);
    assertThat(failed.attempts()).isEqualTo(3);
    assertThat(failed.errorCode()).isEqualTo("invalid_sent_at");
    assertThat(omniFlow.webhooks().lastDeliveries(other)).containsOnlyKeys(refOf(other, elsewhere));

    connector.failures.set(0);
    omniFlow.webhooks().replay(owner, poisoned.id());
    LastDelivery replayed = omniFlow.webhooks().lastDeliveries(owner).get(refOf(owner, failing));
    assertThat(replayed.status()).isEqualTo(WebhookStatus.PENDING);
    assertThat(replayed.errorCode()).isNull();
    drain();
  }

  @Test
  @DisplayName("a viewer, who may see connector accounts, reads their last deliveries")
  void aViewerReadsTheLastDeliveries() {
    String page = "page-" + unique();
    connect(owner, page);
    receive("#lines\nmsg " + page + " m-" + unique() + " psid-1 Hi");
    drain();
    User u = new User(UUID.randomUUID(), unique() + "@example.test", "Viewer", clock.instant());
    omniFlow.tenancy().addMember(owner, u, Role.VIEWER);

    assertThat(
            omniFlow
                .webhooks()
                .lastDeliveries(Actor.of(owner.orgId(), u.id(), Role.VIEWER))
                .get(refOf(owner, page))
                .status())
        .isEqualTo(WebhookStatus.DONE);
  }

  @Test
  @DisplayName("only an org admin lists and replays the org's deliveries")
  void onlyAnAdminListsAndReplays() {
    User u = new User(UUID.randomUUID(), unique() + "@example.test", "Agent", clock.instant());
    omniFlow.tenancy().addMember(owner, u, Role.AGENT);
    Actor agent = Actor.of(owner.orgId(), u.id(), Role.AGENT);

    assertThatThrownBy(() -> omniFlow.webhooks().events(agent, WebhookStatus.FAILED, 0, 10))
        .isInstanceOfSatisfying(
            OmniFlowException.class,
            e -> assertThat(e.kind()).isEqualTo(OmniFlowException.Kind.FORBIDDEN));
    assertThatThrownBy(() -> omniFlow.webhooks().replay(agent, 1))
        .isInstanceOfSatisfying(
            OmniFlowException.class,
            e -> assertThat(e.kind()).isEqualTo(OmniFlowException.Kind.FORBIDDEN));
  }
}
