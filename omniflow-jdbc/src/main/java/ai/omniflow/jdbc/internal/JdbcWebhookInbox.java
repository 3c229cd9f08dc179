package ai.omniflow.jdbc.internal;

import ai.omniflow.store.spi.WebhookInboxRepository;
import ai.omniflow.webhooks.AccountOwner;
import ai.omniflow.webhooks.InboundDelivery;
import ai.omniflow.webhooks.LastDelivery;
import ai.omniflow.webhooks.Settlement;
import ai.omniflow.webhooks.StoredDelivery;
import ai.omniflow.webhooks.WebhookStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.StatementContext;
import org.jspecify.annotations.Nullable;

/**
 * The {@link WebhookInboxRepository} over PostgreSQL, with the SQL it runs: each call is one
 * transaction of its own on a connection of its own, with no org set (the two tables are read and
 * written across tenants by design, V15). A claim takes due rows with {@code FOR UPDATE SKIP
 * LOCKED} and leases them in the same statement, so concurrent workers on any number of nodes get
 * disjoint batches. Thread-safe.
 */
public final class JdbcWebhookInbox implements WebhookInboxRepository {
  private static final String COLUMNS =
      "id, provider, dedupe_key, method, uri, headers, body, received_at, status, attempts, "
          + "next_attempt_at, org_id, event_count, last_error, processed_at";

  static final String APPEND =
      "insert into <schema>.webhook_deliveries (provider, dedupe_key, method, uri, headers, body, "
          + "received_at, next_attempt_at) values (:provider, :dedupe_key, :method, :uri, "
          + "cast(:headers as jsonb), :body, :received_at, :received_at) "
          + "on conflict (provider, dedupe_key) do nothing returning id";

  static final String CLAIM =
      "with due as (select id from <schema>.webhook_deliveries where status = 'pending' and "
          + "next_attempt_at <= :now and (claimed_until is null or claimed_until <= :now) "
          + "order by next_attempt_at, id limit :limit for update skip locked) "
          + "update <schema>.webhook_deliveries d set claim_id = :claim, claimed_until = :until, "
          + "attempts = d.attempts + 1 from due where d.id = due.id returning "
          + "d.id, d.provider, d.dedupe_key, d.method, d.uri, d.headers, d.body, d.received_at, "
          + "d.status, d.attempts, d.next_attempt_at, d.org_id, d.event_count, d.last_error, "
          + "d.processed_at";

  static final String SETTLE =
      "update <schema>.webhook_deliveries set status = :status, next_attempt_at = case when "
          + ":status = 'pending' then :next else next_attempt_at end, org_id = coalesce(:org, "
          + "org_id), account_ref = coalesce(:account, account_ref), event_count = :event_count, "
          + "error_code = :error_code, last_error = :error, processed_at = :at, claim_id = null, "
          + "claimed_until = null where id = :id and claim_id = :claim";

  static final String FIND =
      "select " + COLUMNS + " from <schema>.webhook_deliveries where id = :id";

  static final String LIST =
      "select "
          + COLUMNS
          + " from <schema>.webhook_deliveries where org_id = :org and status = :status and "
          + "id > :after order by id limit :limit";

  /**
   * Each account's latest delivery: one probe per ref into webhook_deliveries_account_idx (V30),
   * read backwards from the end of the account's range.
   */
  static final String LAST_DELIVERIES =
      "select d.account_ref, d.id, d.status, d.received_at, d.attempts, d.error_code, "
          + "d.processed_at from unnest(cast(:refs as text[])) as r(ref) cross join lateral "
          + "(select account_ref, id, status, received_at, attempts, error_code, processed_at "
          + "from <schema>.webhook_deliveries w where w.org_id = :org and w.account_ref = r.ref "
          + "order by w.id desc limit 1) d";

  static final String COUNT =
      "select count(*) from <schema>.webhook_deliveries where status = :status";

  static final String REQUEUE =
      "update <schema>.webhook_deliveries set status = 'pending', attempts = 0, next_attempt_at "
          + "= :now, claim_id = null, claimed_until = null, last_error = null, error_code = null "
          + "where id = :id and org_id = :org and status <> 'pending'";

