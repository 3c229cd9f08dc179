package ai.omniflow.store.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.Page;
import ai.omniflow.PageRequest;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.contacts.Contact;
import ai.omniflow.inbox.InboxErrors;
import ai.omniflow.inbox.InboxThread;
import ai.omniflow.inbox.IngestResult;
import ai.omniflow.inbox.Message;
import ai.omniflow.inbox.MessageDirection;
import ai.omniflow.inbox.ThreadFilter;
import ai.omniflow.inbox.Touchpoint;
import ai.omniflow.store.spi.InboxRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The {@link InboxRepository} of one in-memory transaction. Not thread-safe: the store's lock
 * guards it.
 */
final class InMemoryInbox implements InboxRepository {
  private final InMemoryTables tables;
  private final InMemoryContext tx;
  private final UUID org;

  InMemoryInbox(InMemoryTables tables, InMemoryContext tx) {
    this.tables = tables;
    this.tx = tx;
    this.org = tx.org();
  }

  @Override
  public void insertReceipt(String dedupeKey, IngestResult result, Instant receivedAt) {
    tx.requireOpen();
    List<Object> key = List.of(org, dedupeKey);
    if (tables.receipts.containsKey(key)) {
      throw OmniFlowException.race(
          InboxErrors.INGEST_EXISTS, "The org has ingested an event with that dedupe key already.");
    }
    tx.put(
        tables.receipts,
        key,
        new IngestResult(
            result.contactId(),
            result.threadId(),
            result.messageId(),
            result.touchpointId(),
            false));
  }

  @Override
  public Optional<IngestResult> findReceipt(String dedupeKey) {
    tx.requireOpen();
    return Optional.ofNullable(tables.receipts.get(List.of(org, dedupeKey)));
  }

  @Override
  public Map<String, IngestResult> findReceipts(Collection<String> dedupeKeys) {
    tx.requireOpen();
    if (dedupeKeys.size() > MAX_RECEIPT_KEYS) {
      throw new IllegalArgumentException("at most " + MAX_RECEIPT_KEYS + " dedupe keys");
    }
    Map<String, IngestResult> found = new HashMap<>();
    for (String key : dedupeKeys) {
      IngestResult r = tables.receipts.get(List.of(org, Objects.requireNonNull(key, "key")));
      if (r != null) {
        found.put(key, r);
      }
    }
    return found;
  }

  @Override
  public void insertThread(InboxThread t) {
    tx.requireOrg(t.orgId(), "the thread");
    boolean clash =
        tables.threads.containsKey(t.id())
            || tables.threads.values().stream()
                .map(Sequenced::value)
                .anyMatch(
                    o ->
                        o.orgId().equals(org)
                            && o.channel() == t.channel()
                            && Objects.equals(o.accountRef(), t.accountRef())
                            && o.externalKey().equals(t.externalKey()));
    if (clash) {
      throw OmniFlowException.race(InboxErrors.THREAD_EXISTS, "The thread exists already.");
    }
    requireContact(t.contactId());
    tx.put(tables.threads, t.id(), new Sequenced<>(tables.nextSequence(), t.lastActivityAt(), t));
  }

  @Override
  public boolean insertThreadIfAbsent(InboxThread t) {
    tx.requireOrg(t.orgId(), "the thread");
    if (!tables.threads.containsKey(t.id())
        && lockThreadByKey(t.channel(), t.accountRef(), t.externalKey()).isPresent()) {
      return false;
    }
    insertThread(t);
    return true;
  }

  private void requireContact(UUID contactId) {
    Contact c = tables.contacts.get(contactId);
    if (c == null || !c.orgId().equals(org)) {
      throw OmniFlowException.notFound("The contact");
    }
  }

  @Override
  public void updateThread(InboxThread t) {
    tx.requireOrg(t.orgId(), "the thread");
    Sequenced<InboxThread> old = tables.threads.get(t.id());
    if (old == null || !old.value().orgId().equals(org)) {
      throw OmniFlowException.notFound("The thread");
    }
    InboxThread o = old.value();
    InboxThread kept =
        new InboxThread(
            o.id(),
            o.orgId(),
            o.contactId(),
            o.channel(),
            o.accountRef(),
            o.externalKey(),
            t.status(),
            t.assigneeUserId(),
            t.lastInboundAt(),
            t.lastOutboundAt(),
            t.lastActivityAt(),
            t.unreadCount(),
            o.createdAt(),
            t.updatedAt());
    tx.put(tables.threads, t.id(), new Sequenced<>(old.seq(), kept.lastActivityAt(), kept));
  }

