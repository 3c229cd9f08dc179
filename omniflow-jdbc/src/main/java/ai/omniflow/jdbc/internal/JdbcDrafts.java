package ai.omniflow.jdbc.internal;

import ai.omniflow.OmniFlowException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
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
          + "created_at, sent_message_id, sent_at, status, claimed_at, last_error) select "
          + "cast(:id as uuid), cast(:org_id as uuid), cast(:thread_id as uuid), cast(:text as "
          + "text), cast(:author_user_id as uuid), cast(:created_at as timestamptz), null, null, "
          + "'draft', null, null where exists (select 1 from "
          + "<schema>.inbox_threads t where t.org_id = :org and t.id = :thread_id)";

  static final String DRAFT_COLUMNS =
      "id, org_id, thread_id, text, author_user_id, created_at, sent_message_id, sent_at, "
          + "status, claimed_at, last_error";

  static final String DRAFT_LOCK =
      "select "
          + DRAFT_COLUMNS
          + " from <schema>.inbox_drafts where org_id = :org and id = :id for update";

  static final String DRAFT_MARK_SENT =
      "update <schema>.inbox_drafts set sent_message_id = :sent_message_id, sent_at = "
          + ":sent_at, status = 'sent', last_error = null where org_id = :org and id = :id";

  // send claims (issue 9)
  static final String DRAFT_UPDATE_STATE =
      "update <schema>.inbox_drafts set status = :status, claimed_at = :claimed_at, "
          + "last_error = :last_error where org_id = :org and id = :id and status <> 'sent'";

  static final String DRAFT_STALE_CLAIMS =
      "select "
          + DRAFT_COLUMNS
          + " from <schema>.inbox_drafts where org_id = :org and status = 'sending' and "
          + "claimed_at < :claimed_before order by claimed_at limit :limit";

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

  // ------------------------------------------------------------ send claims (issue 9)

  public void updateDraftState(ai.omniflow.inbox.Draft d) {
    tx.requireOrg(d.orgId(), "the draft");
    if (d.status() == ai.omniflow.inbox.DraftStatus.SENT) {
      throw new IllegalArgumentException("use markDraftSent to mark a draft sent");
    }
    int rows =
        tx.guarded(
            "inbox_drafts.update_state",
            () ->
                tx.change(DRAFT_UPDATE_STATE)
                    .bind("status", d.status().wireName())
                    .bindByType("claimed_at", d.claimedAt(), Instant.class)
                    .bindByType("last_error", d.lastError(), String.class)
                    .bind("org", org)
                    .bind("id", d.id())
                    .execute());
    if (rows == 0) {
      throw OmniFlowException.notFound("The draft");
    }
  }

  public List<ai.omniflow.inbox.Draft> staleDraftClaims(Instant claimedBefore, int limit) {
    Objects.requireNonNull(claimedBefore, "claimedBefore");
    if (limit < 1 || limit > 1000) {
      throw new IllegalArgumentException("limit must be 1 to 1000");
    }
    return tx.step(
        "inbox_drafts.stale_claims",
        () ->
            tx.select(DRAFT_STALE_CLAIMS)
                .bind("org", org)
                .bind("claimed_before", claimedBefore)
                .bind("limit", limit)
                .map((rs, ctx) -> draft(rs, ctx))
                .list());
  }

  private static ai.omniflow.inbox.Draft draft(ResultSet rs, StatementContext ctx)
      throws SQLException {
    return new ai.omniflow.inbox.Draft(
        Columns.uuid(rs, "id"),
        Columns.uuid(rs, "org_id"),
        Columns.uuid(rs, "thread_id"),
        rs.getString("text"),
        Columns.nullableUuid(rs, "author_user_id"),
        Columns.instant(rs, "created_at"),
        Columns.nullableUuid(rs, "sent_message_id"),
        Columns.nullableInstant(rs, "sent_at"),
        ai.omniflow.inbox.DraftStatus.parse(rs.getString("status")),
        Columns.nullableInstant(rs, "claimed_at"),
        rs.getString("last_error"));
  }
}
