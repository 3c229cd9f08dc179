package ai.omniflow.jdbc.internal;

import java.util.UUID;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.Update;

/**
 * What every repository of one open JDBC transaction shares: the Jdbi handle, the transaction's
 * org, the JSON codec and the savepoint counter. Every repository also filters by that org itself,
 * so the SQL is right even where row-level security is off (a developer's superuser session, a
 * misconfigured role): defense in depth. Not thread-safe.
 */
final class JdbcContext {
  private final Handle handle;
  private final UUID org;
  private final JsonCodec json;
  private boolean open = true;
  private int savepoints;

  JdbcContext(Handle handle, UUID org, JsonCodec json) {
    this.handle = handle;
    this.org = org;
    this.json = json;
  }

  UUID org() {
    return org;
  }

  JsonCodec json() {
    return json;
  }

  void close() {
    open = false;
  }

  void requireOpen() {
    if (!open) {
      throw new IllegalStateException("the transaction has ended");
    }
  }

  void requireOrg(UUID rowOrg, String what) {
    requireOpen();
    if (!org.equals(rowOrg)) {
      throw new IllegalArgumentException(what + " belongs to another org than the transaction");
    }
  }

  /** Runs one database step, turning its failures into value-free exceptions. */
  <T> T step(String operation, Supplier<T> body) {
    requireOpen();
    try {
      return body.get();
    } catch (JdbiException e) {
      throw SqlFailures.translate(operation, e);
    }
  }

  /**
   * Runs a step inside a savepoint, so that a refused statement (say, a foreign key) leaves the
   * transaction usable, as it is in the in-memory store.
   */
  <T> T guarded(String operation, Supplier<T> body) {
    return step(
        operation,
        () -> {
          String name = "omniflow_step_" + (++savepoints);
          handle.savepoint(name);
          T result;
          try {
            result = body.get();
          } catch (RuntimeException e) {
            handle.rollbackToSavepoint(name);
            throw e;
          }
          handle.releaseSavepoint(name);
          return result;
        });
  }

  /** A statement that changes rows; {@code <schema>} in it names the store's schema. */
  Update change(String statement) {
    return handle.createUpdate(statement);
  }

  /** A query; {@code <schema>} in it names the store's schema. */
  Query select(String statement) {
    return handle.createQuery(statement);
  }

  /** The number {@code statement}, whose one parameter is {@code :org}, counts. */
  long count(String statement) {
    return select(statement).bind("org", org).mapTo(Long.class).one();
  }
}
