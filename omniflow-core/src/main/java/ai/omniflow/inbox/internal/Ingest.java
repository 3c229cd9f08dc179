package ai.omniflow.inbox.internal;

import ai.omniflow.Limits;
import ai.omniflow.OmniFlowException;
import ai.omniflow.connector.spi.InboundEvent;
import ai.omniflow.inbox.AccountEvent;
import ai.omniflow.inbox.InboxErrors;
import ai.omniflow.inbox.InboxService;
import ai.omniflow.inbox.IngestResult;
import ai.omniflow.inbox.SentAtWindow;
import ai.omniflow.internal.Observations;
import ai.omniflow.internal.Races;
import ai.omniflow.store.spi.Store;
import ai.omniflow.store.spi.StoreTransaction;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import io.micrometer.common.KeyValues;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest use case, the one code path for webhooks and the mock endpoint: checks the event
 * against the {@link SentAtWindow} and its bounds ({@link InboundBounds}), then, in one transaction
 * run again when it loses a race (strict: nothing in it goes on after a failed store call, so a
 * store may skip savepoints), returns a redelivery's first result or takes the event in as an
 * engagement ({@link Engagements}) or a delivery update ({@link DeliveryUpdates}) and keeps its
 * receipt. Observed as {@link Observations#INGEST}. {@link ai.omniflow.inbox.InboxService#ingest}
 * delegates to it; its Javadoc is the spec. Not API. Thread-safe.
 */
public final class Ingest {
  private static final Logger LOG = LoggerFactory.getLogger(Ingest.class);

  /** How many times at most {@link #ingest} runs its transaction when it loses races. */
  static final int MAX_ATTEMPTS = 5;

  private final Store store;
  private final Clock clock;
  private final SentAtWindow sentAtWindow;
  private final Engagements engagements;
  private final Observations observations;
  private final Sending sending;

  /**
   * @param sending the send path a reply drafted in the ingest (the help text after HELP) takes
   *     once the ingest commits
   */
  public Ingest(
      Store store,
      Clock clock,
      SentAtWindow sentAtWindow,
      Engagements engagements,
      Observations observations,
      Sending sending) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sentAtWindow = Objects.requireNonNull(sentAtWindow, "sentAtWindow");
    this.engagements = Objects.requireNonNull(engagements, "engagements");
    this.observations = Objects.requireNonNull(observations, "observations");
    this.sending = Objects.requireNonNull(sending, "sending");
  }

  /** As {@link ai.omniflow.inbox.InboxService#ingest}. */
  public IngestResult ingest(Actor actor, @Nullable String accountRef, InboundEvent event) {
    return observations.observe(
        Observations.INGEST,
        KeyValues.of("channel", Objects.requireNonNull(event, "event").channel().id()),
        () -> ingestObserved(actor, accountRef, event));
  }

  /** As {@link ai.omniflow.inbox.InboxService#ingestAll}. */
  public List<IngestResult> ingestAll(Actor actor, List<AccountEvent> events) {
    Limits.list("events", Objects.requireNonNull(events, "events"), InboxService.MAX_INGEST_BATCH);
    return observations.observe(
        Observations.INGEST,
        KeyValues.of("channel", "batch"),
        () -> ingestAllObserved(actor, events));
  }

  private IngestResult ingestObserved(
      Actor actor, @Nullable String accountRef, InboundEvent event) {
    return ingestAllObserved(actor, List.of(new AccountEvent(accountRef, event))).get(0);
  }

  private List<IngestResult> ingestAllObserved(Actor actor, List<AccountEvent> events) {
    Permission.INBOX_MANAGE.check(actor);
    Permission.CONTACTS_WRITE.check(actor);
    Instant now = clock.instant();
    List<Item> items = new ArrayList<>(events.size());
    for (AccountEvent e : events) {
      items.add(new Item(items.size(), checked(e.accountRef()), checked(e.event(), now)));
    }
    if (items.isEmpty()) {
      return List.of();
    }
    List<Engagements.Recorded> recorded =
        Races.retrying(
            MAX_ATTEMPTS, () -> store.inStrictTransaction(actor, tx -> ingestIn(tx, items)));
    List<IngestResult> results = new ArrayList<>(recorded.size());
    for (Engagements.Recorded r : recorded) {
      Engagements.Reply reply = r.reply();
      if (reply != null) {
        reply(Actor.system(actor.orgId()), reply);
      }
      results.add(r.result());
    }
    return results;
  }

  /** An event to take in, at its place in the caller's list. */
  private record Item(int index, @Nullable String ref, InboundEvent event) {}

  private static @Nullable String checked(@Nullable String accountRef) {
    String ref = accountRef == null || accountRef.isBlank() ? null : accountRef.strip();
    if (ref != null) {
      Limits.text("account_ref", ref, Limits.MAX_ID);
    }
    return ref;
  }

  private InboundEvent checked(InboundEvent event, Instant now) {
    Objects.requireNonNull(event, "event");
    if (event.occurredAt().isBefore(now.minus(sentAtWindow.maxAge()))
        || event.occurredAt().isAfter(now.plus(sentAtWindow.maxAhead()))) {
      throw OmniFlowException.invalidInput(
          InboxErrors.INVALID_SENT_AT,
          "sent_at must lie from "
              + sentAtWindow.maxAge()
              + " before now to "
              + sentAtWindow.maxAhead()
              + " after it.");
    }
    return InboundBounds.bounded(event);
  }

  /**
   * Sends the help text the ingest drafted, after its commit, as the org's system actor through the
   * send path (guardrails, claim, commit, call), as the answer to the HELP, which reaches a contact
   * who opted out of the channel (decision 0083). A refusal or failure stays on the draft ({@code
   * last_error}) for a person to see; the ingest has committed and is not failed for it.
   */
  private void reply(Actor system, Engagements.Reply reply) {
    try {
      sending.sendHelpAnswer(system, reply.threadId(), reply.draftId(), reply.text());
    } catch (OmniFlowException e) {
      // The draft keeps the refusal's code, or its claim for reconciliation; nothing to retry.
      LOG.debug("The reply draft {} was not sent: {}", reply.draftId(), e.code());
    } catch (RuntimeException e) {
      LOG.warn("The reply draft {} failed unexpectedly", reply.draftId(), e);
    }
  }

  /**
   * Takes the items in, in the order of the threads they lock (their channel, account and key:
   * decision 0081), each item's own order kept among those of one thread, delivery updates last;
   * returns what each recorded, in the items' order.
   */
  private List<Engagements.Recorded> ingestIn(StoreTransaction tx, List<Item> items) {
    List<Item> ordered = items;
    Engagements.Shared shared = engagements.shared(tx);
    if (items.size() > 1) {
      String region =
          tx.orgs()
              .current()
              .orElseThrow(() -> OmniFlowException.notFound("The org"))
              .defaultRegion();
      String[] locks = new String[items.size()];
      for (Item i : items) {
        locks[i.index()] = lockOrder(i, region);
      }
      ordered = new ArrayList<>(items);
      // Stable: a thread's events keep their order.
      ordered.sort(Comparator.comparing(i -> locks[i.index()]));
      List<InboundEvent> events = new ArrayList<>(items.size());
      for (Item i : items) {
        events.add(i.event());
      }
      Engagements.absent(shared, SenderIdentities.read(tx, events, region));
    }
    // The receipts of every item read in one statement (decision 0095); those this transaction
    // keeps are added as it goes, so a redelivery within the items is one too.
    Set<String> keys = new LinkedHashSet<>();
    for (Item i : items) {
      keys.add(i.event().dedupeKey());
    }
    Map<String, IngestResult> receipts = new HashMap<>(tx.inbox().findReceipts(keys));
    Set<String> accounts = new HashSet<>();
    Engagements.Recorded[] recorded = new Engagements.Recorded[items.size()];
    for (Item i : ordered) {
      recorded[i.index()] = ingestIn(tx, i.ref(), i.event(), shared, accounts, receipts);
    }
    return Arrays.asList(recorded);
  }

  /**
   * Where an item comes in the order of the locks an ingest takes: engagements by their thread's
   * channel, account and key, then delivery updates; a sender without a usable handle first, so
   * that its failure comes before any write.
   */
  private static String lockOrder(Item i, String region) {
    if (i.event() instanceof InboundEvent.DeliveryUpdate) {
      return "2";
    }
    try {
      return "1"
          + i.event().channel().id()
          + '\0'
          + (i.ref() == null ? "" : i.ref())
          + '\0'
          + Engagements.threadKey(i.event(), region);
    } catch (OmniFlowException e) {
      return "0";
    }
  }

  private Engagements.Recorded ingestIn(
      StoreTransaction tx,
      @Nullable String ref,
      InboundEvent event,
      Engagements.Shared shared,
      Set<String> accounts,
      Map<String, IngestResult> receipts) {
    IngestResult prior = receipts.get(event.dedupeKey());
    if (prior != null) {
      return new Engagements.Recorded(prior.asDuplicate(), null);
    }
    if (ref != null && !accounts.contains(ref)) {
      // Once per account and transaction: it cannot go inside it.
      if (tx.connectorAccounts().findByRef(ref).isEmpty()) {
        throw OmniFlowException.notFound("The connector account");
      }
      accounts.add(ref);
    }
    Instant now = clock.instant();
    Engagements.Recorded recorded =
        event instanceof InboundEvent.DeliveryUpdate update
            ? new Engagements.Recorded(DeliveryUpdates.apply(tx, update, now), null)
            : engagements.record(tx, ref, event, now, shared);
    tx.inbox().insertReceipt(event.dedupeKey(), recorded.result(), now);
    receipts.put(event.dedupeKey(), recorded.result());
    return recorded;
  }
}
