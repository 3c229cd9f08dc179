package ai.omniflow.jdbc.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.inbox.Touchpoint;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.Update;

/**
 * Touchpoints and opt-outs for {@link JdbcInbox}, with the SQL they run, kept apart so that no
 * class passes 500 lines. Not thread-safe.
 */
final class JdbcTouchpoints {
  static final String TOUCHPOINT_INSERT =
      "insert into <schema>.touchpoints (id, org_id, contact_id, channel, campaign_id, "
          + "ad_id, post_id, occurred_at, source_message_id, thread_id) select cast(:id as "
          + "uuid), cast(:org_id as uuid), cast(:contact_id as uuid), cast(:channel as text), "
          + "cast(:campaign_id as text), cast(:ad_id as text), cast(:post_id as text), "
          + "cast(:occurred_at as timestamptz), cast(:source_message_id as uuid), "
          + "cast(:thread_id as uuid) where exists (select 1 from <schema>.contacts c where "
          + "c.org_id = :org and c.id = :contact_id)";

  static final String TOUCHPOINT_LIST =
      "select id, org_id, contact_id, channel, campaign_id, ad_id, post_id, "
          + "occurred_at, source_message_id, thread_id from <schema>.touchpoints where org_id "
          + "= :org and contact_id = :contact_id order by occurred_at, seq";

  static final String OPT_OUT_INSERT =
      "insert into <schema>.contact_opt_outs (org_id, contact_id, opted_out_at) select "
          + "cast(:org as uuid), cast(:contact_id as uuid), cast(:opted_out_at as "
          + "timestamptz) where exists (select 1 from <schema>.contacts c where c.org_id = "
          + ":org and c.id = :contact_id) on conflict do nothing";

  static final String OPT_OUT_FIND =
      "select count(*) from <schema>.contact_opt_outs where org_id = :org and "
          + "contact_id = :contact_id";

  private final JdbcContext tx;
  private final UUID org;

  JdbcTouchpoints(JdbcContext tx) {
    this.tx = tx;
    this.org = tx.org();
  }

  public void insertTouchpoint(Touchpoint t) {
    tx.requireOrg(t.orgId(), "the touchpoint");
    // In a strict transaction kept back and written with the others before the commit or the
    // next statement on touchpoints (decision 0095); else at once, in a savepoint.
    if (tx.keepsBack()) {
      tx.append(
          "touchpoints.insert",
          TOUCHPOINT_INSERT,
          s -> bindTouchpoint(s, t),
          () -> OmniFlowException.notFound("The contact"));
      return;
    }
    int rows =
        tx.guarded(
            "touchpoints.insert",
            () -> {
              Update u = tx.change(TOUCHPOINT_INSERT);
              bindTouchpoint(u, t);
              return u.execute();
            });
    if (rows == 0) {
      throw OmniFlowException.notFound("The contact");
    }
  }

  private void bindTouchpoint(SqlStatement<?> s, Touchpoint t) {
    s.bind("id", t.id())
        .bind("org_id", t.orgId())
        .bind("contact_id", t.contactId())
        .bind("channel", t.channel().id())
        .bind("campaign_id", t.campaignId())
        .bind("ad_id", t.adId())
        .bind("post_id", t.postId())
        .bind("occurred_at", t.occurredAt())
        .bind("source_message_id", t.sourceMessageId())
        .bind("thread_id", t.threadId())
        .bind("org", org);
  }

  public void markOptedOut(UUID contactId, Instant at) {
    Objects.requireNonNull(contactId, "contactId");
    Objects.requireNonNull(at, "at");
    tx.guarded(
        "contact_opt_outs.insert",
        () ->
            tx.change(OPT_OUT_INSERT)
                .bind("org", org)
                .bind("contact_id", contactId)
                .bind("opted_out_at", at)
                .execute());
  }

  public boolean isOptedOut(UUID contactId) {
    Objects.requireNonNull(contactId, "contactId");
    return tx.step(
        "contact_opt_outs.find",
        () ->
            tx.select(OPT_OUT_FIND)
                    .bind("org", org)
                    .bind("contact_id", contactId)
                    .mapTo(Long.class)
                    .one()
                > 0);
  }

  public List<Touchpoint> touchpoints(UUID contactId) {
    Objects.requireNonNull(contactId, "contactId");
    return tx.step(
        "touchpoints.list",
        () ->
            tx.select(TOUCHPOINT_LIST)
                .bind("org", org)
                .bind("contact_id", contactId)
                .map((rs, ctx) -> touchpoint(rs, ctx))
                .list());
  }

  private static Touchpoint touchpoint(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Touchpoint(
        Columns.uuid(rs, "id"),
        Columns.uuid(rs, "org_id"),
        Columns.uuid(rs, "contact_id"),
        Channel.fromId(rs.getString("channel")),
        rs.getString("campaign_id"),
        rs.getString("ad_id"),
        rs.getString("post_id"),
        Columns.instant(rs, "occurred_at"),
        Columns.nullableUuid(rs, "source_message_id"),
        Columns.nullableUuid(rs, "thread_id"));
  }
}
