package ai.omniflow.jdbc.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.Page;
import ai.omniflow.PageRequest;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.leads.ExplanationLine;
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
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;
import org.jspecify.annotations.Nullable;

/**
 * The {@link LeadRepository} of one JDBC transaction, with its SQL. Only the lead insert, which a
 * concurrent conversion can refuse with a unique violation, runs in a savepoint; the other writes
 * succeed, touch no row ({@code not_found}) or fail beyond recovery. Not thread-safe.
 */
final class JdbcLeads implements LeadRepository {
  static final String COLUMNS =
      "id, org_id, contact_id, thread_id, source_channel, campaign_id, ad_id, stage,"
          + " owner_user_id, fields, score, scored_at, outcome, amount, currency, closed_at,"
          + " outcome_reason, created_at, updated_at, language";
  private static final String SCORE_COLUMNS =
      "id, org_id, lead_id, total, rules_total, model_probability, model_version, explanation,"
          + " reason, scored_at";
  // Each criterion is bound once and named twice: ":stage is null or stage = :stage".
  static final String FILTER =
      " where org_id = :org"
          + " and (cast(:stage as text) is null or stage = :stage)"
          + " and (cast(:owner as uuid) is null or owner_user_id = :owner)"
          + " and (cast(:band as integer) is null or (score >= :band_min and score <= :band_max))"
          + " and (cast(:source as text) is null or source_channel = :source)"
          + " and (cast(:open as boolean) is null or (outcome is null) = :open)"
          + " and (not :unowned or owner_user_id is null)";

  static final String INSERT =
      "insert into <schema>.leads ("
          + COLUMNS
          + ") select :id, :org_id, :contact_id, :thread_id, :source_channel, :campaign_id,"
          + " :ad_id, :stage, :owner_user_id, cast(:fields as jsonb), :score, :scored_at,"
          + " :outcome, :amount, :currency, :closed_at, :outcome_reason, :created_at,"
          + " :updated_at, :language where exists (select 1 from <schema>.contacts where org_id = :org"
          + " and id = :contact_id)";
  static final String UPDATE =
      "update <schema>.leads set stage = :stage, owner_user_id = :owner_user_id,"
          + " fields = cast(:fields as jsonb), score = :score, scored_at = :scored_at,"
          + " outcome = :outcome, amount = :amount, currency = :currency, closed_at = :closed_at,"
          + " outcome_reason = :outcome_reason, updated_at = :updated_at,"
          + " language = :language where org_id = :org and id = :id";

  /**
   * A new lead becomes its thread's first lead on the thread's first response if none is older
   * (ties by id; V25, decision 0064); its thread, time, source and campaign never change after.
   */
  static final String FIRST_LEAD_OF_RESPONSE =
      "update <schema>.sla_first_responses set lead_id = :id, lead_created_at = :created_at,"
          + " lead_source = :source_channel, lead_campaign = :campaign_id,"
          + " lead_outcome = :outcome where org_id = :org and thread_id = :thread_id"
          + " and (lead_id is null or (lead_created_at, lead_id) > (:created_at, :id))";

  /** The outcome of a thread's first lead follows onto its first response. */
  static final String OUTCOME_OF_RESPONSE =
      "update <schema>.sla_first_responses set lead_outcome = :outcome where org_id = :org"
          + " and lead_id = :id and thread_id = (select thread_id from <schema>.leads"
          + " where org_id = :org and id = :id) and lead_outcome is distinct from :outcome";

