package ai.omniflow.jdbc.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.Page;
import ai.omniflow.PageRequest;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.leads.Lead;
import ai.omniflow.leads.LeadFilter;
import ai.omniflow.leads.LeadOffer;
import ai.omniflow.leads.LeadOutcome;
import ai.omniflow.leads.LeadScore;
import ai.omniflow.leads.ModelRun;
import ai.omniflow.store.spi.LeadRepository;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jspecify.annotations.Nullable;

/**
 * The leads repository of one {@link JdbcTransaction}. Only the lead insert, which a concurrent
 * conversion can refuse with a unique violation, runs in a savepoint; the other writes either
 * succeed, touch no row (reported as {@code not_found}, the transaction still usable) or fail in a
 * way no caller recovers from within the transaction, so they save the savepoint's two round trips.
 */
final class JdbcLeads implements LeadRepository {
  private static final String COLUMNS =
      "id, org_id, contact_id, thread_id, source_channel, campaign_id, ad_id, stage,"
          + " owner_user_id, fields, score, scored_at, outcome, amount, currency, closed_at,"
          + " outcome_reason, created_at, updated_at";
  private static final String SCORE_COLUMNS =
      "id, org_id, lead_id, total, rules_total, model_probability, model_version, explanation,"
          + " reason, scored_at";
  // The filter binds most criteria twice: "? is null or column = ?".
  private static final String FILTER =
      " where org_id = ?"
          + " and (cast(? as text) is null or stage = ?)"
          + " and (cast(? as uuid) is null or owner_user_id = ?)"
          + " and (cast(? as integer) is null or (score >= ? and score <= ?))"
          + " and (cast(? as text) is null or source_channel = ?)"
          + " and (cast(? as boolean) is null or (outcome is null) = ?)"
          + " and (not ? or owner_user_id is null)";

  private final JdbcTransaction tx;
  private final String s;

  JdbcLeads(JdbcTransaction tx, String schema) {
    this.tx = tx;
    this.s = schema + ".";
  }

  @Override
  public void insert(Lead l) {
    tx.requireOrg(l.orgId(), "the lead");
    int rows =
        tx.guarded(
            "leads.insert",
            () ->
                bindWork(
                        tx.change(
                            "insert into "
                                + s
                                + "leads ("
                                + COLUMNS
                                + ") select ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?,"
                                + " ?, ?, ?, ?, ?, ?, ? where exists (select 1 from "
                                + s
                                + "contacts where org_id = ? and id = ?)"),
                        l,
                        true)
                    .bind(19, Binds.uuid(tx.org()))
                    .bind(20, Binds.uuid(l.contactId()))
                    .execute());
    if (rows == 0) {
      throw OmniFlowException.notFound("The contact");
    }
  }

  @Override
  public void update(Lead l) {
    tx.requireOrg(l.orgId(), "the lead");
    int rows =
        tx.step(
            "leads.update",
            () ->
                bindWork(
                        tx.change(
                            "update "
                                + s
                                + "leads set stage = ?, owner_user_id = ?, fields = cast(? as"
                                + " jsonb), score = ?, scored_at = ?, outcome = ?, amount = ?,"
                                + " currency = ?, closed_at = ?, outcome_reason = ?, updated_at"
                                + " = ? where org_id = ? and id = ?"),
                        l,
                        false)
                    .bind(11, Binds.uuid(tx.org()))
                    .bind(12, Binds.uuid(l.id()))
                    .execute());
    if (rows == 0) {
      throw OmniFlowException.notFound("The lead");
    }
  }

