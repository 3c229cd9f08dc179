package ai.omniflow.jdbc.internal;

import ai.omniflow.inbox.IngestResult;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Ingest receipts for {@link JdbcInbox} (what an event's dedupe key produced, so a platform's retry
 * answers the same), with the SQL they run, kept apart so that no class passes 500 lines. The
 * receipt binds the {@link IngestResult} record by its accessors ({@code bindMethods}). Not
 * thread-safe.
 */
final class JdbcReceipts {
  static final String INSERT =
      "insert into <schema>.ingest_receipts (org_id, dedupe_key, contact_id, thread_id,"
          + " message_id, touchpoint_id, received_at) values (:org, :dedupe_key, :contactId,"
          + " :threadId, :messageId, :touchpointId, :received_at)";

  static final String FIND =
      "select contact_id, thread_id, message_id, touchpoint_id from <schema>.ingest_receipts"
          + " where org_id = :org and dedupe_key = :dedupe_key";

  private final JdbcContext tx;

  JdbcReceipts(JdbcContext tx) {
    this.tx = tx;
  }

  void insert(String dedupeKey, IngestResult r, Instant receivedAt) {
    Objects.requireNonNull(dedupeKey, "dedupeKey");
    Objects.requireNonNull(r, "r");
    tx.requireOpen();
    // A savepoint: a unique violation is how a concurrent ingest of the same event shows.
    tx.guarded(
        "ingest_receipts.insert",
        () ->
            tx.change(INSERT)
                .bind("org", tx.org())
                .bind("dedupe_key", dedupeKey)
                .bindMethods(r)
                .bind("received_at", receivedAt)
                .execute());
  }

  Optional<IngestResult> find(String dedupeKey) {
    Objects.requireNonNull(dedupeKey, "dedupeKey");
    return tx.step(
        "ingest_receipts.find",
        () ->
            tx.select(FIND)
                .bind("org", tx.org())
                .bind("dedupe_key", dedupeKey)
                .map(
                    (rs, ctx) ->
                        new IngestResult(
                            Columns.nullableUuid(rs, ctx, "contact_id"),
                            Columns.nullableUuid(rs, ctx, "thread_id"),
                            Columns.nullableUuid(rs, ctx, "message_id"),
                            Columns.nullableUuid(rs, ctx, "touchpoint_id"),
                            false))
                .findOne());
  }
}