  static final String OWNER =
      "select org_id, account_ref from <schema>.webhook_accounts where provider = :provider and "
          + "external_account_id = :external_id";

  private final Jdbi jdbi;
  private final JsonCodec json;

  JdbcWebhookInbox(Jdbi jdbi, JsonCodec json) {
    this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    this.json = Objects.requireNonNull(json, "json");
  }

  @Override
  public Optional<Long> append(InboundDelivery d) {
    Objects.requireNonNull(d, "delivery");
    return run(
        "webhook_deliveries.append",
        h ->
            h.createQuery(APPEND)
                .bind("provider", d.provider())
                .bind("dedupe_key", d.dedupeKey())
                .bind("method", d.method())
                .bind("uri", d.uri())
                .bind("headers", json.write(d.headers()))
                .bind("body", d.body())
                .bind("received_at", d.receivedAt())
                .mapTo(Long.class)
                .findOne());
  }

  @Override
  public List<StoredDelivery> claim(UUID claimId, Instant now, Duration lease, int limit) {
    Objects.requireNonNull(claimId, "claimId");
    Objects.requireNonNull(now, "now");
    checkLimit(limit);
    if (lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("lease must be positive");
    }
    return run(
        "webhook_deliveries.claim",
        h ->
            h
                .createQuery(CLAIM)
                .bind("claim", claimId)
                .bind("now", now)
                .bind("until", now.plus(lease))
                .bind("limit", limit)
                .map(this::delivery)
                .list()
                .stream()
                .sorted(Comparator.comparingLong(StoredDelivery::id))
                .toList());
  }

  @Override
  public boolean settle(long id, UUID claimId, Settlement s) {
    Objects.requireNonNull(claimId, "claimId");
    Objects.requireNonNull(s, "settlement");
    return run(
            "webhook_deliveries.settle",
            h ->
                h.createUpdate(SETTLE)
                    .bind("status", s.status().wireName())
                    .bind("next", s.nextAttemptAt())
                    .bindByType("org", s.orgId(), UUID.class)
                    .bindByType("account", s.accountRef(), String.class)
                    .bind("event_count", s.eventCount())
                    .bindByType("error_code", s.errorCode(), String.class)
                    .bindByType("error", s.error(), String.class)
                    .bind("at", s.at())
                    .bind("id", id)
                    .bind("claim", claimId)
                    .execute())
        > 0;
  }

  /** One transaction, the settlements in one round trip (a JDBC batch of {@link #SETTLE}). */
  @Override
  public Set<Long> settleAll(UUID claimId, Map<Long, Settlement> settlements) {
    Objects.requireNonNull(claimId, "claimId");
    if (settlements.size() > 1000) {
      throw new IllegalArgumentException("at most 1000 settlements at a time");
    }
    if (settlements.isEmpty()) {
      return Set.of();
    }
    List<Map.Entry<Long, Settlement>> rows = List.copyOf(settlements.entrySet());
    int[] counts =
        run(
            "webhook_deliveries.settleAll",
            h -> {
              PreparedBatch batch = h.prepareBatch(SETTLE);
              for (Map.Entry<Long, Settlement> row : rows) {
                Settlement s = Objects.requireNonNull(row.getValue(), "settlement");
                batch
                    .bind("status", s.status().wireName())
                    .bind("next", s.nextAttemptAt())
                    .bindByType("org", s.orgId(), UUID.class)
                    .bindByType("account", s.accountRef(), String.class)
                    .bind("event_count", s.eventCount())
                    .bindByType("error_code", s.errorCode(), String.class)
                    .bindByType("error", s.error(), String.class)
                    .bind("at", s.at())
                    .bind("id", row.getKey())
                    .bind("claim", claimId)
                    .add();
              }
              return batch.execute();
            });
    Set<Long> settled = new LinkedHashSet<>();
    for (int i = 0; i < rows.size(); i++) {
      if (counts[i] > 0) {
        settled.add(rows.get(i).getKey());
      }
    }
    return settled;
  }

  @Override
  public Optional<StoredDelivery> find(long id) {
    return run(
        "webhook_deliveries.find",
        h -> h.createQuery(FIND).bind("id", id).map(this::delivery).findOne());
  }

