package ai.omniflow.jdbc;

import ai.omniflow.jdbc.internal.JdbcStoreEngine;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.Actor;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A {@link Store} over PostgreSQL. Each {@link #inTransaction} borrows one connection, opens one
 * transaction, scopes it to the actor's org with {@code select set_config('app.org_id', ?, true)}
 * and only then runs the work, so row-level security confines every statement to that org and the
 * connection returns to its pool carrying no org. Queries also name the org themselves (defense in
 * depth). The schema must have been created by {@link OmniFlowSchema#migrate}; the data source
 * should log in as the application role, which is neither superuser nor BYPASSRLS.
 *
 * <pre>{@code
 * Store store = JdbcStore.create(appDataSource, OmniFlowSchema.DEFAULT_SCHEMA);
 * Org org = store.inTransaction(actor, tx -> tx.orgs().current().orElseThrow());
 * }</pre>
 *
 * <p>Failures: whatever the work throws is rethrown unchanged after the rollback. A duplicate key
 * is an {@link ai.omniflow.OmniFlowException} {@code conflict}; an unreachable database is an
 * {@code unavailable} one; any other database failure is an {@link IllegalStateException} naming
 * the operation, SQLSTATE and constraint, never a value (no e-mail, hash or payload).
 *
 * <p>Thread-safe: one instance serves the whole application.
 */
public final class JdbcStore implements Store {
  private final JdbcStoreEngine engine;

  private JdbcStore(JdbcStoreEngine engine) {
    this.engine = engine;
  }

  /**
   * A store over {@code appDataSource}, whose tables are in {@code schema}.
   *
   * @param appDataSource connections as the application role; pooled or not
   * @param schema the schema {@link OmniFlowSchema#migrate} created, e.g. {@link
   *     OmniFlowSchema#DEFAULT_SCHEMA}
   * @throws NullPointerException if {@code appDataSource} is null
   * @throws IllegalArgumentException if {@code schema} is not a lower-case identifier
   */
  public static JdbcStore create(DataSource appDataSource, String schema) {
    return new JdbcStore(new JdbcStoreEngine(appDataSource, schema));
  }

  /**
   * {@inheritDoc}
   *
   * @throws ai.omniflow.OmniFlowException {@code unavailable} if no connection can be had or the
   *     commit fails for a retryable reason
   */
  @Override
  public <T> T inTransaction(Actor actor, TransactionWork<T> work) {
    return engine.inTransaction(actor, work, true);
  }

  /** As {@link Store#inStrictTransaction}: no savepoint around any statement. */
  @Override
  public <T> T inStrictTransaction(Actor actor, TransactionWork<T> work) {
    return engine.inTransaction(actor, work, false);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Read from {@code org_directory}, which holds org ids only and is the one table every org may
   * read whole (see docs/decisions/0002-row-level-security.md).
   */
  @Override
  public List<UUID> orgIds() {
    return engine.orgIds();
  }

  /**
   * {@inheritDoc}
   *
   * <p>Read from {@code webhook_deliveries} and {@code webhook_accounts}, the two tables besides
   * the org directory that cross tenants (V15, decision 0044); each call is its own transaction.
   */
  @Override
  public ai.omniflow.store.spi.WebhookInboxRepository webhookInbox() {
    return engine.webhookInbox();
  }
}
