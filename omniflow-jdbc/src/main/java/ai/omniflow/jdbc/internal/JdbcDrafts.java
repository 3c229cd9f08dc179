package ai.omniflow.jdbc.internal;

import ai.omniflow.OmniFlowException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Reply drafts for {@link JdbcInbox}, with the SQL they run, kept apart so that no class passes 500
 * lines. Not thread-safe.
 */
final class JdbcDrafts {
  static final String DRAFT_INSERT =
      "insert into <schema>.inbox_drafts (id, org_id, thread_id, text, author_user_id, "
          + "created_at, sent_message_id, sent_at) select cast(:id as uuid), cast(:org_id as "
          + "uuid), cast(:thread_id as uuid), cast(:text as text), cast(:author_user_id as "
          + "uuid), cast(:created_at as timestamptz), null, null where exists (select 1 from "
          + "<schema>.inbox_threads t where t.org_id = :org and t.id = :thread_id)";

  static final String DRAFT_LOCK =
      "select id, org_id, thread_id, text, author_user_id, created_at, sent_message_id, "
          + "sent_at from <schema>.inbox_drafts where org_id = :org and id = :id for update";

  static final String DRAFT_MARK_SENT =
      "update <schema>.inbox_drafts set sent_message_id = :sent_message_id, sent_at = "
          + ":sent_at where org_id = :org and id = :id";

  private final JdbcContext tx;
  private final UUID org;

  JdbcDrafts(JdbcContext tx) {
    this.tx = tx;
    this.org = tx.org();
  }

  public void insertDraft(ai.omniflow.inbox.Draft d) {
    tx.requireOrg(d.orgId(), "the draft");
    int rows =
        tx.guarded(
            "inbox_drafts.insert",
            () ->
                tx.change(DRAFT_INSERT)
                    .bind("id", d.id())
                    .bind("org_id", d.orgId())
                    .bind("thread_id", d.threadId())
                    .bind("text", d.text())
                    .bind("author_user_id", d.authorUserId())
                    .bind("created_at", d.createdAt())
                    .bind("org", org)
                    .execute());
    if (rows == 0) {
      throw OmniFlowException.notFound("The thread");
    }
  }

  public Optional<ai.omniflow.inbox.Draft> lockDraft(UUID draftId) {
    Objects.requireNonNull(draftId, "draftId");
    return tx.step(
        "inbox_drafts.lock",
        () ->
            tx.select(DRAFT_LOCK)
                .bind("org", org)
                .bind("id", draftId)
                .map((rs, ctx) -> draft(rs, ctx))
                .findOne());
  }

  public void markDraftSent(ai.omniflow.inbox.Draft d) {
    tx.requireOrg(d.orgId(), "the draft");
    int rows =
        tx.guarded(
            "inbox_drafts.mark_sent",
            () ->
                tx.change(DRAFT_MARK_SENT)
                    .bind("sent_message_id", d.sentMessageId())
                    .bindByType("sent_at", d.sentAt(), Instant.class)
                    .bind("org", org)
                    .bind("id", d.id())
                    .execute());
    if (rows == 0) {
      throw OmniFlowException.notFound("The draft");
    }
  }

  private static ai.omniflow.inbox.Draft draft(ResultSet rs, StatementContext ctx)
      throws SQLException {
    return new ai.omniflow.inbox.Draft(
        Columns.uuid(rs, ctx, "id"),
        Columns.uuid(rs, ctx, "org_id"),
        Columns.uuid(rs, ctx, "thread_id"),
        rs.getString("text"),
        Columns.nullableUuid(rs, ctx, "author_user_id"),
        Columns.instant(rs, ctx, "created_at"),
        Columns.nullableUuid(rs, ctx, "sent_message_id"),
        Columns.nullableInstant(rs, ctx, "sent_at"));
  }
}
