package ai.omniflow.inbox.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.inbox.Draft;
import ai.omniflow.inbox.InboxErrors;
import ai.omniflow.inbox.InboxEvents;
import ai.omniflow.inbox.InboxThread;
import ai.omniflow.internal.Ids;
import ai.omniflow.internal.Recorder;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Saving a reply draft on a thread, with its event and audit entry (without the text). {@link
 * ai.omniflow.inbox.InboxService#draft} delegates to it; its Javadoc is the spec. Not API.
 * Thread-safe.
 */
public final class Drafting {
  private final Store store;
  private final Clock clock;

  public Drafting(Store store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** As {@link ai.omniflow.inbox.InboxService#draft}. */
  public Draft draft(Actor actor, UUID threadId, @Nullable String text) {
    Permission.MESSAGES_SEND.check(actor);
    Objects.requireNonNull(threadId, "threadId");
    return store.inTransaction(
        actor,
        tx -> {
          InboxThread thread = InboxTx.require(tx.inbox().findThread(threadId));
          if (text == null || text.isBlank()) {
            throw OmniFlowException.invalidInput(
                InboxErrors.INVALID_DRAFT, "text is required and not blank.");
          }
          if (text.length() > Draft.MAX_TEXT) {
            throw OmniFlowException.invalidInput(
                InboxErrors.INVALID_DRAFT,
                "text must be at most " + Draft.MAX_TEXT + " characters.");
          }
          if (text.indexOf('\0') >= 0) {
            throw OmniFlowException.invalidInput(
                InboxErrors.INVALID_DRAFT, "text must not contain the NUL character (U+0000).");
          }
          Instant now = clock.instant();
          Draft d =
              Draft.of(Ids.next(), tx.actor().orgId(), thread.id(), text, tx.actor().userId(), now);
          tx.inbox().insertDraft(d);
          Map<String, @Nullable Object> p = InboxSnapshots.payload(thread);
          p.put("draft_id", d.id().toString());
          p.put("author_user_id", d.authorUserId() == null ? null : d.authorUserId().toString());
          Recorder.record(
              tx,
              now,
              new Recorder.Change(
                  InboxEvents.DRAFT_CREATED,
                  InboxEvents.AUDIT_DRAFT_CREATE,
                  "draft",
                  d.id().toString(),
                  p,
                  null,
                  p));
          return d;
        });
  }
}
