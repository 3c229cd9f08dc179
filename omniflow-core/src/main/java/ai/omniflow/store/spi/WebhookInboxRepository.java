package ai.omniflow.store.spi;

import ai.omniflow.webhooks.AccountOwner;
import ai.omniflow.webhooks.InboundDelivery;
import ai.omniflow.webhooks.LastDelivery;
import ai.omniflow.webhooks.Settlement;
import ai.omniflow.webhooks.StoredDelivery;
import ai.omniflow.webhooks.WebhookStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The stored webhook deliveries, which belong to no org when they arrive, and the directory of
 * platform accounts to the orgs that connected them. Unlike the repositories of a {@link
 * StoreTransaction}, it works across tenants: each method is one transaction of its own and commits
 * before it returns. It reveals no tenant data but org ids and connector account refs; reads that
 * show deliveries to an org ({@link #list}, {@link #requeue}) filter by that org.
 *
 * <pre>{@code
 * store.webhookInbox().append(delivery);                        // on receipt
 * List<StoredDelivery> mine = store.webhookInbox().claim(claim, now, lease, 50); // worker
 * store.webhookInbox().settle(d.id(), claim, settlement);
 * }</pre>
 *
 * <p>The delivery itself (provider, key, method, URI, headers, body, receipt time) is never changed
 * or deleted once appended; only its processing state moves. Thread-safe.
 */
public interface WebhookInboxRepository {

  /**
   * Stores a delivery unless one with the same provider and dedupe key is stored already; then it
   * stores nothing. The new delivery is {@link WebhookStatus#PENDING}, due at its receipt time,
   * with no attempts.
   *
   * @return the new delivery's id, or empty for a duplicate
   */
  Optional<Long> append(InboundDelivery delivery);

  /**
   * Claims up to {@code limit} pending deliveries that are due at {@code now} and not leased (or
   * whose lease ran out), oldest first, leasing them to {@code claimId} until {@code now + lease}
   * and counting one more attempt each. Two claims running at once never return the same delivery
   * while its lease lasts (PostgreSQL: {@code FOR UPDATE SKIP LOCKED}). A worker that dies leaves
   * its deliveries to be claimed again when the lease ends.
   *
   * @throws IllegalArgumentException if {@code limit} is not 1 to 1000 or {@code lease} not
   *     positive
   */
  List<StoredDelivery> claim(UUID claimId, Instant now, Duration lease, int limit);

  /**
   * Settles a delivery that {@code claimId} holds and ends the lease.
   *
   * @return false, changing nothing, if the delivery is not held by that claim (its lease ran out
   *     and another worker claimed it, or it was never claimed)
   */
  boolean settle(long id, UUID claimId, Settlement settlement);

  /**
   * Settles the deliveries {@code settlements} names by id, each as {@link #settle} would, and ends
   * their leases; a store may do it in one transaction (PostgreSQL: one round trip), so a worker
   * settles its batch at once instead of one transaction per delivery. The default calls {@link
   * #settle} for each.
   *
   * <pre>{@code
   * Set<Long> settled = store.webhookInbox().settleAll(claim, Map.of(id, settlement));
   * }</pre>
   *
   * @return the ids settled, in the order given; an id missing from it was not held by that claim,
   *     and nothing of it changed
   * @throws IllegalArgumentException if there are more than 1000 settlements
   */
  default Set<Long> settleAll(UUID claimId, Map<Long, Settlement> settlements) {
    if (settlements.size() > 1000) {
      throw new IllegalArgumentException("at most 1000 settlements at a time");
    }
    Set<Long> settled = new LinkedHashSet<>();
    settlements.forEach(
        (id, s) -> {
          if (settle(id, claimId, s)) {
            settled.add(id);
          }
        });
    return settled;
  }

  /** The delivery with that id, of any org or none. */
  Optional<StoredDelivery> find(long id);

  /**
   * The deliveries of {@code orgId} in {@code status}, by id, after {@code afterId}.
   *
   * @throws IllegalArgumentException if {@code limit} is not 1 to 1000
   */
  List<StoredDelivery> list(UUID orgId, WebhookStatus status, long afterId, int limit);

  /** The most account refs one {@link #lastDeliveries} call takes. */
  int MAX_LAST_DELIVERIES = 100;

  /**
   * The latest delivery (the highest id) of each of {@code accountRefs} among the deliveries of
   * {@code orgId} settled at least once with that account ({@link Settlement#accountRef()}); an
   * account with none is left out. In no particular order. PostgreSQL reads each account's one
   * latest row from an index on {@code (org_id, account_ref, id)}, however many it has.
   *
   * @throws IllegalArgumentException if there are more than {@value #MAX_LAST_DELIVERIES} refs
   */
  List<LastDelivery> lastDeliveries(UUID orgId, Collection<String> accountRefs);

  /** How many deliveries are in {@code status}, of every org and none. */
  long count(WebhookStatus status);

  /**
   * Puts a settled delivery of {@code orgId} back to {@link WebhookStatus#PENDING}, due at {@code
   * now}, with no attempts, no lease and no error (nor error code); it keeps its account.
   *
   * @return false, changing nothing, if there is no such delivery of that org or it is pending
   */
  boolean requeue(long id, UUID orgId, Instant now);

  /**
   * The org whose connector account has this provider and platform account id: the one that
   * connected it first, if several did. Written when a connector account is inserted, in the same
   * transaction.
   */
  Optional<AccountOwner> owner(String provider, String externalAccountId);
}