  /**
   * Binds the columns from {@code id} ({@code all}) or from {@code stage} to {@code updated_at}.
   */
  private <S extends SqlStatement<S>> S bindWork(S st, Lead l, boolean all) {
    int i = 0;
    if (all) {
      st.bind(i++, Binds.uuid(l.id()));
      st.bind(i++, Binds.uuid(l.orgId()));
      st.bind(i++, Binds.uuid(l.contactId()));
      st.bind(i++, Binds.uuid(l.threadId()));
      st.bind(i++, Binds.text(l.sourceChannel() == null ? null : l.sourceChannel().id()));
      st.bind(i++, Binds.text(l.campaignId()));
      st.bind(i++, Binds.text(l.adId()));
    }
    LeadOutcome o = l.outcome();
    st.bind(i++, Binds.text(l.stage()));
    st.bind(i++, Binds.uuid(l.ownerUserId()));
    st.bind(i++, Binds.text(tx.json().write(l.fields())));
    st.bind(i++, nullableInt(l.score()));
    st.bind(i++, Binds.instant(l.scoredAt()));
    st.bind(i++, Binds.text(o == null ? null : o.status().wireName()));
    st.bind(i++, decimal(o == null ? null : o.amount()));
    st.bind(i++, Binds.text(o == null ? null : o.currency()));
    st.bind(i++, Binds.instant(o == null ? null : o.closedAt()));
    st.bind(i++, Binds.text(o == null ? null : o.reason()));
    if (all) {
      st.bind(i++, Binds.instant(l.createdAt()));
    }
    st.bind(i, Binds.instant(l.updatedAt()));
    return st;
  }

  @Override
  public Optional<Lead> find(UUID leadId) {
    return one("leads.find", leadId, "");
  }

  @Override
  public Optional<Lead> lock(UUID leadId) {
    return one("leads.lock", leadId, " for update");
  }

  private Optional<Lead> one(String operation, UUID leadId, String suffix) {
    Objects.requireNonNull(leadId, "leadId");
    return tx.step(
        operation,
        () ->
            tx.select(
                    "select "
                        + COLUMNS
                        + " from "
                        + s
                        + "leads where org_id = ? and id = ?"
                        + suffix)
                .bind(0, Binds.uuid(tx.org()))
                .bind(1, Binds.uuid(leadId))
                .map((rs, ctx) -> lead(rs))
                .findOne());
  }

  @Override
  public Optional<Lead> findOpen(UUID contactId) {
    Objects.requireNonNull(contactId, "contactId");
    return tx.step(
        "leads.find_open",
        () ->
            tx.select(
                    "select "
                        + COLUMNS
                        + " from "
                        + s
                        + "leads where org_id = ? and contact_id = ? and outcome is null")
                .bind(0, Binds.uuid(tx.org()))
                .bind(1, Binds.uuid(contactId))
                .map((rs, ctx) -> lead(rs))
                .findOne());
  }

  @Override
  public Page<Lead> list(LeadFilter filter, PageRequest page) {
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(page, "page");
    return tx.step(
        "leads.list",
        () -> {
          long total =
              bindFilter(tx.select("select count(*) from " + s + "leads" + FILTER), filter)
                  .mapTo(Long.class)
                  .one();
          List<Lead> items =
              bindFilter(
                      tx.select(
                          "select "
                              + COLUMNS
                              + " from "
                              + s
                              + "leads"
                              + FILTER
                              + " order by created_at desc, id limit ? offset ?"),
                      filter)
                  .bind(13, Binds.integer(page.limit()))
                  .bind(14, Binds.integer(page.offset()))
                  .map((rs, ctx) -> lead(rs))
                  .list();
          return Page.of(items, page, total);
        });
  }

  private <S extends SqlStatement<S>> S bindFilter(S st, LeadFilter f) {
    String source = f.source() == null ? null : f.source().id();
    st.bind(0, Binds.uuid(tx.org()));
    st.bind(1, Binds.text(f.stage()));
    st.bind(2, Binds.text(f.stage()));
    st.bind(3, Binds.uuid(f.ownerUserId()));
    st.bind(4, Binds.uuid(f.ownerUserId()));
    st.bind(5, nullableInt(f.band() == null ? null : 1));
    st.bind(6, Binds.integer(f.band() == null ? 0 : f.band().min()));
    st.bind(7, Binds.integer(f.band() == null ? 0 : f.band().max()));
    st.bind(8, Binds.text(source));
    st.bind(9, Binds.text(source));
    st.bind(10, nullableBool(f.open()));
    st.bind(11, nullableBool(f.open()));
    st.bind(12, Binds.bool(f.unowned()));
    return st;
  }

