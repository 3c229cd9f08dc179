package ai.omniflow.jdbc.internal;

import ai.omniflow.tenancy.Org;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.Update;
import org.jspecify.annotations.Nullable;

/**
 * What every repository of one open JDBC transaction shares: the Jdbi handle, the transaction's
 * org, the JSON codec, the savepoint counter and the org as read in it. Every repository also
 * filters by that org itself, so the SQL is right even where row-level security is off (a
 * developer's superuser session, a misconfigured role): defense in depth. Not thread-safe.
 */
final class JdbcContext {
  private final Handle handle;
  private final String schema;
  private final UUID org;
  private final JsonCodec json;
  private final boolean recoverable;
  private boolean open = true;
  private boolean failed;
  private int savepoints;
  private @Nullable Org currentOrg;
  private final Map<String, PreparedBatch> deferred = new LinkedHashMap<>();
  private final Map<String, String> deferredOperations = new HashMap<>();
  private final Map<String, String> deferredTables = new HashMap<>();
  private final Map<String, Supplier<? extends RuntimeException>> deferredChecks = new HashMap<>();

  /**
   * @param recoverable whether a refused statement leaves the transaction usable (a savepoint
   *     around each {@link #guarded} step); false for {@link
   *     ai.omniflow.store.spi.Store#inStrictTransaction}, where the first failure ends it
   */
  JdbcContext(Handle handle, String schema, UUID org, JsonCodec json, boolean recoverable) {
    this.handle = handle;
    this.schema = schema;
    this.org = org;
    this.json = json;
    this.recoverable = recoverable;
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
    if (failed) {
      throw new IllegalStateException("a statement of this strict transaction failed before");
    }
  }

  /**
   * The transaction's org as read before in it, if it was: its row changes only through {@link
   * JdbcOrgs}, which keeps this up to date.
   */
  @Nullable Org currentOrg() {
    return currentOrg;
  }

  void currentOrg(@Nullable Org org) {
    this.currentOrg = org;
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
    } catch (JdbiException | DirectSql.Failed e) {
      failed = !recoverable;
      throw SqlFailures.translate(operation, e);
    } catch (RuntimeException e) {
      failed = !recoverable;
      throw e;
    }
  }

  /**
   * Runs a step inside a savepoint, so that a refused statement (say, a foreign key) leaves the
   * transaction usable, as it is in the in-memory store.
   */
  <T> T guarded(String operation, Supplier<T> body) {
    if (!recoverable) {
      return step(operation, body);
    }
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

  /**
   * Appends one row with {@code statement} (an insert no later statement of the transaction reads,
   * such as an event or an audit entry): at once in a recoverable transaction; in a strict one,
   * into a batch written in one round trip by {@link #flush}, before the commit or a read of the
   * same table (decision 0076).
   */
  void append(String operation, String statement, Consumer<SqlStatement<?>> binds) {
    append(operation, statement, binds, null);
  }

  /**
   * As {@link #append(String, String, Consumer)}, for an insert that writes no row when what it
   * needs is missing (an {@code insert ... select ... where exists}): {@code ifNoRow} is thrown
   * then, at once or by {@link #flush}. A strict transaction reads the table it writes again only
   * after the rows kept back for it are written: {@link #select} and {@link #change} write them
   * first when their statement names it (decision 0095).
   */
  void append(
      String operation,
      String statement,
      Consumer<SqlStatement<?>> binds,
      @Nullable Supplier<? extends RuntimeException> ifNoRow) {
    if (recoverable) {
      int rows =
          step(
              operation,
              () -> {
                Update update = change(statement);
                binds.accept(update);
                return update.execute();
              });
      if (rows == 0 && ifNoRow != null) {
        throw ifNoRow.get();
      }
      return;
    }
    requireOpen();
    PreparedBatch batch = deferred.get(statement);
    if (batch == null) {
      batch = handle.prepareBatch(statement);
      deferred.put(statement, batch);
      deferredOperations.put(statement, operation);
      deferredTables.put(statement, table(statement));
      if (ifNoRow != null) {
        deferredChecks.put(statement, ifNoRow);
      }
    }
    binds.accept(batch);
    batch.add();
  }

  /** The {@code <schema>.table} an {@code insert into} statement writes. */
  private static String table(String statement) {
    int from = statement.indexOf("<schema>.");
    if (!statement.startsWith("insert into ") || from < 0) {
      throw new IllegalArgumentException("only an insert into a table of the schema is kept back");
    }
    int to = from + "<schema>.".length();
    while (to < statement.length()
        && (Character.isLetterOrDigit(statement.charAt(to)) || statement.charAt(to) == '_')) {
      to++;
    }
    return statement.substring(from, to);
  }

  /** Writes the rows kept back first if {@code statement} names a table they go to. */
  private void flushFor(String statement) {
    if (deferred.isEmpty()) {
      return;
    }
    for (String table : deferredTables.values()) {
      if (statement.contains(table)) {
        flush();
        return;
      }
    }
  }

  /** Whether {@link #append} keeps rows back to {@link #flush}: in a strict transaction. */
  boolean keepsBack() {
    return !recoverable;
  }

  /** Writes the rows {@link #append} keeps back; nothing in a recoverable transaction. */
  void flush() {
    if (deferred.isEmpty()) {
      return;
    }
    List<Map.Entry<String, PreparedBatch>> batches = List.copyOf(deferred.entrySet());
    Map<String, Supplier<? extends RuntimeException>> checks = Map.copyOf(deferredChecks);
    deferred.clear();
    deferredTables.clear();
    deferredChecks.clear();
    for (Map.Entry<String, PreparedBatch> b : batches) {
      Supplier<? extends RuntimeException> ifNoRow = checks.get(b.getKey());
      step(
          deferredOperations.get(b.getKey()),
          () -> {
            int[] rows = b.getValue().execute();
            for (int r : rows) {
              if (r == 0 && ifNoRow != null) {
                throw ifNoRow.get();
              }
            }
            return rows;
          });
    }
  }

  /** A statement that changes rows; {@code <schema>} in it names the store's schema. */
  Update change(String statement) {
    flushFor(statement);
    return handle.createUpdate(statement);
  }

  /** A query; {@code <schema>} in it names the store's schema. */
  Query select(String statement) {
    flushFor(statement);
    return handle.createQuery(statement);
  }

  /**
   * A call of {@code statement} on the transaction's connection, without Jdbi (decision 0110),
   * after the rows kept back for a table it names are written.
   */
  DirectSql.Call direct(DirectSql statement) {
    flushFor(statement.named());
    return statement.on(handle.getConnection(), schema);
  }

  /** The number {@code statement}, whose one parameter is {@code :org}, counts. */
  long count(String statement) {
    return select(statement).bind("org", org).mapTo(Long.class).one();
  }
}
