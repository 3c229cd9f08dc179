package ai.omniflow.inbox.internal;

import ai.omniflow.Page;
import ai.omniflow.PageRequest;
import ai.omniflow.inbox.InboxThread;
import ai.omniflow.inbox.Message;
import ai.omniflow.inbox.ThreadFilter;
import ai.omniflow.inbox.Touchpoint;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The inbox's reads: a thread, the org's threads, a thread's messages and a contact's touchpoints,
 * each in one read-only transaction. {@link ai.omniflow.inbox.InboxService} delegates to it; the
 * Javadoc of its methods is the spec. Not API. Thread-safe.
 */
public final class InboxQueries {
  private final Store store;

  public InboxQueries(Store store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /** As {@link ai.omniflow.inbox.InboxService#thread}. */
  public InboxThread thread(Actor actor, UUID threadId) {
    Permission.INBOX_READ.check(actor);
    Objects.requireNonNull(threadId, "threadId");
    return store.inTransaction(actor, tx -> InboxTx.require(tx.inbox().findThread(threadId)));
  }

  /** As {@link ai.omniflow.inbox.InboxService#threads}. */
  public Page<InboxThread> threads(Actor actor, ThreadFilter filter, PageRequest page) {
    Permission.INBOX_READ.check(actor);
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(page, "page");
    return store.inTransaction(actor, tx -> tx.inbox().threads(filter, page));
  }

  /** As {@link ai.omniflow.inbox.InboxService#messages}. */
  public Page<Message> messages(Actor actor, UUID threadId, PageRequest page) {
    Permission.INBOX_READ.check(actor);
    Objects.requireNonNull(threadId, "threadId");
    Objects.requireNonNull(page, "page");
    return store.inTransaction(
        actor,
        tx -> {
          InboxTx.require(tx.inbox().findThread(threadId));
          return tx.inbox().messages(threadId, page);
        });
  }

  /** As {@link ai.omniflow.inbox.InboxService#touchpoints}. */
  public List<Touchpoint> touchpoints(Actor actor, UUID contactId) {
    Permission.INBOX_READ.check(actor);
    Objects.requireNonNull(contactId, "contactId");
    return store.inTransaction(
        actor,
        tx -> {
          InboxTx.requireContact(tx, contactId);
          return tx.inbox().touchpoints(contactId);
        });
  }
}
