package ai.omniflow.store.internal;

import ai.omniflow.connectors.ConnectorAccount;
import ai.omniflow.store.spi.WebhookInboxRepository;
import ai.omniflow.webhooks.AccountOwner;
import ai.omniflow.webhooks.InboundDelivery;
import ai.omniflow.webhooks.LastDelivery;
import ai.omniflow.webhooks.Settlement;
import ai.omniflow.webhooks.StoredDelivery;
import ai.omniflow.webhooks.WebhookStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The in-memory {@link WebhookInboxRepository}: deliveries in id order, each call under the store's
 * one lock, so a claim is atomic. The account directory is read from the connector accounts of
 * every org, the earliest connected first. Thread-safe.
 */
public final class InMemoryWebhookInbox implements WebhookInboxRepository {
  private final ReentrantLock lock;
  private final InMemoryTables tables;
  private final TreeMap<Long, Row> rows = new TreeMap<>();
  private final Map<List<String>, Long> byKey = new HashMap<>();
  private long nextId = 1;

  /** Over the store's lock and tables. */
  public InMemoryWebhookInbox(ReentrantLock lock, InMemoryTables tables) {
    this.lock = Objects.requireNonNull(lock, "lock");
    this.tables = Objects.requireNonNull(tables, "tables");
  }

  /**
   * A delivery's row: the stored view, its lease holder and lease end, the account it counts for
   * and its last error's code.
   */
  private record Row(
      StoredDelivery view,
      @Nullable UUID claim,
      @Nullable Instant claimedUntil,
      @Nullable String accountRef,
      @Nullable String errorCode) {
    Row(StoredDelivery view, @Nullable UUID claim, @Nullable Instant claimedUntil) {
      this(view, claim, claimedUntil, null, null);
    }

    Row leased(StoredDelivery next, UUID by, Instant until) {
      return new Row(next, by, until, accountRef, errorCode);
    }
  }

  @Override
  public Optional<Long> append(InboundDelivery delivery) {
    Objects.requireNonNull(delivery, "delivery");
    return locked(
        () -> {
          List<String> key = List.of(delivery.provider(), delivery.dedupeKey());
          if (byKey.containsKey(key)) {
            return Optional.empty();
          }
          long id = nextId++;
          rows.put(
              id,
              new Row(
                  new StoredDelivery(
                      id,
                      delivery,
                      WebhookStatus.PENDING,
                      0,
                      delivery.receivedAt(),
                      null,
                      0,
                      null,
                      null),
                  null,
                  null));
          byKey.put(key, id);
          return Optional.of(id);
        });
  }

  @Override
  public List<StoredDelivery> claim(UUID claimId, Instant now, Duration lease, int limit) {
    Objects.requireNonNull(claimId, "claimId");
    Objects.requireNonNull(now, "now");
    checkLimit(limit);
    if (lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("lease must be positive");
    }
    return locked(
        () -> {
          List<StoredDelivery> claimed = new ArrayList<>();
          List<Row> candidates = new ArrayList<>(rows.values());
          candidates.sort(
              Comparator.comparing((Row r) -> r.view().nextAttemptAt())
                  .thenComparingLong(r -> r.view().id()));
          for (Row row : candidates) {
            if (claimed.size() >= limit) {
              break;
            }
            StoredDelivery d = row.view();
            boolean free = row.claimedUntil() == null || !row.claimedUntil().isAfter(now);
            if (d.status() == WebhookStatus.PENDING && !d.nextAttemptAt().isAfter(now) && free) {
              StoredDelivery next = withAttempts(d, d.attempts() + 1);
              rows.put(d.id(), row.leased(next, claimId, now.plus(lease)));
              claimed.add(next);
            }
          }
          return claimed;
        });
  }

