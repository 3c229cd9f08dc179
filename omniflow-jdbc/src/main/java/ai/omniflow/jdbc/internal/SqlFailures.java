package ai.omniflow.jdbc.internal;

import ai.omniflow.OmniFlowException;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.JdbiException;
import org.jspecify.annotations.Nullable;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Turns database failures into exceptions that say what went wrong without carrying any value:
 * PostgreSQL's messages and details, and Jdbi's (which list the bound arguments), can hold e-mail
 * addresses, hashes or payloads, so they are never copied. Only the operation, the SQLSTATE and the
 * names of the constraint, table and column survive, and the original exception is not attached.
 */
public final class SqlFailures {
  /** Unique constraints and the conflict each means in the Store SPI. */
  private static final Map<String, String[]> CONFLICTS =
      Map.ofEntries(
          Map.entry(
              "connector_accounts_pkey",
              new String[] {"connector_account_exists", "The connector account exists already."}),
          Map.entry(
              "connector_accounts_ref_key",
              new String[] {"connector_account_exists", "The account ref is taken."}),
          Map.entry(
              "connector_accounts_external_key",
              new String[] {
                "connector_account_exists", "The org has connected that account already."
              }),
          Map.entry(
              "oauth_states_pkey",
              new String[] {"oauth_state_exists", "The OAuth state exists already."}),
          Map.entry(
              "contacts_pkey", new String[] {"contact_exists", "The contact exists already."}),
          Map.entry(
              "contact_identities_value_key",
              new String[] {
                "identity_exists", "The org has an identity of that kind and value already."
              }),
          Map.entry(
              "contact_identities_pkey",
              new String[] {
                "identity_exists", "The org has an identity of that kind and value already."
              }),
          Map.entry(
              "contact_merges_pkey",
              new String[] {"contact_merge_exists", "The contact merge exists already."}),
          Map.entry(
              "ingest_receipts_pkey",
              new String[] {
                "ingest_exists", "The org has ingested an event with that dedupe key already."
              }),
          Map.entry(
              "inbox_threads_pkey", new String[] {"thread_exists", "The thread exists already."}),
          Map.entry(
              "inbox_threads_key", new String[] {"thread_exists", "The thread exists already."}),
          Map.entry(
              "inbox_messages_pkey",
              new String[] {"message_exists", "The message exists already."}),
          Map.entry(
              "touchpoints_pkey",
              new String[] {"touchpoint_exists", "The touchpoint exists already."}),
          Map.entry("leads_pkey", new String[] {"lead_exists", "The lead exists already."}),
          Map.entry(
              "leads_open_contact_key",
              new String[] {"open_lead_exists", "The contact has an open lead already."}),
          Map.entry(
              "lead_scores_pkey",
              new String[] {"lead_score_exists", "The score history entry exists already."}),
          Map.entry(
              "lead_model_runs_pkey",
              new String[] {
                "model_run_exists", "The org has a model run with that version already."
              }),
          Map.entry("orgs_pkey", new String[] {"org_exists", "The org exists already."}),
          Map.entry(
              "users_pkey", new String[] {"user_exists", "A user with that id or e-mail exists."}),
          Map.entry(
              "users_org_email_key",
              new String[] {"user_exists", "A user with that id or e-mail exists in the org."}),
          Map.entry(
              "memberships_pkey", new String[] {"member_exists", "The user is a member already."}),
          Map.entry(
              "api_keys_pkey", new String[] {"api_key_exists", "The API key exists already."}),
          Map.entry(
              "api_keys_secret_hash_key",
              new String[] {"api_key_exists", "An API key with that hash exists already."}),
          Map.entry(
              "events_id_key",
              new String[] {"event_exists", "An event with that id exists already."}),
          Map.entry(
              "audit_log_id_key",
              new String[] {"audit_entry_exists", "An audit entry with that id exists already."}));

  /** Conflicts that mean a concurrent writer won a race; {@link OmniFlowException#isRetryable}. */
  private static final java.util.Set<String> RACES =
      java.util.Set.of("identity_exists", "ingest_exists", "thread_exists", "open_lead_exists");

  private SqlFailures() {}

  /**
   * The exception to throw for {@code failure}, which happened while doing {@code operation}.
   *
   * @param operation what the store was doing, e.g. {@code events.append}
   */
  public static RuntimeException translate(String operation, Throwable failure) {
    Objects.requireNonNull(operation, "operation");
    SQLException sql = find(failure);
    if (sql == null) {
      if (failure instanceof ConnectionException) {
        return OmniFlowException.unavailable(
            "store_unavailable",
            "The database could not be reached while doing " + operation + ".");
      }
      String kind = failure instanceof JdbiException ? "database access" : "store";
      return new IllegalStateException(
          "The "
              + kind
              + " failed while doing "
              + operation
              + " ("
              + failure.getClass().getName()
              + ").");
    }
    String state = sql.getSQLState() == null ? "" : sql.getSQLState();
    ServerErrorMessage server = sql instanceof PSQLException p ? p.getServerErrorMessage() : null;
    String constraint = server == null ? null : server.getConstraint();
    if ("23505".equals(state)) {
      String[] conflict = constraint == null ? null : CONFLICTS.get(constraint);
      if (conflict != null) {
        // A clash on a key two writers race for is retryable: running again sees the winner's row.
        return RACES.contains(conflict[0])
            ? OmniFlowException.race(conflict[0], conflict[1])
            : OmniFlowException.conflict(conflict[0], conflict[1]);
      }
      return OmniFlowException.conflict(
          "conflict", "A row with the same key exists already" + where(server) + ".");
    }
    if ("23503".equals(state) && "memberships_user_id_fkey".equals(constraint)) {
      return OmniFlowException.notFound("The user");
    }
    if ("23503".equals(state) && "connector_tokens_account_id_fkey".equals(constraint)) {
      return OmniFlowException.notFound("The connector account");
    }
    if ("23503".equals(state) && "memberships_org_id_fkey".equals(constraint)) {
      return OmniFlowException.notFound("The org");
    }
    if (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P")) {
      return OmniFlowException.unavailable(
          "store_unavailable",
          "The database is unavailable (SQLSTATE " + state + ") while doing " + operation + ".");
    }
    if ("40001".equals(state) || "40P01".equals(state)) {
      return new OmniFlowException(
          OmniFlowException.Kind.UNAVAILABLE,
          "store_busy",
          "The database gave up on the transaction (SQLSTATE "
              + state
              + ", serialization failure or deadlock) while doing "
              + operation
              + "; it may be retried.",
          true);
    }
    if ("42501".equals(state) && server != null && server.getMessage() != null) {
      // Privilege and row-level security refusals name objects, never values; ours say what to do.
      return new IllegalStateException(
          "The database refused "
              + operation
              + ": "
              + server.getMessage()
              + " (SQLSTATE "
              + state
              + where(server)
              + ").");
    }
    return new IllegalStateException(
        "The database refused " + operation + " (SQLSTATE " + state + where(server) + ").");
  }

  private static String where(@Nullable ServerErrorMessage server) {
    if (server == null) {
      return "";
    }
    StringBuilder s = new StringBuilder();
    append(s, "table", server.getTable());
    append(s, "column", server.getColumn());
    append(s, "constraint", server.getConstraint());
    return s.toString();
  }

  private static void append(StringBuilder s, String label, @Nullable String name) {
    if (name != null && !name.isEmpty()) {
      s.append(", ").append(label).append(' ').append(name);
    }
  }

  private static @Nullable SQLException find(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException e) {
        return e;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}