  static final String FIND =
      "select " + COLUMNS + " from <schema>.leads where org_id = :org and id = :id";
  static final String FIND_OPEN =
      "select "
          + COLUMNS
          + " from <schema>.leads where org_id = :org and contact_id = :contact_id"
          + " and outcome is null";
  static final String COUNT = "select count(*) from <schema>.leads" + FILTER;
  static final String LIST =
      "select "
          + COLUMNS
          + " from <schema>.leads"
          + FILTER
          + " order by created_at desc, id limit :limit offset :offset";
  static final String OPEN_IDS =
      "select id from <schema>.leads where org_id = :org and outcome is null"
          + " and (cast(:after as uuid) is null or id > :after) order by id limit :limit";
  static final String CLOSED =
      "select "
          + COLUMNS
          + " from <schema>.leads where org_id = :org and outcome is not null"
          + " order by closed_at desc, id limit :limit";
  static final String OPEN_COUNTS =
      "select owner_user_id, count(*) as n from <schema>.leads where org_id = :org"
          + " and outcome is null and owner_user_id is not null group by owner_user_id";
  static final String SCORE_INSERT =
      "insert into <schema>.lead_scores ("
          + SCORE_COLUMNS
          + ") select :id, :org_id, :lead_id, :total, :rules_total, :model_probability,"
          + " :model_version, cast(:explanation as jsonb), :reason, :scored_at where exists"
          + " (select 1 from <schema>.leads where org_id = :org and id = :lead_id)";
  static final String SCORE_COUNT =
      "select count(*) from <schema>.lead_scores where org_id = :org and lead_id = :lead_id";
  static final String SCORE_LIST =
      "select "
          + SCORE_COLUMNS
          + " from <schema>.lead_scores where org_id = :org and lead_id = :lead_id"
          + " order by scored_at desc, seq desc limit :limit offset :offset";
  static final String MODEL_RUN_INSERT =
      "insert into <schema>.lead_model_runs (org_id, version, trained_at, status, report, model)"
          + " values (:org_id, :version, :trained_at, :status, cast(:report as jsonb),"
          + " cast(:model as jsonb))";
  static final String PREVIOUS_OWNER =
      "select owner_user_id from <schema>.leads where org_id = :org and contact_id = :contact_id"
          + " and id <> :except_id and owner_user_id is not null"
          + " order by created_at desc limit 1";
  static final String MODEL_RUN_LATEST =
      "select org_id, version, trained_at, status, report, model from <schema>.lead_model_runs"
          + " where org_id = :org order by version desc limit 1";

  private final JdbcContext tx;
  private final UUID org;
  private final JdbcLeadOffers offers;

  JdbcLeads(JdbcContext tx) {
    this.tx = tx;
    this.offers = new JdbcLeadOffers(tx);
    this.org = tx.org();
  }