  @Override
  public Optional<InboxThread> findThread(UUID threadId) {
    tx.requireOpen();
    return Optional.ofNullable(tables.threads.get(threadId))
        .map(Sequenced::value)
        .filter(t -> t.orgId().equals(org));
  }

  @Override
  public Optional<InboxThread> lockThread(UUID threadId) {
    return findThread(threadId);
  }

  @Override
  public Optional<InboxThread> lockThreadByKey(
      Channel channel, @Nullable String accountRef, String externalKey) {
    tx.requireOpen();
    return tables.threads.values().stream()
        .map(Sequenced::value)
        .filter(
            o ->
                o.orgId().equals(org)
                    && o.channel() == channel
                    && Objects.equals(o.accountRef(), accountRef)
                    && o.externalKey().equals(externalKey))
        .findFirst();
  }

  @Override
  public Page<InboxThread> threads(ThreadFilter filter, PageRequest page) {
    tx.requireOpen();
    return InMemoryTables.newestFirst(
        new ArrayList<>(tables.threads.values()),
        t -> t.orgId().equals(org) && filter.test(t),
        page);
  }

  @Override
  public void insertMessage(Message m) {
    tx.requireOrg(m.orgId(), "the message");
    if (tables.messages.containsKey(m.id())) {
      throw OmniFlowException.conflict(InboxErrors.MESSAGE_EXISTS, "The message exists already.");
    }
    if (findThread(m.threadId()).isEmpty()) {
      throw OmniFlowException.notFound("The thread");
    }
    tx.put(tables.messages, m.id(), new Sequenced<>(tables.nextSequence(), m.sentAt(), m));
  }

  @Override
  public void updateDelivery(Message m) {
    tx.requireOrg(m.orgId(), "the message");
    Sequenced<Message> old = tables.messages.get(m.id());
    if (old == null || !old.value().orgId().equals(org)) {
      throw OmniFlowException.notFound("The message");
    }
    Message kept = old.value().withDelivery(m.deliveryStatus(), m.failureReason());
    tx.put(tables.messages, m.id(), new Sequenced<>(old.seq(), old.at(), kept));
  }

  @Override
  public Optional<Message> findOutbound(String providerMessageId) {
    tx.requireOpen();
    return tables.messages.values().stream()
        .map(Sequenced::value)
        .filter(
            m ->
                m.orgId().equals(org)
                    && m.direction() == MessageDirection.OUTBOUND
                    && providerMessageId.equals(m.providerMessageId()))
        .findFirst();
  }

  @Override
  public Page<Message> messages(UUID threadId, PageRequest page) {
    tx.requireOpen();
    List<Message> ordered =
        tables.messages.values().stream()
            .filter(s -> s.value().orgId().equals(org) && s.value().threadId().equals(threadId))
            .sorted(
                Comparator.<Sequenced<Message>, Instant>comparing(Sequenced::at)
                    .thenComparingLong(Sequenced::seq))
            .map(Sequenced::value)
            .toList();
    return Page.slice(ordered, page);
  }

  @Override
  public List<ai.omniflow.inbox.ContactMessage> contactMessages(UUID contactId, int limit) {
    tx.requireOpen();
    List<ai.omniflow.inbox.ContactMessage> all = new ArrayList<>();
    tables.messages.values().stream()
        .filter(s -> s.value().orgId().equals(org))
        .sorted(
            Comparator.<Sequenced<Message>, Instant>comparing(Sequenced::at)
                .thenComparingLong(Sequenced::seq))
        .forEach(
            s -> {
              Sequenced<InboxThread> t = tables.threads.get(s.value().threadId());
              if (t != null && t.value().contactId().equals(contactId)) {
                all.add(new ai.omniflow.inbox.ContactMessage(s.value(), t.value().channel()));
              }
            });
    return List.copyOf(all.subList(Math.max(0, all.size() - limit), all.size()));
  }

