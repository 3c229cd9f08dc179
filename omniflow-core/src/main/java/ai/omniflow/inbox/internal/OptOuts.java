package ai.omniflow.inbox.internal;

import ai.omniflow.inbox.InboxEvents;
import ai.omniflow.internal.Recorder;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A contact's opt-out from being messaged: recording it, with its event and audit entry, and
 * reading it. {@link Sending} refuses every reply to a contact who opted out. {@link
 * ai.omniflow.inbox.InboxService} delegates to it; the Javadoc of its methods is the spec. Not API.
 * Thread-safe.
 */
public final class OptOuts {
  private final Store store;
  private final Clock clock;

  public OptOuts(Store store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** As {@link ai.omniflow.inbox.InboxService#optOut}. */
  public void optOut(Actor actor, UUID contactId) {
    Permission.CONTACTS_WRITE.check(actor);
    Objects.requireNonNull(contactId, "contactId");
    store.useTransaction(
        actor,
        tx -> {
          InboxTx.requireContact(tx, contactId);
          if (tx.inbox().isOptedOut(contactId)) {
            return;
          }
          Instant now = clock.instant();
          tx.inbox().markOptedOut(contactId, now);
          Map<String, @Nullable Object> p = new LinkedHashMap<>();
          p.put("contact_id", contactId.toString());
          p.put("opted_out_at", now.toString());
          Recorder.record(
              tx,
              now,
              new Recorder.Change(
                  InboxEvents.CONTACT_OPTED_OUT,
                  InboxEvents.AUDIT_CONTACT_OPT_OUT,
                  "contact",
                  contactId.toString(),
                  p,
                  null,
                  p));
        });
  }

  /** As {@link ai.omniflow.inbox.InboxService#isOptedOut}. */
  public boolean isOptedOut(Actor actor, UUID contactId) {
    Permission.INBOX_READ.check(actor);
    Objects.requireNonNull(contactId, "contactId");
    return store.inTransaction(
        actor,
        tx -> {
          InboxTx.requireContact(tx, contactId);
          return tx.inbox().isOptedOut(contactId);
        });
  }
}