  @Override
  public void insert(Lead l) {
    tx.requireOrg(l.orgId(), "the lead");
    String source = l.sourceChannel() == null ? null : l.sourceChannel().id();
    LeadOutcome o = l.outcome();
    int rows =
        tx.guarded(
            "leads.insert",
            () -> {
              int inserted =
                  bindWork(tx.change(INSERT), l)
                      .bind("id", l.id())
                      .bind("org_id", l.orgId())
                      .bind("contact_id", l.contactId())
                      .bind("thread_id", l.threadId())
                      .bind("source_channel", source)
                      .bind("campaign_id", l.campaignId())
                      .bind("ad_id", l.adId())
                      .bind("created_at", l.createdAt())
                      .bind("org", org)
                      .execute();
              if (inserted > 0 && l.threadId() != null) {
                tx.change(FIRST_LEAD_OF_RESPONSE)
                    .bind("org", org)
                    .bind("thread_id", l.threadId())
                    .bind("id", l.id())
                    .bind("created_at", l.createdAt())
                    .bind("source_channel", source)
                    .bind("campaign_id", l.campaignId())
                    .bind("outcome", o == null ? null : o.status().wireName())
                    .execute();
              }
              return inserted;
            });
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
            () -> bindWork(tx.change(UPDATE), l).bind("org", org).bind("id", l.id()).execute());
    if (rows == 0) {
      throw OmniFlowException.notFound("The lead");
    }
    LeadOutcome o = l.outcome();
    tx.step(
        "leads.outcomeOfResponse",
        () ->
            tx.change(OUTCOME_OF_RESPONSE)
                .bind("org", org)
                .bind("id", l.id())
                .bind("outcome", o == null ? null : o.status().wireName())
                .execute());
  }

  /** Binds the columns an update changes, from {@code stage} to {@code language}. */
  private static <S extends SqlStatement<S>> S bindWork(S st, Lead l) {
    LeadOutcome o = l.outcome();
    return st.bind("stage", l.stage())
        .bind("owner_user_id", l.ownerUserId())
        .bind("fields", l.fields())
        .bind("score", l.score())
        .bindByType("scored_at", l.scoredAt(), Instant.class)
        .bind("outcome", o == null ? null : o.status().wireName())
        .bind("amount", o == null ? null : o.amount())
        .bind("currency", o == null ? null : o.currency())
        .bindByType("closed_at", o == null ? null : o.closedAt(), Instant.class)
        .bind("outcome_reason", o == null ? null : o.reason())
        .bind("updated_at", l.updatedAt())
        .bind("language", l.language());
  }

  @Override
  public Optional<Lead> find(UUID leadId) {
    return one("leads.find", leadId, FIND);
  }

  @Override
  public Optional<Lead> lock(UUID leadId) {
    return one("leads.lock", leadId, FIND + " for update");
  }

  private Optional<Lead> one(String operation, UUID leadId, String statement) {
    Objects.requireNonNull(leadId, "leadId");
    return tx.step(
        operation,
        () ->
            tx.select(statement)
                .bind("org", org)
                .bind("id", leadId)
                .map((rs, ctx) -> lead(rs, ctx))
                .findOne());
  }

  @Override
  public Optional<Lead> findOpen(UUID contactId) {
    Objects.requireNonNull(contactId, "contactId");
    return tx.step(
        "leads.find_open",
        () ->
            tx.select(FIND_OPEN)
                .bind("org", org)
                .bind("contact_id", contactId)
                .map((rs, ctx) -> lead(rs, ctx))
                .findOne());
  }

  @Override
  public Page<Lead> list(LeadFilter filter, PageRequest page) {
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(page, "page");
    return tx.step(
        "leads.list",
        () -> {
          long total = bindFilter(tx.select(COUNT), filter).mapTo(Long.class).one();
          List<Lead> items =
              bindFilter(tx.select(LIST), filter)
                  .bind("limit", page.limit())
                  .bind("offset", page.offset())
                  .map((rs, ctx) -> lead(rs, ctx))
                  .list();
          return Page.of(items, page, total);
        });
  }

  private <S extends SqlStatement<S>> S bindFilter(S st, LeadFilter f) {
    return bindFilter(st, org, f);
  }

  /** Binds {@link #FILTER}'s criteria of {@code f} in {@code org}. */
  static <S extends SqlStatement<S>> S bindFilter(S st, UUID org, LeadFilter f) {
    return st.bind("org", org)
        .bind("stage", f.stage())
        .bind("owner", f.ownerUserId())
        .bind("band", f.band() == null ? null : (Integer) 1)
        .bind("band_min", f.band() == null ? 0 : f.band().min())
        .bind("band_max", f.band() == null ? 0 : f.band().max())
        .bind("source", f.source() == null ? null : f.source().id())
        .bind("open", f.open())
        .bind("unowned", f.unowned());
  }

  @Override
  public List<UUID> openIds(@Nullable UUID after, int limit) {
    return tx.step(
        "leads.open_ids",
        () ->
            tx.select(OPEN_IDS)
                .bind("org", org)
                .bind("after", after)
                .bind("limit", limit)
                .map((rs, ctx) -> Columns.uuid(rs, "id"))
                .list());
  }

  @Override
  public List<Lead> closed(int limit) {
    return tx.step(
        "leads.closed",
        () ->
            tx.select(CLOSED)
                .bind("org", org)
                .bind("limit", limit)
                .map((rs, ctx) -> lead(rs, ctx))
                .list());
  }

  @Override
  public Map<UUID, Integer> openCountsByOwner() {
    return tx.step(
        "leads.open_counts",
        () -> {
          Map<UUID, Integer> counts = new HashMap<>();
          tx.select(OPEN_COUNTS)
              .bind("org", org)
              .map((rs, ctx) -> Map.entry(Columns.uuid(rs, "owner_user_id"), rs.getInt("n")))
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
                tx.change(SCORE_INSERT)
                    .bind("id", sc.id())
                    .bind("org_id", sc.orgId())
                    .bind("lead_id", sc.leadId())
                    .bind("total", sc.total())
                    .bind("rules_total", sc.rulesTotal())
                    .bind("model_probability", sc.modelProbability())
                    .bind("model_version", sc.modelVersion())
                    .bind(
                        "explanation",
                        tx.json().writeList(ExplanationLine.toJson(sc.explanation())))
                    .bind("reason", sc.reason())
                    .bind("scored_at", sc.scoredAt())
                    .bind("org", org)
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
              tx.select(SCORE_COUNT)
                  .bind("org", org)
                  .bind("lead_id", leadId)
                  .mapTo(Long.class)
                  .one();
          List<LeadScore> items =
              tx.select(SCORE_LIST)
                  .bind("org", org)
                  .bind("lead_id", leadId)
                  .bind("limit", page.limit())
                  .bind("offset", page.offset())
                  .map((rs, ctx) -> score(rs, ctx))
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
            tx.change(MODEL_RUN_INSERT)
                .bind("org_id", run.orgId())
                .bind("version", run.version())
                .bind("trained_at", run.trainedAt())
                .bind("status", run.status())
                .bind("report", run.report())
                .bind("model", run.model())
                .execute());
  }

  @Override
  public Optional<UUID> previousOwner(UUID contactId, UUID exceptLeadId) {
    return tx.step(
        "leads.previous_owner",
        () ->
            tx.select(PREVIOUS_OWNER)
                .bind("org", org)
                .bind("contact_id", contactId)
                .bind("except_id", exceptLeadId)
                .map((rs, ctx) -> Columns.uuid(rs, "owner_user_id"))
                .findOne());
  }

  @Override
  public void saveOffer(LeadOffer offer) {
    offers.save(offer);
  }

  @Override
  public Optional<LeadOffer> offer(UUID leadId) {
    return offers.find(leadId);
  }

  @Override
  public void deleteOffer(UUID leadId) {
    offers.delete(leadId);
  }

  @Override
  public List<UUID> expiredOffers(Instant now, int limit) {
    return offers.expired(now, limit);
  }

  @Override
  public Optional<ModelRun> latestModelRun() {
    return tx.step(
        "lead_model_runs.latest",
        () ->
            tx.select(MODEL_RUN_LATEST)
                .bind("org", org)
                .map(
                    (rs, ctx) ->
                        new ModelRun(
                            Columns.uuid(rs, "org_id"),
                            rs.getInt("version"),
                            Columns.instant(rs, "trained_at"),
                            rs.getString("status"),
                            Objects.requireNonNull(Columns.json(rs, ctx, "report")),
                            Columns.json(rs, ctx, "model")))
                .findOne());
  }

  static Lead lead(ResultSet rs, StatementContext ctx) throws SQLException {
    String outcome = rs.getString("outcome");
    BigDecimal amount = rs.getBigDecimal("amount");
    LeadOutcome o =
        outcome == null
            ? null
            : new LeadOutcome(
                LeadOutcome.Status.parse(outcome),
                amount,
                rs.getString("currency"),
                Columns.instant(rs, "closed_at"),
                rs.getString("outcome_reason"));
    String channel = rs.getString("source_channel");
    int score = rs.getInt("score");
    Integer boxed = rs.wasNull() ? null : score;
    return new Lead(
        Columns.uuid(rs, "id"),
        Columns.uuid(rs, "org_id"),
        Columns.uuid(rs, "contact_id"),
        Columns.nullableUuid(rs, "thread_id"),
        channel == null ? null : Channel.fromId(channel),
        rs.getString("campaign_id"),
        rs.getString("ad_id"),
        rs.getString("stage"),
        Columns.nullableUuid(rs, "owner_user_id"),
        Objects.requireNonNull(Columns.json(rs, ctx, "fields")),
        boxed,
        Columns.nullableInstant(rs, "scored_at"),
        o,
        Columns.instant(rs, "created_at"),
        Columns.instant(rs, "updated_at"),
        rs.getString("language"));
  }

  private static LeadScore score(ResultSet rs, StatementContext ctx) throws SQLException {
    double p = rs.getDouble("model_probability");
    Double probability = rs.wasNull() ? null : p;
    int v = rs.getInt("model_version");
    Integer version = rs.wasNull() ? null : v;
    return new LeadScore(
        Columns.uuid(rs, "id"),
        Columns.uuid(rs, "org_id"),
        Columns.uuid(rs, "lead_id"),
        rs.getInt("total"),
        rs.getInt("rules_total"),
        probability,
        version,
        ExplanationLine.fromJson(Columns.jsonList(rs, ctx, "explanation")),
        rs.getString("reason"),
        Columns.instant(rs, "scored_at"));
  }
}
