package ai.omniflow.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.connectors.ConnectorAccount;
import ai.omniflow.store.spi.WebhookInboxRepository;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.webhooks.AccountOwner;
import ai.omniflow.webhooks.InboundDelivery;
import ai.omniflow.webhooks.LastDelivery;
import ai.omniflow.webhooks.Settlement;
import ai.omniflow.webhooks.StoredDelivery;
import ai.omniflow.webhooks.WebhookStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The webhook inbox ({@code Store.webhookInbox()}): deliveries stored once per dedupe key and read
 * back byte for byte, claims that lease, settlements that need the claim, an org's view and replay,
 * and the directory of platform accounts to the orgs that connected them. Deliveries belong to no
 * org, so the claim tests each work at a moment of their own in 2001–2003, before any other
 * delivery the kit writes, and settle all they claim. Not API: {@link StoreCompatibilityKit} runs
 * it as a nested suite.
 */
abstract class WebhookInboxSuite extends StoreSuite {
  private static final Duration LEASE = Duration.ofMinutes(2);

  private WebhookInboxRepository inbox() {
    return store().webhookInbox();
  }

  private static InboundDelivery delivery(String body, Instant at) {
    return new InboundDelivery(
        "kit",
        "sha256:" + UUID.randomUUID(),
        "POST",
        "https://host.example/webhooks/kit?x=1",
        Map.of("Content-Type", "application/json", "Date", "Tue, 25 Nov 2026 10:15:30 GMT"),
        body.getBytes(StandardCharsets.UTF_8),
        at);
  }

  private static Settlement done(UUID org, Instant at) {
    return new Settlement(WebhookStatus.DONE, org, 1, null, at, at);
  }

  /** Claims and settles everything due at {@code now}, so no later claim test meets it. */
  private void settleAllDue(Instant now) {
    UUID claim = UUID.randomUUID();
    for (StoredDelivery d : inbox().claim(claim, now, LEASE, 1000)) {
      inbox().settle(d.id(), claim, new Settlement(WebhookStatus.DONE, null, 0, null, now, now));
    }
  }

  @Test
  void aDeliveryIsStoredOnceAndReadsBackAsReceived() {
    InboundDelivery d = delivery("{\"object\":\"page\",\"entry\":[]}", T0);

    Optional<Long> id = inbox().append(d);
    Optional<Long> again = inbox().append(d);

    assertThat(id).isPresent();
    assertThat(again).isEmpty();
    StoredDelivery stored = inbox().find(id.orElseThrow()).orElseThrow();
    assertThat(stored.delivery()).isEqualTo(d);
    assertThat(stored.status()).isEqualTo(WebhookStatus.PENDING);
    assertThat(stored.attempts()).isZero();
    assertThat(stored.nextAttemptAt()).isEqualTo(T0);
    assertThat(stored.orgId()).isNull();
    assertThat(inbox().find(Long.MAX_VALUE)).isEmpty();
  }

  @Test
  void aClaimLeasesDueDeliveriesOldestFirstUntilTheLeaseEnds() {
    Instant now = Instant.parse("2001-03-01T00:00:00Z");
    settleAllDue(now.plusSeconds(3600));
    long first = inbox().append(delivery("first", now.minusSeconds(2))).orElseThrow();
    long second = inbox().append(delivery("second", now.minusSeconds(1))).orElseThrow();
    long later = inbox().append(delivery("later", now.plusSeconds(60))).orElseThrow();
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();

    List<StoredDelivery> claimed = inbox().claim(a, now, LEASE, 10);
    List<StoredDelivery> whileLeased = inbox().claim(b, now.plusSeconds(90), LEASE, 10);
    List<StoredDelivery> afterLease = inbox().claim(b, now.plus(LEASE), LEASE, 10);

    assertThat(claimed).extracting(StoredDelivery::id).containsExactly(first, second);
    assertThat(claimed).allSatisfy(d -> assertThat(d.attempts()).isEqualTo(1));
    assertThat(whileLeased).extracting(StoredDelivery::id).containsExactly(later);
    assertThat(afterLease).extracting(StoredDelivery::id).containsExactly(first, second);
    assertThat(afterLease).allSatisfy(d -> assertThat(d.attempts()).isEqualTo(2));
    assertThat(inbox().settle(first, a, done(UUID.randomUUID(), now))).isFalse();
    for (long id : List.of(first, second)) {
      assertThat(inbox().settle(id, b, new Settlement(WebhookStatus.DONE, null, 0, null, now, now)))
          .isTrue();
    }
    inbox().settle(later, b, new Settlement(WebhookStatus.DONE, null, 0, null, now, now));
    settleAllDue(now.plusSeconds(3600));
  }

