package ai.omniflow.inbox.internal;

import ai.omniflow.connector.spi.DeliveryStatus;
import ai.omniflow.connector.spi.InboundEvent;
import ai.omniflow.inbox.InboxEvents;
import ai.omniflow.inbox.IngestResult;
import ai.omniflow.inbox.Message;
import ai.omniflow.internal.Recorder;
import ai.omniflow.store.spi.StoreTransaction;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Takes in a delivery update inside the ingest transaction: sets the delivery status of our
 * outbound message with that provider id, never going back from read to delivered or sent, with
 * event {@code message.delivery_updated}. {@link Ingest} calls it. Not API. Stateless.
 */
public final class DeliveryUpdates {
  private DeliveryUpdates() {}

  private static int rank(DeliveryStatus s) {
    return switch (s) {
      case SENT -> 1;
      case DELIVERED -> 2;
      case READ -> 3;
      case FAILED -> 4;
    };
  }

  /** Applies {@code u}; an unknown message is left to be only remembered as ingested. */
  public static IngestResult apply(
      StoreTransaction tx, InboundEvent.DeliveryUpdate u, Instant now) {
    Optional<Message> found = tx.inbox().findOutbound(u.providerMessageId());
    if (found.isEmpty()) {
      return new IngestResult(null, null, null, null, false);
    }
    Message before = found.get();
    DeliveryStatus current = before.deliveryStatus();
    if (current != null && rank(current) >= rank(u.status())) {
      return new IngestResult(null, before.threadId(), before.id(), null, false);
    }
    Message after = before.withDelivery(u.status(), u.failureReason());
    tx.inbox().updateDelivery(after);
    Map<String, @Nullable Object> payload = new LinkedHashMap<>();
    payload.put("message_id", after.id().toString());
    payload.put("thread_id", after.threadId().toString());
    payload.put("status", u.status().name().toLowerCase(java.util.Locale.ROOT));
    payload.put("failure_reason", u.failureReason());
    Recorder.record(
        tx,
        now,
        new Recorder.Change(
            InboxEvents.MESSAGE_DELIVERY_UPDATED,
            InboxEvents.AUDIT_MESSAGE_DELIVERY_UPDATE,
            "message",
            after.id().toString(),
            payload,
            InboxSnapshots.message(before),
            InboxSnapshots.message(after)));
    return new IngestResult(null, after.threadId(), after.id(), null, false);
  }
}
