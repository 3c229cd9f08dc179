package ai.omniflow.inbox.internal;

import ai.omniflow.Limits;
import ai.omniflow.OmniFlowException;
import ai.omniflow.connector.spi.InboundEvent;
import ai.omniflow.inbox.InboxErrors;
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
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

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
  /** How many times at most {@link #ingest} runs its transaction when it loses races. */
  static final int MAX_ATTEMPTS = 5;

  private final Store store;
  private final Clock clock;
  private final SentAtWindow sentAtWindow;
  private final Engagements engagements;
  private final Observations observations;

  public Ingest(
      Store store,
      Clock clock,
      SentAtWindow sentAtWindow,
      Engagements engagements,
      Observations observations) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sentAtWindow = Objects.requireNonNull(sentAtWindow, "sentAtWindow");
    this.engagements = Objects.requireNonNull(engagements, "engagements");
    this.observations = Objects.requireNonNull(observations, "observations");
  }

  /** As {@link ai.omniflow.inbox.InboxService#ingest}. */
  public IngestResult ingest(Actor actor, @Nullable String accountRef, InboundEvent event) {
    return observations.observe(
        Observations.INGEST,
        KeyValues.of("channel", Objects.requireNonNull(event, "event").channel().id()),
        () -> ingestObserved(actor, accountRef, event));
  }

  private IngestResult ingestObserved(
      Actor actor, @Nullable String accountRef, InboundEvent event) {
    Permission.INBOX_MANAGE.check(actor);
    Permission.CONTACTS_WRITE.check(actor);
    Objects.requireNonNull(event, "event");
    String ref = accountRef == null || accountRef.isBlank() ? null : accountRef.strip();
    if (ref != null) {
      Limits.text("account_ref", ref, Limits.MAX_ID);
    }
    Instant now = clock.instant();
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
    InboundEvent bounded = InboundBounds.bounded(event);
    return Races.retrying(
        MAX_ATTEMPTS, () -> store.inStrictTransaction(actor, tx -> ingestIn(tx, ref, bounded)));
  }

  private IngestResult ingestIn(StoreTransaction tx, @Nullable String ref, InboundEvent event) {
    Optional<IngestResult> prior = tx.inbox().findReceipt(event.dedupeKey());
    if (prior.isPresent()) {
      return prior.get().asDuplicate();
    }
    if (ref != null && tx.connectorAccounts().findByRef(ref).isEmpty()) {
      throw OmniFlowException.notFound("The connector account");
    }
    Instant now = clock.instant();
    IngestResult result =
        event instanceof InboundEvent.DeliveryUpdate update
            ? DeliveryUpdates.apply(tx, update, now)
            : engagements.record(tx, ref, event, now);
    tx.inbox().insertReceipt(event.dedupeKey(), result, now);
    return result;
  }
}