  @Test
  void settlingSeveralAtOnceSettlesWhatTheClaimHoldsAndNothingElse() {
    Instant now = Instant.parse("2001-09-01T00:00:00Z");
    settleAllDue(now);
    long first = inbox().append(delivery("s1", now.minusSeconds(3))).orElseThrow();
    long second = inbox().append(delivery("s2", now.minusSeconds(2))).orElseThrow();
    long others = inbox().append(delivery("s3", now.minusSeconds(1))).orElseThrow();
    UUID mine = UUID.randomUUID();
    UUID theirs = UUID.randomUUID();
    assertThat(inbox().claim(mine, now, LEASE, 2)).hasSize(2);
    assertThat(inbox().claim(theirs, now, LEASE, 10)).hasSize(1);
    UUID org = newOrg().orgId();
    Map<Long, Settlement> settlements = new java.util.LinkedHashMap<>();
    settlements.put(first, done(org, now));
    settlements.put(
        second,
        new Settlement(
            WebhookStatus.PENDING,
            null,
            null,
            0,
            "parse_failed",
            "later",
            now.plusSeconds(60),
            now));
    settlements.put(others, done(org, now));

    java.util.Set<Long> settled = inbox().settleAll(mine, settlements);

    assertThat(settled).containsExactly(first, second);
    assertThat(inbox().find(first).orElseThrow().status()).isEqualTo(WebhookStatus.DONE);
    assertThat(inbox().find(first).orElseThrow().orgId()).isEqualTo(org);
    StoredDelivery retried = inbox().find(second).orElseThrow();
    assertThat(retried.status()).isEqualTo(WebhookStatus.PENDING);
    assertThat(retried.nextAttemptAt()).isEqualTo(now.plusSeconds(60));
    assertThat(retried.lastError()).isEqualTo("later");
    assertThat(inbox().find(others).orElseThrow().status()).isEqualTo(WebhookStatus.PENDING);
    assertThat(inbox().settleAll(mine, Map.of())).isEmpty();
    inbox().settle(others, theirs, done(org, now));
    settleAllDue(now.plus(LEASE).plusSeconds(60));
  }

