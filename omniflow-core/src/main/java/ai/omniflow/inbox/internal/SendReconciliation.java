package ai.omniflow.inbox.internal;

import ai.omniflow.inbox.Draft;
import ai.omniflow.inbox.DraftStatus;
import ai.omniflow.inbox.InboxEvents;
import ai.omniflow.inbox.InboxService;
import ai.omniflow.internal.Recorder;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Resolves send claims left behind by a send that crashed or timed out between claiming a draft and
 * recording the provider's answer ({@link Sending}): never by sending again, but by marking the
 * draft's outcome unknown for a person to check. {@link
 * ai.omniflow.inbox.InboxService#reconcileSends} delegates to it; its Javadoc is the spec. Not API.
 * Thread-safe.
 */
public final class SendReconciliation {
  private final Store store;
  private final Clock clock;

  public SendReconciliation(Store store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** As {@link InboxService#reconcileSends}. */
  public int reconcileSends(Actor actor, Duration olderThan) {
    Permission.MESSAGES_SEND.check(actor);
    Objects.requireNonNull(olderThan, "olderThan");
    if (olderThan.isNegative() || olderThan.compareTo(Duration.ofDays(1)) > 0) {
      throw new IllegalArgumentException("olderThan must be 0 to 24 hours");
    }
    Instant now = clock.instant();
    return store.inTransaction(
        actor,
        tx -> {
          int resolved = 0;
          for (Draft stale :
              tx.inbox().staleDraftClaims(now.minus(olderThan), InboxService.RECONCILE_BATCH)) {
            Draft locked = tx.inbox().lockDraft(stale.id()).orElse(null);
            if (locked == null || locked.status() != DraftStatus.SENDING) {
              continue;
            }
            Draft unknown =
                locked.withState(DraftStatus.UNKNOWN, locked.claimedAt(), "send_outcome_unknown");
            tx.inbox().updateDraftState(unknown);
            Map<String, @Nullable Object> p = new LinkedHashMap<>();
            p.put("draft_id", unknown.id().toString());
            p.put("thread_id", unknown.threadId().toString());
            p.put("claimed_at", String.valueOf(unknown.claimedAt()));
            p.put("status", unknown.status().wireName());
            Recorder.record(
                tx,
                now,
                new Recorder.Change(
                    InboxEvents.DRAFT_SEND_UNKNOWN,
                    InboxEvents.AUDIT_DRAFT_RECONCILE,
                    "draft",
                    unknown.id().toString(),
                    p,
                    null,
                    p));
            resolved++;
          }
          return resolved;
        });
  }
}