  @Override
  public List<UUID> openIds(@Nullable UUID after, int limit) {
    return tx.step(
        "leads.open_ids",
        () ->
            tx.select(
                    "select id from "
                        + s
                        + "leads where org_id = ? and outcome is null"
                        + " and (cast(? as uuid) is null or id > ?) order by id limit ?")
                .bind(0, Binds.uuid(tx.org()))
                .bind(1, Binds.uuid(after))
                .bind(2, Binds.uuid(after))
                .bind(3, Binds.integer(limit))
                .map((rs, ctx) -> Binds.uuid(rs, "id"))
                .list());
  }

  @Override
  public List<Lead> closed(int limit) {
    return tx.step(
        "leads.closed",
        () ->
            tx.select(
                    "select "
                        + COLUMNS
                        + " from "
                        + s
                        + "leads where org_id = ? and outcome is not null"
                        + " order by closed_at desc, id limit ?")
                .bind(0, Binds.uuid(tx.org()))
                .bind(1, Binds.integer(limit))
                .map((rs, ctx) -> lead(rs))
                .list());
  }

  @Override
  public Map<UUID, Integer> openCountsByOwner() {
    return tx.step(
        "leads.open_counts",
        () -> {
          Map<UUID, Integer> counts = new HashMap<>();
          tx.select(
                  "select owner_user_id, count(*) as n from "
                      + s
                      + "leads where org_id = ? and outcome is null and owner_user_id is not null"
                      + " group by owner_user_id")
              .bind(0, Binds.uuid(tx.org()))
              .map((rs, ctx) -> Map.entry(Binds.uuid(rs, "owner_user_id"), rs.getInt("n")))
              .forEach(e -> counts.put(e.getKey(), e.getValue()));
          return counts;
        });
  }

  @Override
  public void insertScore(LeadScore sc) {
    tx.requireOrg(sc.orgId(), "the score");
    int rows =
        tx.step(
            "lead_scores.insert",
            () ->
                tx.change(
                        "insert into "
                            + s
                            + "lead_scores ("
                            + SCORE_COLUMNS
                            + ") select ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ? where exists"
                            + " (select 1 from "
                            + s
                            + "leads where org_id = ? and id = ?)")
                    .bind(0, Binds.uuid(sc.id()))
                    .bind(1, Binds.uuid(sc.orgId()))
                    .bind(2, Binds.uuid(sc.leadId()))
                    .bind(3, Binds.integer(sc.total()))
                    .bind(4, Binds.integer(sc.rulesTotal()))
                    .bind(5, nullableDouble(sc.modelProbability()))
                    .bind(6, nullableInt(sc.modelVersion()))
                    .bind(7, Binds.text(tx.json().writeList(sc.explanation())))
                    .bind(8, Binds.text(sc.reason()))
                    .bind(9, Binds.instant(sc.scoredAt()))
                    .bind(10, Binds.uuid(tx.org()))
                    .bind(11, Binds.uuid(sc.leadId()))
                    .execute());
    if (rows == 0) {
      throw OmniFlowException.notFound("The lead");
    }
  }

  @Override
  public Page<LeadScore> scores(UUID leadId, PageRequest page) {
    Objects.requireNonNull(leadId, "leadId");
    return tx.step(
        "lead_scores.list",
        () -> {
          long total =
              tx.select(
                      "select count(*) from " + s + "lead_scores where org_id = ? and lead_id = ?")
                  .bind(0, Binds.uuid(tx.org()))
                  .bind(1, Binds.uuid(leadId))
                  .mapTo(Long.class)
                  .one();
          List<LeadScore> items =
              tx.select(
                      "select "
                          + SCORE_COLUMNS
                          + " from "
                          + s
                          + "lead_scores where org_id = ? and lead_id = ?"
                          + " order by scored_at desc, seq desc limit ? offset ?")
                  .bind(0, Binds.uuid(tx.org()))
                  .bind(1, Binds.uuid(leadId))
                  .bind(2, Binds.integer(page.limit()))
                  .bind(3, Binds.integer(page.offset()))
                  .map((rs, ctx) -> score(rs))
                  .list();
          return Page.of(items, page, total);
        });
  }