  @Override
  public List<StoredDelivery> list(UUID orgId, WebhookStatus status, long afterId, int limit) {
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(status, "status");
    checkLimit(limit);
    return run(
        "webhook_deliveries.list",
        h ->
            h.createQuery(LIST)
                .bind("org", orgId)
                .bind("status", status.wireName())
                .bind("after", afterId)
                .bind("limit", limit)
                .map(this::delivery)
                .list());
  }

  @Override
  public List<LastDelivery> lastDeliveries(UUID orgId, Collection<String> accountRefs) {
    Objects.requireNonNull(orgId, "orgId");
    if (accountRefs.size() > MAX_LAST_DELIVERIES) {
      throw new IllegalArgumentException(
          "at most " + MAX_LAST_DELIVERIES + " account refs at a time");
    }
    if (accountRefs.isEmpty()) {
      return List.of();
    }
    List<String> refs = List.copyOf(new LinkedHashSet<>(accountRefs));
    return run(
        "webhook_deliveries.last",
        h ->
            h.createQuery(LAST_DELIVERIES)
                .bindArray("refs", String.class, refs)
                .bind("org", orgId)
                .map(
                    (rs, ctx) ->
                        new LastDelivery(
                            rs.getString("account_ref"),
                            rs.getLong("id"),
                            WebhookStatus.fromWireName(rs.getString("status")).orElseThrow(),
                            Columns.instant(rs, "received_at"),
                            rs.getInt("attempts"),
                            rs.getString("error_code"),
                            Columns.nullableInstant(rs, "processed_at")))
                .list());
  }

  @Override
  public long count(WebhookStatus status) {
    Objects.requireNonNull(status, "status");
    return run(
        "webhook_deliveries.count",
        h -> h.createQuery(COUNT).bind("status", status.wireName()).mapTo(Long.class).one());
  }

  @Override
  public boolean requeue(long id, UUID orgId, Instant now) {
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(now, "now");
    return run(
            "webhook_deliveries.requeue",
            h ->
                h.createUpdate(REQUEUE)
                    .bind("now", now)
                    .bind("id", id)
                    .bind("org", orgId)
                    .execute())
        > 0;
  }

  @Override
  public Optional<AccountOwner> owner(String provider, String externalAccountId) {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(externalAccountId, "externalAccountId");
    return run(
        "webhook_accounts.owner",
        h ->
            h.createQuery(OWNER)
                .bind("provider", provider)
                .bind("external_id", externalAccountId)
                .map(
                    (rs, ctx) ->
                        new AccountOwner(Columns.uuid(rs, "org_id"), rs.getString("account_ref")))
                .findOne());
  }

  private StoredDelivery delivery(ResultSet rs, StatementContext ctx) throws SQLException {
    Map<String, String> headers = new LinkedHashMap<>();
    Map<String, @Nullable Object> raw = Columns.json(rs, ctx, "headers");
    if (raw != null) {
      raw.forEach((name, value) -> headers.put(name, String.valueOf(value)));
    }
    InboundDelivery d =
        new InboundDelivery(
            rs.getString("provider"),
            rs.getString("dedupe_key"),
            rs.getString("method"),
            rs.getString("uri"),
            headers,
            rs.getBytes("body"),
            Columns.instant(rs, "received_at"));
    return new StoredDelivery(
        rs.getLong("id"),
        d,
        WebhookStatus.fromWireName(rs.getString("status")).orElseThrow(),
        rs.getInt("attempts"),
        Columns.instant(rs, "next_attempt_at"),
        Columns.nullableUuid(rs, "org_id"),
        rs.getInt("event_count"),
        rs.getString("last_error"),
        Columns.nullableInstant(rs, "processed_at"));
  }

  private static void checkLimit(int limit) {
    if (limit < 1 || limit > 1000) {
      throw new IllegalArgumentException("limit must be 1 to 1000");
    }
  }

  private <T> T run(String operation, HandleCallback<T, RuntimeException> body) {
    try {
      return jdbi.inTransaction(body);
    } catch (JdbiException e) {
      throw SqlFailures.translate(operation, e);
    }
  }
}