  @Override
  public boolean settle(long id, UUID claimId, Settlement s) {
    Objects.requireNonNull(claimId, "claimId");
    Objects.requireNonNull(s, "settlement");
    return locked(
        () -> {
          Row row = rows.get(id);
          if (row == null || !claimId.equals(row.claim())) {
            return false;
          }
          StoredDelivery d = row.view();
          rows.put(
              id,
              new Row(
                  new StoredDelivery(
                      id,
                      d.delivery(),
                      s.status(),
                      d.attempts(),
                      s.status() == WebhookStatus.PENDING ? s.nextAttemptAt() : d.nextAttemptAt(),
                      s.orgId() != null ? s.orgId() : d.orgId(),
                      s.eventCount(),
                      s.error(),
                      s.at()),
                  null,
                  null,
                  s.accountRef() != null ? s.accountRef() : row.accountRef(),
                  s.errorCode()));
          return true;
        });
  }

  @Override
  public Optional<StoredDelivery> find(long id) {
    return locked(() -> Optional.ofNullable(rows.get(id)).map(Row::view));
  }

  @Override
  public List<StoredDelivery> list(UUID orgId, WebhookStatus status, long afterId, int limit) {
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(status, "status");
    checkLimit(limit);
    return locked(
        () ->
            rows.tailMap(afterId, false).values().stream()
                .map(Row::view)
                .filter(d -> orgId.equals(d.orgId()) && d.status() == status)
                .limit(limit)
                .toList());
  }

  @Override
  public List<LastDelivery> lastDeliveries(UUID orgId, Collection<String> accountRefs) {
    Objects.requireNonNull(orgId, "orgId");
    if (accountRefs.size() > MAX_LAST_DELIVERIES) {
      throw new IllegalArgumentException(
          "at most " + MAX_LAST_DELIVERIES + " account refs at a time");
    }
    Set<String> wanted = Set.copyOf(accountRefs);
    return locked(
        () -> {
          Map<String, LastDelivery> latest = new HashMap<>();
          for (Row row : rows.descendingMap().values()) {
            StoredDelivery d = row.view();
            String ref = row.accountRef();
            if (ref != null
                && wanted.contains(ref)
                && orgId.equals(d.orgId())
                && !latest.containsKey(ref)) {
              latest.put(
                  ref,
                  new LastDelivery(
                      ref,
                      d.id(),
                      d.status(),
                      d.delivery().receivedAt(),
                      d.attempts(),
                      row.errorCode(),
                      d.processedAt()));
            }
          }
          return List.copyOf(latest.values());
        });
  }

  @Override
  public long count(WebhookStatus status) {
    Objects.requireNonNull(status, "status");
    return locked(() -> rows.values().stream().filter(r -> r.view().status() == status).count());
  }

  @Override
  public boolean requeue(long id, UUID orgId, Instant now) {
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(now, "now");
    return locked(
        () -> {
          Row row = rows.get(id);
          if (row == null
              || !orgId.equals(row.view().orgId())
              || row.view().status() == WebhookStatus.PENDING) {
            return false;
          }
          StoredDelivery d = row.view();
          rows.put(
              id,
              new Row(
                  new StoredDelivery(
                      id,
                      d.delivery(),
                      WebhookStatus.PENDING,
                      0,
                      now,
                      d.orgId(),
                      d.eventCount(),
                      null,
                      d.processedAt()),
                  null,
                  null,
                  row.accountRef(),
                  null));
          return true;
        });
  }

  @Override
  public Optional<AccountOwner> owner(String provider, String externalAccountId) {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(externalAccountId, "externalAccountId");
    return locked(
        () ->
            tables.connectorAccounts.values().stream()
                .filter(
                    a ->
                        a.provider().equals(provider)
                            && a.externalAccountId().equals(externalAccountId))
                .min(
                    Comparator.comparing(ConnectorAccount::createdAt)
                        .thenComparing(ConnectorAccount::id))
                .map(a -> new AccountOwner(a.orgId(), a.accountRef())));
  }

  private static StoredDelivery withAttempts(StoredDelivery d, int attempts) {
    return new StoredDelivery(
        d.id(),
        d.delivery(),
        d.status(),
        attempts,
        d.nextAttemptAt(),
        d.orgId(),
        d.eventCount(),
        d.lastError(),
        d.processedAt());
  }

  private static void checkLimit(int limit) {
    if (limit < 1 || limit > 1000) {
      throw new IllegalArgumentException("limit must be 1 to 1000");
    }
  }

  private <T> T locked(Supplier<T> body) {
    lock.lock();
    try {
      return body.get();
    } finally {
      lock.unlock();
    }
  }
}
