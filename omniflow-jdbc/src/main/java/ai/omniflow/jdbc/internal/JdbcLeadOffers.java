package ai.omniflow.jdbc.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.leads.LeadOffer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Pending offers of leads to a group for {@link JdbcLeads}, with the SQL they run, kept apart so
 * that no class passes 500 lines. An offer binds the {@link LeadOffer} record by its accessors
 * ({@code bindMethods}). Not thread-safe.
 */
final class JdbcLeadOffers {
  static final String SAVE =
      "insert into <schema>.lead_offers (org_id, lead_id, group_key, offered_at, expires_at)"
          + " select :orgId, :leadId, :group, :offeredAt, :expiresAt where exists"
          + " (select 1 from <schema>.leads where org_id = :org and id = :leadId)"
          + " on conflict (lead_id) do update set group_key = excluded.group_key,"
          + " offered_at = excluded.offered_at, expires_at = excluded.expires_at";
  static final String FIND =
      "select org_id, lead_id, group_key, offered_at, expires_at from <schema>.lead_offers"
          + " where org_id = :org and lead_id = :lead_id";
  static final String DELETE =
      "delete from <schema>.lead_offers where org_id = :org and lead_id = :lead_id";
  static final String EXPIRED =
      "select lead_id from <schema>.lead_offers where org_id = :org and expires_at <= :now"
          + " order by expires_at, lead_id limit :limit";

  private final JdbcContext tx;

  JdbcLeadOffers(JdbcContext tx) {
    this.tx = tx;
  }

  void save(LeadOffer offer) {
    tx.requireOrg(offer.orgId(), "the offer");
    int rows =
        tx.step(
            "lead_offers.save",
            () -> tx.change(SAVE).bindMethods(offer).bind("org", tx.org()).execute());
    if (rows == 0) {
      throw OmniFlowException.notFound("The lead");
    }
  }

  Optional<LeadOffer> find(UUID leadId) {
    return tx.step(
        "lead_offers.find",
        () ->
            tx.select(FIND)
                .bind("org", tx.org())
                .bind("lead_id", leadId)
                .map(
                    (rs, ctx) ->
                        new LeadOffer(
                            Columns.uuid(rs, ctx, "org_id"),
                            Columns.uuid(rs, ctx, "lead_id"),
                            rs.getString("group_key"),
                            Columns.instant(rs, ctx, "offered_at"),
                            Columns.instant(rs, ctx, "expires_at")))
                .findOne());
  }

  void delete(UUID leadId) {
    tx.step(
        "lead_offers.delete",
        () -> tx.change(DELETE).bind("org", tx.org()).bind("lead_id", leadId).execute());
  }

  List<UUID> expired(Instant now, int limit) {
    return tx.step(
        "lead_offers.expired",
        () ->
            tx.select(EXPIRED)
                .bind("org", tx.org())
                .bind("now", now)
                .bind("limit", limit)
                .map((rs, ctx) -> Columns.uuid(rs, ctx, "lead_id"))
                .list());
  }
}
