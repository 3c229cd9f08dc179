package ai.omniflow.inbox.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.inbox.InboxErrors;
import ai.omniflow.inbox.InboxEvents;
import ai.omniflow.inbox.InboxThread;
import ai.omniflow.inbox.ThreadStatus;
import ai.omniflow.internal.Recorder;
import ai.omniflow.store.spi.Store;
import ai.omniflow.store.spi.StoreTransaction;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import java.time.Clock;
import java.util.Objects;
import java.util.UUID;

/**
 * Working a thread: assigning it, closing it and marking it read, each under the thread's lock with
 * its event and audit entry; a change that changes nothing writes nothing. {@link
 * ai.omniflow.inbox.InboxService} delegates to it; the Javadoc of its methods is the spec. Not API.
 * Thread-safe.
 */
public final class ThreadChanges {
  private final Store store;
  private final Clock clock;

  public ThreadChanges(Store store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** As {@link ai.omniflow.inbox.InboxService#assign}. */
  public InboxThread assign(Actor actor, UUID threadId, UUID userId) {
    Permission.INBOX_MANAGE.check(actor);
    Objects.requireNonNull(threadId, "threadId");
    Objects.requireNonNull(userId, "userId");
    return store.inTransaction(
        actor,
        tx -> {
          InboxThread before = InboxTx.require(tx.inbox().lockThread(threadId));
          if (tx.memberships().find(userId).isEmpty()) {
            throw OmniFlowException.invalidInput(
                InboxErrors.ASSIGNEE_NOT_MEMBER, "The assignee must be a member of the org.");
          }
          if (userId.equals(before.assigneeUserId())) {
            return before;
          }
          return change(
              tx,
              before,
              before.withAssignee(userId, clock.instant()),
              InboxEvents.THREAD_ASSIGNED,
              InboxEvents.AUDIT_THREAD_ASSIGN);
        });
  }

  /** As {@link ai.omniflow.inbox.InboxService#close}. */
  public InboxThread close(Actor actor, UUID threadId) {
    Permission.INBOX_MANAGE.check(actor);
    Objects.requireNonNull(threadId, "threadId");
    return store.inTransaction(
        actor,
        tx -> {
          InboxThread before = InboxTx.require(tx.inbox().lockThread(threadId));
          if (before.status() == ThreadStatus.CLOSED) {
            return before;
          }
          return change(
              tx,
              before,
              before.withStatus(ThreadStatus.CLOSED, clock.instant()),
              InboxEvents.THREAD_CLOSED,
              InboxEvents.AUDIT_THREAD_CLOSE);
        });
  }

  /** As {@link ai.omniflow.inbox.InboxService#markRead}. */
  public InboxThread markRead(Actor actor, UUID threadId) {
    Permission.INBOX_MANAGE.check(actor);
    Objects.requireNonNull(threadId, "threadId");
    return store.inTransaction(
        actor,
        tx -> {
          InboxThread before = InboxTx.require(tx.inbox().lockThread(threadId));
          if (before.unreadCount() == 0) {
            return before;
          }
          return change(
              tx,
              before,
              before.read(clock.instant()),
              InboxEvents.THREAD_READ,
              InboxEvents.AUDIT_THREAD_MARK_READ);
        });
  }

  private static InboxThread change(
      StoreTransaction tx, InboxThread before, InboxThread after, String event, String action) {
    tx.inbox().updateThread(after);
    Recorder.record(
        tx,
        after.updatedAt(),
        new Recorder.Change(
            event,
            action,
            "thread",
            after.id().toString(),
            InboxSnapshots.payload(after),
            InboxSnapshots.thread(before),
            InboxSnapshots.thread(after)));
    return after;
  }
}