  @Override
  public void insertModelRun(ModelRun run) {
    tx.requireOrg(run.orgId(), "the model run");
    tx.guarded(
        "lead_model_runs.insert",
        () ->
            tx.change(
                    "insert into "
                        + s
                        + "lead_model_runs (org_id, version, trained_at, status, report, model)"
                        + " values (?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb))")
                .bind(0, Binds.uuid(run.orgId()))
                .bind(1, Binds.integer(run.version()))
                .bind(2, Binds.instant(run.trainedAt()))
                .bind(3, Binds.text(run.status()))
                .bind(4, Binds.text(tx.json().write(run.report())))
                .bind(5, Binds.text(tx.json().write(run.model())))
                .execute());
  }

  @Override
  public Optional<UUID> previousOwner(UUID contactId, UUID exceptLeadId) {
    return tx.step(
        "leads.previous_owner",
        () ->
            tx.select(
                    "select owner_user_id from "
                        + s
                        + "leads where org_id = ? and contact_id = ? and id <> ?"
                        + " and owner_user_id is not null order by created_at desc limit 1")
                .bind(0, Binds.uuid(tx.org()))
                .bind(1, Binds.uuid(contactId))
                .bind(2, Binds.uuid(exceptLeadId))
                .map((rs, ctx) -> Binds.uuid(rs, "owner_user_id"))
                .findOne());
  }

  @Override
  public void saveOffer(LeadOffer offer) {
    tx.requireOrg(offer.orgId(), "the offer");
    int rows =
        tx.step(
            "lead_offers.save",
            () ->
                tx.change(
                        "insert into "
                            + s
                            + "lead_offers (org_id, lead_id, group_key, offered_at, expires_at)"
                            + " select ?, ?, ?, ?, ? where exists (select 1 from "
                            + s
                            + "leads where org_id = ? and id = ?) on conflict (lead_id) do update"
                            + " set group_key = excluded.group_key, offered_at ="
                            + " excluded.offered_at, expires_at = excluded.expires_at")
                    .bind(0, Binds.uuid(offer.orgId()))
                    .bind(1, Binds.uuid(offer.leadId()))
                    .bind(2, Binds.text(offer.group()))
                    .bind(3, Binds.instant(offer.offeredAt()))
                    .bind(4, Binds.instant(offer.expiresAt()))
                    .bind(5, Binds.uuid(tx.org()))
                    .bind(6, Binds.uuid(offer.leadId()))
                    .execute());
    if (rows == 0) {
      throw OmniFlowException.notFound("The lead");
    }
  }

  @Override
  public Optional<LeadOffer> offer(UUID leadId) {
    return tx.step(
        "lead_offers.find",
        () ->
            tx.select(
                    "select org_id, lead_id, group_key, offered_at, expires_at from "
                        + s
                        + "lead_offers where org_id = ? and lead_id = ?")
                .bind(0, Binds.uuid(tx.org()))
                .bind(1, Binds.uuid(leadId))
                .map(
                    (rs, ctx) ->
                        new LeadOffer(
                            Binds.uuid(rs, "org_id"),
                            Binds.uuid(rs, "lead_id"),
                            rs.getString("group_key"),
                            Binds.instant(rs, "offered_at"),
                            Binds.instant(rs, "expires_at")))
                .findOne());
  }

  @Override
  public void deleteOffer(UUID leadId) {
    tx.step(
        "lead_offers.delete",
        () ->
            tx.change("delete from " + s + "lead_offers where org_id = ? and lead_id = ?")
                .bind(0, Binds.uuid(tx.org()))
                .bind(1, Binds.uuid(leadId))
                .execute());
  }

  @Override
  public List<UUID> expiredOffers(java.time.Instant now, int limit) {
    return tx.step(
        "lead_offers.expired",
        () ->
            tx.select(
                    "select lead_id from "
                        + s
                        + "lead_offers where org_id = ? and expires_at <= ?"
                        + " order by expires_at, lead_id limit ?")
                .bind(0, Binds.uuid(tx.org()))
                .bind(1, Binds.instant(now))
                .bind(2, Binds.integer(limit))
                .map((rs, ctx) -> Binds.uuid(rs, "lead_id"))
                .list());
  }

