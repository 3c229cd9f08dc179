package ai.omniflow.store.spi;

import ai.omniflow.tenancy.Actor;

/**
 * Where OmniFlow keeps its rows. Every use case runs in one transaction scoped to one org: either
 * all it wrote commits — rows, events and audit entries together — or nothing does.
 *
 * <pre>{@code
 * Org org = store.inTransaction(actor, tx -> tx.orgs().current().orElseThrow());
 * }</pre>
 *
 * <p>Implementations must be thread-safe. Inside a transaction the repositories see and change only
 * the rows of {@code actor.orgId()}; rows of other orgs are invisible, as if absent.
 */
public interface Store {

  /**
   * Runs {@code work} in one transaction scoped to the actor's org. If {@code work} throws, every
   * change it made is rolled back and the exception is rethrown unchanged.
   *
   * @throws RuntimeException whatever {@code work} throws, after rolling back
   */
  <T> T inTransaction(Actor actor, TransactionWork<T> work);

  /**
   * Runs {@code work} as {@link #inTransaction} does, for work that never goes on after a
   * repository call failed: the first failure ends the transaction, and {@code work} lets it
   * propagate. A store may then skip the statement-level recovery that lets a transaction go on
   * after a refused statement (PostgreSQL: a savepoint around each write, two round trips each);
   * after a failure, any further call in the same transaction may throw {@link
   * IllegalStateException}. The default runs {@link #inTransaction}. Ingest uses it (decision
   * 0076).
   *
   * <pre>{@code
   * IngestResult r = store.inStrictTransaction(actor, tx -> ingestIn(tx, event));
   * }</pre>
   *
   * @throws RuntimeException whatever {@code work} throws, after rolling back
   */
  default <T> T inStrictTransaction(Actor actor, TransactionWork<T> work) {
    return inTransaction(actor, work);
  }

  /**
   * Runs {@code work}, which returns nothing, in one transaction scoped to the actor's org, exactly
   * as {@link #inTransaction} does.
   *
   * <pre>{@code
   * store.useTransaction(actor, tx -> tx.inbox().markOptedOut(contactId, now));
   * }</pre>
   *
   * @throws RuntimeException whatever {@code work} throws, after rolling back
   */
  default void useTransaction(Actor actor, VoidTransactionWork work) {
    java.util.Objects.requireNonNull(work, "work");
    inTransaction(
        actor,
        tx -> {
          work.run(tx);
          return null;
        });
  }

  /**
   * The id of every org, oldest first: the one thing that crosses tenants, for work that runs for
   * each org in turn (scheduled health checks). It reveals no other tenant data.
   */
  java.util.List<java.util.UUID> orgIds();

  /**
   * The stored webhook deliveries and the directory of platform accounts to orgs: the second thing
   * that crosses tenants, since a delivery's org is known only once it is parsed. Each of its
   * methods is a transaction of its own.
   *
   * @throws UnsupportedOperationException if this store keeps no webhook deliveries (the default,
   *     for stores written before it existed)
   */
  default WebhookInboxRepository webhookInbox() {
    throw new UnsupportedOperationException("this store keeps no webhook deliveries");
  }

  /** A use case's body. */
  @FunctionalInterface
  interface TransactionWork<T> {
    T run(StoreTransaction tx);
  }

  /** A use case's body that returns nothing; see {@link #useTransaction}. */
  @FunctionalInterface
  interface VoidTransactionWork {
    void run(StoreTransaction tx);
  }
}
