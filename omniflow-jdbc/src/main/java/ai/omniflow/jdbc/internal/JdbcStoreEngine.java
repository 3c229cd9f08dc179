package ai.omniflow.jdbc.internal;

import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.Actor;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.postgres.PostgresPlugin;

/**
 * Runs store transactions over Jdbi: one handle and one transaction per call, the org set first
 * with a transaction-local {@code set_config}, so the connection goes back to its pool carrying no
 * tenant. Thread-safe.
 */
public final class JdbcStoreEngine {
  /** The transaction's org for row-level security; run on every transaction (decision 0110). */
  private static final DirectSql SET_ORG =
      DirectSql.of("select set_config('app.org_id', :org, true)");

  private static final String ORG_DIRECTORY =
      "select org_id from <schema>.org_directory order by created_at, org_id";

  private final Jdbi jdbi;
  private final String schema;
  private final JsonCodec json = new JsonCodec();
  private final JdbcWebhookInbox webhookInbox;

  public JdbcStoreEngine(DataSource dataSource, String schema) {
    Objects.requireNonNull(dataSource, "dataSource");
    this.schema = SqlNames.require("schema", schema);
    this.jdbi =
        JdbiTypes.install(
            Jdbi.create(dataSource).installPlugin(new PostgresPlugin()), schema, json);
    this.webhookInbox = new JdbcWebhookInbox(jdbi, json);
  }

  /** The stored webhook deliveries and the account directory, outside any tenant scope. */
  public JdbcWebhookInbox webhookInbox() {
    return webhookInbox;
  }

  /**
   * Runs {@code work} in one transaction of the actor's org; {@code savepoints} false runs every
   * statement without one ({@link Store#inStrictTransaction}).
   */
  public <T> T inTransaction(Actor actor, Store.TransactionWork<T> work, boolean savepoints) {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(work, "work");
    Handle handle = open();
    try {
      begin(handle, actor);
      JdbcTransaction tx = new JdbcTransaction(handle, schema, actor, json, savepoints);
      T result;
      try {
        result = work.run(tx);
        tx.flush();
      } catch (RuntimeException | Error e) {
        tx.close();
        rollback(handle, e);
        throw e;
      }
      tx.close();
      commit(handle);
      return result;
    } finally {
      close(handle);
    }
  }

  /** Every org id, from the directory, outside any tenant scope. */
  public List<UUID> orgIds() {
    Handle handle = open();
    try {
      return handle.createQuery(ORG_DIRECTORY).mapTo(UUID.class).list();
    } catch (JdbiException e) {
      throw SqlFailures.translate("org_directory.list", e);
    } finally {
      close(handle);
    }
  }

  private Handle open() {
    try {
      return jdbi.open();
    } catch (JdbiException e) {
      throw SqlFailures.translate("opening a connection", e);
    }
  }

  private void begin(Handle handle, Actor actor) {
    try {
      handle.begin();
      SET_ORG
          .on(handle.getConnection(), schema)
          .text("org", actor.orgId().toString())
          .one(rs -> rs.getString(1));
    } catch (JdbiException | DirectSql.Failed e) {
      RuntimeException failure = SqlFailures.translate("beginning a transaction", e);
      rollback(handle, failure);
      throw failure;
    }
  }

  private static void commit(Handle handle) {
    try {
      handle.commit();
    } catch (JdbiException e) {
      RuntimeException failure = SqlFailures.translate("committing", e);
      rollback(handle, failure);
      throw failure;
    }
  }

  private static void rollback(Handle handle, Throwable cause) {
    try {
      if (handle.isInTransaction()) {
        handle.rollback();
      }
    } catch (RuntimeException e) {
      cause.addSuppressed(SqlFailures.translate("rolling back", e));
    }
  }

  private static void close(Handle handle) {
    try {
      handle.close();
    } catch (RuntimeException e) {
      // The transaction has ended one way or the other; a failing close only loses a connection.
    }
  }
}
