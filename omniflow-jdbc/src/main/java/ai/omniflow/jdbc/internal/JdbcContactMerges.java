package ai.omniflow.jdbc.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.contacts.ContactMerge;
import ai.omniflow.store.spi.ContactMergeRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The {@link ContactMergeRepository} of one JDBC transaction, with the SQL it runs. Not
 * thread-safe.
 */
final class JdbcContactMerges implements ContactMergeRepository {
  static final String MERGE_INSERT =
      "insert into <schema>.contact_merges (id, org_id, survivor_id, merged_id, "
          + "moved_identity_ids, reason, automatic, merged_at, merged_by_user_id, "
          + "unmerged_at) select cast(:id as uuid), cast(:org_id as uuid), cast(:survivor_id "
          + "as uuid), cast(:merged_id as uuid), cast(:moved_identity_ids as uuid[]), "
          + "cast(:reason as text), cast(:automatic as boolean), cast(:merged_at as "
          + "timestamptz), cast(:merged_by_user_id as uuid), cast(:unmerged_at as "
          + "timestamptz) where (select count(*) from <schema>.contacts c where c.org_id = "
          + ":org and c.id in (:survivor_id, :merged_id)) = 2";

  static final String MERGE_FIND =
      "select id, org_id, survivor_id, merged_id, moved_identity_ids, reason, "
          + "automatic, merged_at, merged_by_user_id, unmerged_at from "
          + "<schema>.contact_merges where org_id = :org and id = :id";

  static final String MERGE_UNDO =
      "update <schema>.contact_merges set unmerged_at = :unmerged_at where org_id = "
          + ":org and id = :id and unmerged_at is null";

  static final String MERGE_LIST_FOR =
      "select id, org_id, survivor_id, merged_id, moved_identity_ids, reason, "
          + "automatic, merged_at, merged_by_user_id, unmerged_at from "
          + "<schema>.contact_merges where org_id = :org and (survivor_id = :survivor_id or "
          + "merged_id = :survivor_id) order by merged_at, seq";

  private final JdbcContext tx;
  private final UUID org;

  JdbcContactMerges(JdbcContext tx) {
    this.tx = tx;
    this.org = tx.org();
  }

  @Override
  public void insert(ContactMerge m) {
    tx.requireOrg(m.orgId(), "the contact merge");
    int rows =
        tx.guarded(
            "contact_merges.insert",
            () ->
                tx.change(MERGE_INSERT)
                    .bind("id", m.id())
                    .bind("org_id", m.orgId())
                    .bind("survivor_id", m.survivorId())
                    .bind("merged_id", m.mergedId())
                    .bindArray("moved_identity_ids", UUID.class, m.movedIdentityIds())
                    .bind("reason", m.reason())
                    .bind("automatic", m.automatic())
                    .bind("merged_at", m.mergedAt())
                    .bind("merged_by_user_id", m.mergedByUserId())
                    .bindByType("unmerged_at", m.unmergedAt(), Instant.class)
                    .bind("org", org)
                    .execute());
    if (rows == 0) {
      throw OmniFlowException.notFound("The contact");
    }
  }

  @Override
  public Optional<ContactMerge> find(UUID mergeId) {
    Objects.requireNonNull(mergeId, "mergeId");
    return tx.step(
        "contact_merges.find",
        () ->
            tx.select(MERGE_FIND)
                .bind("org", org)
                .bind("id", mergeId)
                .map((rs, ctx) -> contactMerge(rs, ctx))
                .findOne());
  }

  @Override
  public boolean markUndone(UUID mergeId, Instant at) {
    Objects.requireNonNull(mergeId, "mergeId");
    Objects.requireNonNull(at, "at");
    return tx.step(
            "contact_merges.undo",
            () ->
                tx.change(MERGE_UNDO)
                    .bind("unmerged_at", at)
                    .bind("org", org)
                    .bind("id", mergeId)
                    .execute())
        > 0;
  }

  @Override
  public List<ContactMerge> listFor(UUID contactId) {
    Objects.requireNonNull(contactId, "contactId");
    return tx.step(
        "contact_merges.list_for",
        () ->
            tx.select(MERGE_LIST_FOR)
                .bind("org", org)
                .bind("survivor_id", contactId)
                .map((rs, ctx) -> contactMerge(rs, ctx))
                .list());
  }

  private static ContactMerge contactMerge(ResultSet rs, StatementContext ctx) throws SQLException {
    return new ContactMerge(
        Columns.uuid(rs, "id"),
        Columns.uuid(rs, "org_id"),
        Columns.uuid(rs, "survivor_id"),
        Columns.uuid(rs, "merged_id"),
        Columns.uuids(rs, ctx, "moved_identity_ids"),
        rs.getString("reason"),
        rs.getBoolean("automatic"),
        Columns.instant(rs, "merged_at"),
        Columns.nullableUuid(rs, "merged_by_user_id"),
        Columns.nullableInstant(rs, "unmerged_at"));
  }
}
