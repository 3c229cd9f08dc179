package ai.omniflow.store;

import ai.omniflow.store.internal.InMemoryTables;
import ai.omniflow.store.internal.InMemoryTransaction;
import ai.omniflow.store.internal.InMemoryWebhookInbox;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.Actor;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link Store} that keeps everything in memory: for tests, demos and hosts that persist
 * elsewhere. Transactions are serialized by one lock; a failed transaction is undone step by step
 * from its undo log, so it leaves nothing behind. Tenant isolation is enforced the same way the
 * JDBC store's row-level security does it: every read and write is filtered by the transaction's
 * org.
 *
 * <pre>{@code
 * OmniFlow omniFlow = OmniFlow.builder().store(new InMemoryStore()).build();
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class InMemoryStore implements Store {
  private final ReentrantLock lock = new ReentrantLock();
  private final InMemoryTables tables = new InMemoryTables();
  private final InMemoryWebhookInbox webhookInbox = new InMemoryWebhookInbox(lock, tables);

  @Override
  public <T> T inTransaction(Actor actor, TransactionWork<T> work) {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(work, "work");
    lock.lock();
    try {
      InMemoryTransaction tx = new InMemoryTransaction(tables, actor);
      try {
        T result = work.run(tx);
        tx.close();
        return result;
      } catch (RuntimeException | Error e) {
        tx.close();
        tx.rollback();
        throw e;
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<UUID> orgIds() {
    lock.lock();
    try {
      return tables.orgIds();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public ai.omniflow.store.spi.WebhookInboxRepository webhookInbox() {
    return webhookInbox;
  }
}