  @Override
  public void insertTouchpoint(Touchpoint t) {
    tx.requireOrg(t.orgId(), "the touchpoint");
    if (tables.touchpoints.containsKey(t.id())) {
      throw OmniFlowException.conflict(
          InboxErrors.TOUCHPOINT_EXISTS, "The touchpoint exists already.");
    }
    requireContact(t.contactId());
    tx.put(tables.touchpoints, t.id(), new Sequenced<>(tables.nextSequence(), t.occurredAt(), t));
  }

  @Override
  public void insertDraft(ai.omniflow.inbox.Draft d) {
    tx.requireOrg(d.orgId(), "the draft");
    if (tables.drafts.containsKey(d.id())) {
      throw OmniFlowException.conflict(InboxErrors.DRAFT_EXISTS, "The draft exists already.");
    }
    if (findThread(d.threadId()).isEmpty()) {
      throw OmniFlowException.notFound("The thread");
    }
    tx.put(tables.drafts, d.id(), d);
  }

  @Override
  public Optional<ai.omniflow.inbox.Draft> lockDraft(UUID draftId) {
    tx.requireOpen();
    return Optional.ofNullable(tables.drafts.get(draftId)).filter(d -> d.orgId().equals(org));
  }

  @Override
  public void markDraftSent(ai.omniflow.inbox.Draft d) {
    tx.requireOrg(d.orgId(), "the draft");
    ai.omniflow.inbox.Draft old = tables.drafts.get(d.id());
    if (old == null || !old.orgId().equals(org)) {
      throw OmniFlowException.notFound("The draft");
    }
    tx.put(tables.drafts, d.id(), old.sentAs(d.sentMessageId(), d.sentAt()));
  }

  // ------------------------------------------------------------ send claims (issue 9)

  @Override
  public void updateDraftState(ai.omniflow.inbox.Draft d) {
    tx.requireOrg(d.orgId(), "the draft");
    if (d.status() == ai.omniflow.inbox.DraftStatus.SENT) {
      throw new IllegalArgumentException("use markDraftSent to mark a draft sent");
    }
    ai.omniflow.inbox.Draft old = tables.drafts.get(d.id());
    if (old == null || !old.orgId().equals(org)) {
      throw OmniFlowException.notFound("The draft");
    }
    tx.put(tables.drafts, d.id(), old.withState(d.status(), d.claimedAt(), d.lastError()));
  }

  @Override
  public List<ai.omniflow.inbox.Draft> staleDraftClaims(Instant claimedBefore, int limit) {
    tx.requireOpen();
    if (limit < 1 || limit > 1000) {
      throw new IllegalArgumentException("limit must be 1 to 1000");
    }
    return tables.drafts.values().stream()
        .filter(
            d ->
                d.orgId().equals(org)
                    && d.status() == ai.omniflow.inbox.DraftStatus.SENDING
                    && d.claimedAt() != null
                    && d.claimedAt().isBefore(claimedBefore))
        .sorted(Comparator.comparing(ai.omniflow.inbox.Draft::claimedAt))
        .limit(limit)
        .toList();
  }

  @Override
  public void markOptedOut(UUID contactId, Instant at) {
    tx.requireOpen();
    requireContact(contactId);
    List<UUID> key = List.of(org, contactId);
    if (!tables.optOuts.containsKey(key)) {
      tx.put(tables.optOuts, key, at);
    }
  }

  @Override
  public boolean isOptedOut(UUID contactId) {
    tx.requireOpen();
    return tables.optOuts.containsKey(List.of(org, contactId));
  }

  @Override
  public List<Touchpoint> touchpoints(UUID contactId) {
    tx.requireOpen();
    return tables.touchpoints.values().stream()
        .filter(s -> s.value().orgId().equals(org) && s.value().contactId().equals(contactId))
        .sorted(
            Comparator.<Sequenced<Touchpoint>, Instant>comparing(Sequenced::at)
                .thenComparingLong(Sequenced::seq))
        .map(Sequenced::value)
        .toList();
  }
}
