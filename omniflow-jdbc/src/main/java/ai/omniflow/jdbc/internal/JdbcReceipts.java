package ai.omniflow.jdbc.internal;

import ai.omniflow.inbox.IngestResult;
import ai.omniflow.store.spi.InboxRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

  static final String FIND_ALL =
      "select dedupe_key, contact_id, thread_id, message_id, touchpoint_id from"
          + " <schema>.ingest_receipts where org_id = :org and dedupe_key = any(:dedupe_keys)";

  private final JdbcContext tx;

  JdbcReceipts(JdbcContext tx) {
    this.tx = tx;
  }

  void insert(String dedupeKey, IngestResult r, Instant receivedAt) {
    Objects.requireNonNull(dedupeKey, "dedupeKey");
    Objects.requireNonNull(r, "r");
    tx.requireOpen();
    // A unique violation is how a concurrent ingest of the same event shows. In a strict
    // transaction the row is kept back and written with the others in one round trip before the
    // commit, which the violation then fails (decision 0095); else at once, in a savepoint.
    if (tx.keepsBack()) {
      tx.append(
          "ingest_receipts.insert",
          INSERT,
          s ->
              s.bind("org", tx.org())
                  .bind("dedupe_key", dedupeKey)
                  .bindMethods(r)
                  .bind("received_at", receivedAt));
      return;
    }
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
    tx.flush();
    return tx.step(
        "ingest_receipts.find",
        () ->
            tx.select(FIND)
                .bind("org", tx.org())
                .bind("dedupe_key", dedupeKey)
                .map(
                    (rs, ctx) ->
                        new IngestResult(
                            Columns.nullableUuid(rs, "contact_id"),
                            Columns.nullableUuid(rs, "thread_id"),
                            Columns.nullableUuid(rs, "message_id"),
                            Columns.nullableUuid(rs, "touchpoint_id"),
                            false))
                .findOne());
  }

  Map<String, IngestResult> findAll(Collection<String> dedupeKeys) {
    if (dedupeKeys.size() > InboxRepository.MAX_RECEIPT_KEYS) {
      throw new IllegalArgumentException(
          "at most " + InboxRepository.MAX_RECEIPT_KEYS + " dedupe keys");
    }
    List<String> keys = new ArrayList<>(dedupeKeys.size());
    for (String key : dedupeKeys) {
      keys.add(Objects.requireNonNull(key, "key"));
    }
    if (keys.isEmpty()) {
      return Map.of();
    }
    tx.flush();
    List<Map.Entry<String, IngestResult>> rows =
        tx.step(
            "ingest_receipts.find",
            () ->
                tx.select(FIND_ALL)
                    .bind("org", tx.org())
                    .bindArray("dedupe_keys", String.class, keys)
                    .map(
                        (rs, ctx) ->
                            Map.entry(
                                rs.getString("dedupe_key"),
                                new IngestResult(
                                    Columns.nullableUuid(rs, "contact_id"),
                                    Columns.nullableUuid(rs, "thread_id"),
                                    Columns.nullableUuid(rs, "message_id"),
                                    Columns.nullableUuid(rs, "touchpoint_id"),
                                    false)))
                    .list());
    Map<String, IngestResult> found = new HashMap<>();
    for (Map.Entry<String, IngestResult> row : rows) {
      found.put(row.getKey(), row.getValue());
    }
    return found;
  }
}