  @Test
  void aClaimTakesNoMoreThanItsLimitAndRefusesABadLimitOrLease() {
    Instant now = Instant.parse("2001-06-01T00:00:00Z");
    settleAllDue(now);
    for (int i = 0; i < 3; i++) {
      inbox().append(delivery("n" + i, now.minusSeconds(10 - i)));
    }
    UUID claim = UUID.randomUUID();

    assertThat(inbox().claim(claim, now, LEASE, 2)).hasSize(2);
    assertThatThrownBy(() -> inbox().claim(claim, now, LEASE, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> inbox().claim(claim, now, Duration.ZERO, 1))
        .isInstanceOf(IllegalArgumentException.class);
    for (StoredDelivery d : inbox().claim(claim, now.plus(LEASE), LEASE, 10)) {
      inbox().settle(d.id(), claim, new Settlement(WebhookStatus.DONE, null, 0, null, now, now));
    }
    settleAllDue(now.plus(LEASE));
  }

  @Test
  void aRetryWaitsUntilItIsDueAndAFailureKeepsItsErrorAndOrg() {
    Instant now = Instant.parse("2002-01-01T00:00:00Z");
    settleAllDue(now);
    Actor org = newOrg();
    long id = inbox().append(delivery("retry", now)).orElseThrow();
    UUID claim = UUID.randomUUID();
    inbox().claim(claim, now, LEASE, 10);

    boolean retried =
        inbox()
            .settle(
                id,
                claim,
                new Settlement(
                    WebhookStatus.PENDING,
                    org.orgId(),
                    2,
                    "ingest: boom",
                    now.plusSeconds(30),
                    now));
    List<StoredDelivery> early = inbox().claim(claim, now.plusSeconds(29), LEASE, 10);
    List<StoredDelivery> due = inbox().claim(claim, now.plusSeconds(30), LEASE, 10);
    inbox()
        .settle(
            id,
            claim,
            new Settlement(
                WebhookStatus.FAILED, null, 2, "ingest: boom", now, now.plusSeconds(31)));

    assertThat(retried).isTrue();
    assertThat(early).isEmpty();
    assertThat(due).extracting(StoredDelivery::id).containsExactly(id);
    StoredDelivery failed = inbox().find(id).orElseThrow();
    assertThat(failed.status()).isEqualTo(WebhookStatus.FAILED);
    assertThat(failed.attempts()).isEqualTo(2);
    assertThat(failed.orgId()).isEqualTo(org.orgId());
    assertThat(failed.eventCount()).isEqualTo(2);
    assertThat(failed.lastError()).isEqualTo("ingest: boom");
    assertThat(failed.processedAt()).isEqualTo(now.plusSeconds(31));
  }

  @Test
  void onlyTheOrgListsItsDeliveriesAndRequeuesASettledOne() {
    Instant now = Instant.parse("2003-01-01T00:00:00Z");
    settleAllDue(now);
    Actor a = newOrg();
    Actor b = newOrg();
    long id = inbox().append(delivery("mine", now)).orElseThrow();
    UUID claim = UUID.randomUUID();
    inbox().claim(claim, now, LEASE, 10);
    inbox().settle(id, claim, new Settlement(WebhookStatus.FAILED, a.orgId(), 1, "x", now, now));

    assertThat(inbox().list(a.orgId(), WebhookStatus.FAILED, 0, 10))
        .extracting(StoredDelivery::id)
        .containsExactly(id);
    assertThat(inbox().list(a.orgId(), WebhookStatus.FAILED, id, 10)).isEmpty();
    assertThat(inbox().list(a.orgId(), WebhookStatus.DONE, 0, 10)).isEmpty();
    assertThat(inbox().list(b.orgId(), WebhookStatus.FAILED, 0, 10)).isEmpty();
    assertThat(inbox().count(WebhookStatus.FAILED)).isPositive();
    assertThat(inbox().requeue(id, b.orgId(), now)).isFalse();
    assertThat(inbox().requeue(id, a.orgId(), now.plusSeconds(5))).isTrue();
    assertThat(inbox().requeue(id, a.orgId(), now.plusSeconds(5))).isFalse();

    StoredDelivery requeued = inbox().find(id).orElseThrow();
    assertThat(requeued.status()).isEqualTo(WebhookStatus.PENDING);
    assertThat(requeued.attempts()).isZero();
    assertThat(requeued.lastError()).isNull();
    assertThat(requeued.nextAttemptAt()).isEqualTo(now.plusSeconds(5));
    settleAllDue(now.plusSeconds(5));
  }

  @Test
  void eachAccountsLastDeliveryIsItsLatestOfTheOrgWithItsErrorCode() {
    Instant now = Instant.parse("2003-06-01T00:00:00Z");
    settleAllDue(now);
    Actor a = newOrg();
    Actor b = newOrg();
    String busy = ConnectorAccount.newAccountRef();
    String failing = ConnectorAccount.newAccountRef();
    String silent = ConnectorAccount.newAccountRef();
    long first = inbox().append(delivery("busy-1", now)).orElseThrow();
    long second = inbox().append(delivery("busy-2", now.plusSeconds(1))).orElseThrow();
    long retried = inbox().append(delivery("failing", now.plusSeconds(2))).orElseThrow();
    long foreign = inbox().append(delivery("foreign", now.plusSeconds(3))).orElseThrow();
    long unparsed = inbox().append(delivery("unparsed", now.plusSeconds(4))).orElseThrow();
    UUID claim = UUID.randomUUID();
    inbox().claim(claim, now.plusSeconds(4), LEASE, 10);
    Instant at = now.plusSeconds(10);
    inbox()
        .settle(
            first,
            claim,
            new Settlement(WebhookStatus.DONE, a.orgId(), busy, 1, null, null, at, at));
    inbox()
        .settle(
            second,
            claim,
            new Settlement(WebhookStatus.DONE, a.orgId(), busy, 1, null, null, at, at));
    inbox()
        .settle(
            retried,
            claim,
            new Settlement(
                WebhookStatus.PENDING,
                a.orgId(),
                failing,
                1,
                "invalid_phone",
                "ingest: invalid_phone",
                at.plusSeconds(30),
                at));
    inbox()
        .settle(
            foreign,
            claim,
            new Settlement(WebhookStatus.DONE, b.orgId(), failing, 1, null, null, at, at));
    inbox()
        .settle(
            unparsed,
            claim,
            new Settlement(
                WebhookStatus.PENDING, null, 0, "parse: TRANSIENT", at.plusSeconds(30), at));

    List<LastDelivery> last = inbox().lastDeliveries(a.orgId(), List.of(busy, failing, silent));

    assertThat(last)
        .containsExactlyInAnyOrder(
            new LastDelivery(busy, second, WebhookStatus.DONE, now.plusSeconds(1), 1, null, at),
            new LastDelivery(
                failing,
                retried,
                WebhookStatus.PENDING,
                now.plusSeconds(2),
                1,
                "invalid_phone",
                at));
    assertThat(inbox().lastDeliveries(b.orgId(), List.of(busy, failing)))
        .extracting(LastDelivery::deliveryId)
        .containsExactly(foreign);
    assertThat(inbox().lastDeliveries(a.orgId(), List.of())).isEmpty();
    List<String> tooMany =
        java.util.stream.Stream.generate(ConnectorAccount::newAccountRef)
            .limit(WebhookInboxRepository.MAX_LAST_DELIVERIES + 1)
            .toList();
    assertThatThrownBy(() -> inbox().lastDeliveries(a.orgId(), tooMany))
        .isInstanceOf(IllegalArgumentException.class);

    // A later attempt that learns no account keeps it; a replay clears the error code.
    UUID again = UUID.randomUUID();
    inbox().claim(again, at.plusSeconds(30), LEASE, 10);
    inbox()
        .settle(
            retried,
            again,
            new Settlement(WebhookStatus.FAILED, null, 0, "parse: x", at, at.plusSeconds(31)));
    inbox().settle(unparsed, again, done(a.orgId(), at.plusSeconds(31)));
    assertThat(inbox().requeue(retried, a.orgId(), at.plusSeconds(40))).isTrue();
    assertThat(inbox().lastDeliveries(a.orgId(), List.of(failing)))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.deliveryId()).isEqualTo(retried);
              assertThat(d.status()).isEqualTo(WebhookStatus.PENDING);
              assertThat(d.errorCode()).isNull();
            });
    settleAllDue(at.plusSeconds(40));
  }

  @Test
  void thePlatformAccountBelongsToTheFirstOrgThatConnectedIt() {
    Actor a = newOrg();
    Actor b = newOrg();
    String external = "page-" + UUID.randomUUID();
    ConnectorAccount first = connectorAccount(a, external, T0);

    store().useTransaction(a, tx -> tx.connectorAccounts().insert(first));
    store()
        .useTransaction(
            b,
            tx -> tx.connectorAccounts().insert(connectorAccount(b, external, T0.plusSeconds(1))));

    assertThat(inbox().owner("meta", external))
        .contains(new AccountOwner(a.orgId(), first.accountRef()));
    assertThat(inbox().owner("whatsapp", external)).isEmpty();
    assertThat(inbox().owner("meta", "page-nobody-" + UUID.randomUUID())).isEmpty();
  }

  @Test
  void anAccountWhoseConnectionRolledBackBelongsToNoOrg() {
    Actor a = newOrg();
    String external = "page-" + UUID.randomUUID();

    assertThatThrownBy(
            () ->
                store()
                    .useTransaction(
                        a,
                        tx -> {
                          tx.connectorAccounts().insert(connectorAccount(a, external, T0));
                          throw new Boom();
                        }))
        .isInstanceOf(Boom.class);

    assertThat(inbox().owner("meta", external)).isEmpty();
  }
}
