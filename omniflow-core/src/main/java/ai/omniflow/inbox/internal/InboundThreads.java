package ai.omniflow.inbox.internal;

import ai.omniflow.connector.spi.Channel;
import ai.omniflow.inbox.InboxEvents;
import ai.omniflow.inbox.InboxThread;
import ai.omniflow.inbox.ThreadStatus;
import ai.omniflow.internal.Ids;
import ai.omniflow.internal.Recorder;
import ai.omniflow.store.spi.StoreTransaction;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The ingest step that finds or opens the thread of an inbound engagement: the thread of the key
 * locked and updated (reopened if closed), or a new one inserted, with event {@code thread.opened}
 * or {@code thread.reopened} and its audit entry. Not API. Stateless and thread-safe.
 */
final class InboundThreads {
  private InboundThreads() {}

  /** The thread the engagement went to, and whether this step opened it. */
  record Taken(InboxThread thread, boolean opened) {}

  /**
   * Takes an inbound engagement at {@code at} into the thread of {@code key}.
   *
   * @param contactCreated whether the sender's contact was created in this resolution: its handle
   *     was new, so its thread rarely exists, and is inserted unless the key is taken instead of
   *     looked up and locked first, saving a round trip (decision 0102)
   */
  static Taken take(
      StoreTransaction tx,
      UUID contactId,
      boolean contactCreated,
      Channel channel,
      @Nullable String ref,
      String key,
      Instant at,
      Instant now) {
    InboxThread opened =
        new InboxThread(
                Ids.next(),
                tx.actor().orgId(),
                contactId,
                channel,
                ref,
                key,
                ThreadStatus.OPEN,
                null,
                null,
                null,
                at,
                0,
                now,
                now)
            .withInbound(at, now);
    boolean inserted = contactCreated && tx.inbox().insertThreadIfAbsent(opened);
    Optional<InboxThread> found =
        inserted ? Optional.empty() : tx.inbox().lockThreadByKey(channel, ref, key);
    InboxThread thread;
    String threadEvent = null;
    if (found.isEmpty()) {
      thread = opened;
      if (!inserted) {
        tx.inbox().insertThread(thread);
      }
      threadEvent = InboxEvents.THREAD_OPENED;
    } else {
      InboxThread before = found.get();
      thread = before.withInbound(at, now);
      tx.inbox().updateThread(thread);
      if (before.status() == ThreadStatus.CLOSED) {
        threadEvent = InboxEvents.THREAD_REOPENED;
      }
    }
    if (threadEvent != null) {
      Recorder.record(
          tx,
          now,
          new Recorder.Change(
              threadEvent,
              threadEvent.equals(InboxEvents.THREAD_OPENED)
                  ? InboxEvents.AUDIT_THREAD_OPEN
                  : InboxEvents.AUDIT_THREAD_REOPEN,
              "thread",
              thread.id().toString(),
              InboxSnapshots.payload(thread),
              found.map(InboxSnapshots::thread).orElse(null),
              InboxSnapshots.thread(thread)));
    }
    return new Taken(thread, found.isEmpty());
  }
}