  @Override
  public Optional<ModelRun> latestModelRun() {
    return tx.step(
        "lead_model_runs.latest",
        () ->
            tx.select(
                    "select org_id, version, trained_at, status, report, model from "
                        + s
                        + "lead_model_runs where org_id = ? order by version desc limit 1")
                .bind(0, Binds.uuid(tx.org()))
                .map(
                    (rs, ctx) ->
                        new ModelRun(
                            Binds.uuid(rs, "org_id"),
                            rs.getInt("version"),
                            Binds.instant(rs, "trained_at"),
                            rs.getString("status"),
                            Objects.requireNonNull(tx.json().read(rs.getString("report"))),
                            tx.json().read(rs.getString("model"))))
                .findOne());
  }

  private Lead lead(ResultSet rs) throws SQLException {
    String outcome = rs.getString("outcome");
    BigDecimal amount = rs.getBigDecimal("amount");
    LeadOutcome o =
        outcome == null
            ? null
            : new LeadOutcome(
                LeadOutcome.Status.parse(outcome),
                amount,
                rs.getString("currency"),
                Binds.instant(rs, "closed_at"),
                rs.getString("outcome_reason"));
    String channel = rs.getString("source_channel");
    int score = rs.getInt("score");
    Integer boxed = rs.wasNull() ? null : score;
    return new Lead(
        Binds.uuid(rs, "id"),
        Binds.uuid(rs, "org_id"),
        Binds.uuid(rs, "contact_id"),
        Binds.nullableUuid(rs, "thread_id"),
        channel == null ? null : Channel.fromId(channel),
        rs.getString("campaign_id"),
        rs.getString("ad_id"),
        rs.getString("stage"),
        Binds.nullableUuid(rs, "owner_user_id"),
        Objects.requireNonNull(tx.json().read(rs.getString("fields"))),
        boxed,
        Binds.nullableInstant(rs, "scored_at"),
        o,
        Binds.instant(rs, "created_at"),
        Binds.instant(rs, "updated_at"));
  }

  private LeadScore score(ResultSet rs) throws SQLException {
    double p = rs.getDouble("model_probability");
    Double probability = rs.wasNull() ? null : p;
    int v = rs.getInt("model_version");
    Integer version = rs.wasNull() ? null : v;
    return new LeadScore(
        Binds.uuid(rs, "id"),
        Binds.uuid(rs, "org_id"),
        Binds.uuid(rs, "lead_id"),
        rs.getInt("total"),
        rs.getInt("rules_total"),
        probability,
        version,
        tx.json().readList(rs.getString("explanation")),
        rs.getString("reason"),
        Binds.instant(rs, "scored_at"));
  }

  /** A value bound with {@code set}, or SQL NULL of {@code sqlType}. */
  private static <V> Argument nullable(@Nullable V v, int sqlType, Setter<V> set) {
    return (position, statement, ctx) -> {
      if (v == null) {
        statement.setNull(position, sqlType);
      } else {
        set.set(statement, position, v);
      }
    };
  }

  private interface Setter<V> {
    void set(java.sql.PreparedStatement statement, int position, V value) throws SQLException;
  }

  private static Argument nullableInt(@Nullable Integer v) {
    return nullable(v, Types.INTEGER, java.sql.PreparedStatement::setInt);
  }

  private static Argument nullableDouble(@Nullable Double v) {
    return nullable(v, Types.DOUBLE, java.sql.PreparedStatement::setDouble);
  }

  private static Argument nullableBool(@Nullable Boolean v) {
    return nullable(v, Types.BOOLEAN, java.sql.PreparedStatement::setBoolean);
  }

  private static Argument decimal(@Nullable BigDecimal v) {
    return nullable(v, Types.NUMERIC, java.sql.PreparedStatement::setBigDecimal);
  }
}
