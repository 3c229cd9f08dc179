package ai.omniflow.jdbc.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.connectors.ConnectorErrors;
import ai.omniflow.contacts.ContactErrors;
import ai.omniflow.inbox.InboxErrors;
import ai.omniflow.leads.LeadErrors;
import ai.omniflow.sla.SlaErrors;
import ai.omniflow.store.StoreErrors;
import ai.omniflow.tenancy.TenancyErrors;
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
              new String[] {
                ConnectorErrors.CONNECTOR_ACCOUNT_EXISTS, "The connector account exists already."
              }),
          Map.entry(
              "connector_accounts_ref_key",
              new String[] {ConnectorErrors.CONNECTOR_ACCOUNT_EXISTS, "The account ref is taken."}),
          Map.entry(
              "connector_accounts_external_key",
              new String[] {
                ConnectorErrors.CONNECTOR_ACCOUNT_EXISTS,
                "The org has connected that account already."
              }),
          Map.entry(
              "sla_calendars_pkey",
              new String[] {SlaErrors.SLA_CALENDAR_EXISTS, "The calendar exists already."}),
          Map.entry(
              "sla_calendars_one_per_scope",
              new String[] {
                SlaErrors.SLA_CALENDAR_SCOPE_TAKEN, "scope: another calendar of the org has it."
              }),
          Map.entry(
              "oauth_states_pkey",
              new String[] {ConnectorErrors.OAUTH_STATE_EXISTS, "The OAuth state exists already."}),
          Map.entry(
              "contacts_pkey",
              new String[] {ContactErrors.CONTACT_EXISTS, "The contact exists already."}),
          Map.entry(
              "contact_identities_value_key",
              new String[] {
                ContactErrors.IDENTITY_EXISTS,
                "The org has an identity of that kind and value already."
              }),
          Map.entry(
              "contact_identities_pkey",
              new String[] {
                ContactErrors.IDENTITY_EXISTS,
                "The org has an identity of that kind and value already."
              }),
          Map.entry(
              "contact_merges_pkey",
              new String[] {
                ContactErrors.CONTACT_MERGE_EXISTS, "The contact merge exists already."
              }),
          Map.entry(
              "ingest_receipts_pkey",
              new String[] {
                InboxErrors.INGEST_EXISTS,
                "The org has ingested an event with that dedupe key already."
              }),
          Map.entry(
              "inbox_threads_pkey",
              new String[] {InboxErrors.THREAD_EXISTS, "The thread exists already."}),
          Map.entry(
              "inbox_threads_key",
              new String[] {InboxErrors.THREAD_EXISTS, "The thread exists already."}),
          Map.entry(
              "inbox_messages_pkey",
              new String[] {InboxErrors.MESSAGE_EXISTS, "The message exists already."}),
          Map.entry(
              "touchpoints_pkey",
              new String[] {InboxErrors.TOUCHPOINT_EXISTS, "The touchpoint exists already."}),
          Map.entry(
              "external_touchpoints_pkey",
              new String[] {
                ai.omniflow.attribution.AttributionErrors.TOUCHPOINT_EXISTS,
                "The touchpoint exists already."
              }),
          Map.entry(
              "leads_pkey", new String[] {LeadErrors.LEAD_EXISTS, "The lead exists already."}),
          Map.entry(
              "leads_open_contact_key",
              new String[] {LeadErrors.OPEN_LEAD_EXISTS, "The contact has an open lead already."}),
          Map.entry(
              "lead_scores_pkey",
              new String[] {
                LeadErrors.LEAD_SCORE_EXISTS, "The score history entry exists already."
              }),
          Map.entry(
              "lead_model_runs_pkey",
              new String[] {
                LeadErrors.MODEL_RUN_EXISTS, "The org has a model run with that version already."
              }),
          Map.entry(
              "tasks_pkey",
              new String[] {ai.omniflow.tasks.TaskErrors.TASK_EXISTS, "The task exists already."}),
          Map.entry(
              "nurture_enrollments_pkey",
              new String[] {
                ai.omniflow.nurture.NurtureErrors.ENROLLMENT_EXISTS,
                "The enrollment exists already."
              }),
          Map.entry(
              "orgs_pkey", new String[] {TenancyErrors.ORG_EXISTS, "The org exists already."}),
          Map.entry(
              "users_pkey",
              new String[] {TenancyErrors.USER_EXISTS, "A user with that id or e-mail exists."}),
          Map.entry(
              "users_org_email_key",
              new String[] {
                TenancyErrors.USER_EXISTS, "A user with that id or e-mail exists in the org."
              }),
          Map.entry(
              "memberships_pkey",
              new String[] {TenancyErrors.MEMBER_EXISTS, "The user is a member already."}),
          Map.entry(
              "api_keys_pkey",
              new String[] {TenancyErrors.API_KEY_EXISTS, "The API key exists already."}),
          Map.entry(
              "api_keys_secret_hash_key",
              new String[] {
                TenancyErrors.API_KEY_EXISTS, "An API key with that hash exists already."
              }),
          Map.entry(
              "events_id_key",
              new String[] {StoreErrors.EVENT_EXISTS, "An event with that id exists already."}),
          Map.entry(
              "audit_log_id_key",
              new String[] {
                StoreErrors.AUDIT_ENTRY_EXISTS, "An audit entry with that id exists already."
              }));

  /** Conflicts that mean a concurrent writer won a race; {@link OmniFlowException#isRetryable}. */
  private static final java.util.Set<String> RACES =
      java.util.Set.of(
          ContactErrors.IDENTITY_EXISTS,
          InboxErrors.INGEST_EXISTS,
          InboxErrors.THREAD_EXISTS,
          LeadErrors.OPEN_LEAD_EXISTS);

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
            StoreErrors.STORE_UNAVAILABLE,
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
          StoreErrors.STORE_UNAVAILABLE,
          "The database is unavailable (SQLSTATE " + state + ") while doing " + operation + ".");
    }
    if ("40001".equals(state) || "40P01".equals(state)) {
      return new OmniFlowException(
          OmniFlowException.Kind.UNAVAILABLE,
          StoreErrors.STORE_BUSY,
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
      if (t instanceof java.sql.BatchUpdateException b && b.getNextException() != null) {
        // A batch (rows kept back to the commit: decisions 0076, 0095) names the row's own failure
        // next, with its SQLSTATE and constraint.
        return b.getNextException();
      }
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
