package ai.omniflow.jdbc.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.leads.LeadOffer;
import ai.omniflow.store.spi.LeadRepository;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Pending offers of leads to a group for {@link JdbcLeads}, with the SQL they run, kept apart so
 * that no class passes 500 lines. Each offer's expiry is a db-scheduler execution in {@code
 * scheduled_tasks}, written in the offer's transaction (decision 0065). An offer binds the {@link
 * LeadOffer} record by its accessors ({@code bindMethods}). Not thread-safe.
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

  /** The lead's pending expiries; one a scheduler picked finishes on its own. */
  static final String CANCEL_EXPIRY =
      "delete from <schema>.scheduled_tasks where task_name = :task and task_instance like"
          + " :prefix and not picked";

  /** The offer's expiry; a picked execution of the same id reads the offer again. */
  static final String SCHEDULE_EXPIRY =
      "insert into <schema>.scheduled_tasks (task_name, task_instance, task_data,"
          + " execution_time, picked, version) values (:task, :instance, null, :at, false, 1)"
          + " on conflict (task_name, task_instance) do nothing";

  private final JdbcContext tx;

  JdbcLeadOffers(JdbcContext tx) {
    this.tx = tx;
  }

  void save(LeadOffer made) {
    tx.requireOrg(made.orgId(), "the offer");
    // PostgreSQL keeps microseconds (rounding the rest): store what the expiry's id names.
    LeadOffer offer =
        new LeadOffer(
            made.orgId(),
            made.leadId(),
            made.group(),
            made.offeredAt().truncatedTo(ChronoUnit.MICROS),
            made.expiresAt().truncatedTo(ChronoUnit.MICROS));
    int rows =
        tx.step(
            "lead_offers.save",
            () -> tx.change(SAVE).bindMethods(offer).bind("org", tx.org()).execute());
    if (rows == 0) {
      throw OmniFlowException.notFound("The lead");
    }
    cancelExpiry(offer.leadId());
    tx.step(
        "lead_offers.schedule_expiry",
        () ->
            tx.change(SCHEDULE_EXPIRY)
                .bind("task", LeadRepository.OFFER_EXPIRY_TASK)
                .bind("instance", LeadRepository.offerExpiryId(offer))
                .bindByType("at", offer.expiresAt(), Instant.class)
                .execute());
  }

  private void cancelExpiry(UUID leadId) {
    tx.step(
        "lead_offers.cancel_expiry",
        () ->
            tx.change(CANCEL_EXPIRY)
                .bind("task", LeadRepository.OFFER_EXPIRY_TASK)
                .bind("prefix", tx.org() + "/" + leadId + "/%")
                .execute());
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
                            Columns.uuid(rs, "org_id"),
                            Columns.uuid(rs, "lead_id"),
                            rs.getString("group_key"),
                            Columns.instant(rs, "offered_at"),
                            Columns.instant(rs, "expires_at")))
                .findOne());
  }

  void delete(UUID leadId) {
    int rows =
        tx.step(
            "lead_offers.delete",
            () -> tx.change(DELETE).bind("org", tx.org()).bind("lead_id", leadId).execute());
    if (rows > 0) {
      cancelExpiry(leadId);
    }
  }

  List<UUID> expired(Instant now, int limit) {
    return tx.step(
        "lead_offers.expired",
        () ->
            tx.select(EXPIRED)
                .bind("org", tx.org())
                .bind("now", now)
                .bind("limit", limit)
                .map((rs, ctx) -> Columns.uuid(rs, "lead_id"))
                .list());
  }
}
