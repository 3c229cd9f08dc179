package ai.omniflow.store.spi;

import ai.omniflow.Page;
import ai.omniflow.PageRequest;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.inbox.InboxThread;
import ai.omniflow.inbox.IngestResult;
import ai.omniflow.inbox.Message;
import ai.omniflow.inbox.ThreadFilter;
import ai.omniflow.inbox.Touchpoint;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The transaction org's inbox: threads, messages, touchpoints and the receipts of ingested events.
 * Every method sees and writes the transaction's org only; a row of another org reads as absent.
 */
public interface InboxRepository {
  /** The most dedupe keys {@link #findReceipts} takes. */
  int MAX_RECEIPT_KEYS = 100;

  /**
   * Keeps the receipt of one ingested event. In a {@link Store#inStrictTransaction strict}
   * transaction a store may keep the row back and write it with the transaction's other receipts
   * before the commit (decision 0095); {@link #findReceipt} and {@link #findReceipts} in the same
   * transaction still see it.
   *
   * @throws ai.omniflow.OmniFlowException {@code ingest_exists} (conflict) if the org has a receipt
   *     with that key already (a concurrent ingest of the same event); a row kept back shows it no
   *     later than the commit, which then fails
   */
  void insertReceipt(String dedupeKey, IngestResult result, Instant receivedAt);

  /** The first ingestion's result for that key, with {@code duplicate} false. */
  Optional<IngestResult> findReceipt(String dedupeKey);

  /**
   * The first ingestion's results for those keys, each with {@code duplicate} false, by key; a key
   * without a receipt is not in the map. One read for a batch of events where {@link #findReceipt}
   * is one per event (decision 0095). This default calls {@link #findReceipt} per key.
   *
   * @param dedupeKeys at most {@value #MAX_RECEIPT_KEYS} keys
   * @throws IllegalArgumentException if there are more
   */
  default Map<String, IngestResult> findReceipts(Collection<String> dedupeKeys) {
    if (dedupeKeys.size() > MAX_RECEIPT_KEYS) {
      throw new IllegalArgumentException("at most " + MAX_RECEIPT_KEYS + " dedupe keys");
    }
    Map<String, IngestResult> found = new HashMap<>();
    for (String key : dedupeKeys) {
      findReceipt(key).ifPresent(r -> found.put(key, r));
    }
    return found;
  }

  /**
   * @throws ai.omniflow.OmniFlowException {@code thread_exists} (conflict) if the id, or the
   *     channel, account ref and external key, are taken; {@code not_found} if the contact is not
   *     the org's
   */
  void insertThread(InboxThread thread);

  /**
   * As {@link #insertThread}, unless the org has a thread of the same channel, account ref and
   * external key already, which it leaves as it is (and does not lock): an ingest whose sender's
   * contact it has just created tries this first, since such a thread rarely exists, and locks the
   * existing one only if there is one (decision 0102). The default looks the key up first.
   *
   * @return whether it inserted the thread
   * @throws ai.omniflow.OmniFlowException {@code thread_exists} (conflict) if the id is taken;
   *     {@code not_found} if the contact is not the org's
   */
  default boolean insertThreadIfAbsent(InboxThread thread) {
    if (lockThreadByKey(thread.channel(), thread.accountRef(), thread.externalKey()).isPresent()) {
      return false;
    }
    insertThread(thread);
    return true;
  }

  /**
   * Updates everything but the id, org, contact, channel, account ref, key and creation time.
   *
   * @throws ai.omniflow.OmniFlowException {@code not_found} if the org has no such thread
   */
  void updateThread(InboxThread thread);

  Optional<InboxThread> findThread(UUID threadId);

  /** As {@link #findThread}, and holds the thread against concurrent writers until commit. */
  Optional<InboxThread> lockThread(UUID threadId);

  /** The thread with that channel, account ref and external key, locked as {@link #lockThread}. */
  Optional<InboxThread> lockThreadByKey(
      Channel channel, @Nullable String accountRef, String externalKey);

  /** Threads passing {@code filter}, latest activity first (ties: newest first). */
  Page<InboxThread> threads(ThreadFilter filter, PageRequest page);

  /**
   * @throws ai.omniflow.OmniFlowException {@code message_exists} (conflict) if the id is taken;
   *     {@code not_found} if the thread is not the org's
   */
  void insertMessage(Message message);

  /**
   * Updates the delivery status and failure reason only.
   *
   * @throws ai.omniflow.OmniFlowException {@code not_found} if the org has no such message
   */
  void updateDelivery(Message message);

  /** The org's outbound message with that provider id, if any. */
  Optional<Message> findOutbound(String providerMessageId);

  /** A thread's messages, oldest first (by sent time, then insertion). */
  Page<Message> messages(UUID threadId, PageRequest page);

  /**
   * The latest {@code limit} messages of all the contact's threads, oldest first (by sent time,
   * then insertion), each with its thread's channel: what a lead engine reads in one query.
   */
  List<ai.omniflow.inbox.ContactMessage> contactMessages(UUID contactId, int limit);

  /**
   * @throws ai.omniflow.OmniFlowException {@code touchpoint_exists} (conflict) if the id is taken;
   *     {@code not_found} if the contact is not the org's
   */
  void insertTouchpoint(Touchpoint touchpoint);

  /** The contact's touchpoints, oldest first. */
  List<Touchpoint> touchpoints(UUID contactId);

  /**
   * Adds a draft to one of the org's threads.
   *
   * @throws ai.omniflow.OmniFlowException {@code not_found} if the org has no such thread
   */
  void insertDraft(ai.omniflow.inbox.Draft draft);

  /** The org's draft, locked until the transaction ends; empty for another org's. */
  Optional<ai.omniflow.inbox.Draft> lockDraft(UUID draftId);

  /**
   * Records that the draft was sent ({@code sentMessageId} and {@code sentAt}).
   *
   * @throws ai.omniflow.OmniFlowException {@code not_found} if the org has no such draft
   */
  void markDraftSent(ai.omniflow.inbox.Draft draft);

  /** Records that the org's contact asked not to be messaged; a second call changes nothing. */
  void markOptedOut(UUID contactId, Instant at);

  /** Whether the org's contact asked not to be messaged. */
  boolean isOptedOut(UUID contactId);

  // ---------------------------------------------------------------- send claims (issue 9)

  /**
   * Writes the draft's {@code status}, {@code claimedAt} and {@code lastError} (not its text nor
   * its sent message: see {@link #markDraftSent}). Call it on a draft locked by {@link #lockDraft}
   * in the same transaction.
   *
   * @throws ai.omniflow.OmniFlowException {@code not_found} if the org has no such draft
   * @throws IllegalArgumentException if the status is {@code sent}
   */
  void updateDraftState(ai.omniflow.inbox.Draft draft);

  /**
   * The org's drafts still {@code sending} whose claim is older than {@code claimedBefore}, oldest
   * claim first, at most {@code limit}.
   *
   * @throws IllegalArgumentException if {@code limit} is not 1 to 1000
   */
  List<ai.omniflow.inbox.Draft> staleDraftClaims(Instant claimedBefore, int limit);
}
