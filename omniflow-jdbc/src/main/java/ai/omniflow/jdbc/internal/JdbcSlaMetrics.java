package ai.omniflow.jdbc.internal;

import ai.omniflow.sla.FirstResponse;
import ai.omniflow.sla.SpeedToLeadQuery;
import ai.omniflow.sla.SpeedToLeadReport;
import ai.omniflow.sla.WinRateReport;
import ai.omniflow.store.spi.SlaMetricsRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.statement.StatementContext;
import org.jspecify.annotations.Nullable;

/**
 * The {@link SlaMetricsRepository} of one JDBC transaction: first responses in {@code
 * sla_first_responses}, figures aggregated in SQL with {@code percentile_cont} (V20, decision
 * 0052). Not thread-safe.
 */
final class JdbcSlaMetrics implements SlaMetricsRepository {
  static final String COLUMNS =
      "thread_id, channel, agent_user_id, started_at, due_at, responded_at, counted_nanos,"
          + " wall_time, breached";

  /**
   * Inserts or replaces the first response; a new row takes its thread's first lead, if the thread
   * has one already (V25, decision 0064), and a replaced one keeps the lead it has, which the lead
   * store keeps from then on.
   */
  static final String SAVE =
      "insert into <schema>.sla_first_responses (org_id, "
          + COLUMNS
          + ", lead_id, lead_created_at, lead_source, lead_campaign, lead_outcome)"
          + " select :org, :thread_id, :channel, cast(:agent_user_id as uuid),"
          + " cast(:started_at as timestamptz), cast(:due_at as timestamptz),"
          + " cast(:responded_at as timestamptz), cast(:counted_nanos as bigint), :wall_time,"
          + " :breached, l.id, l.created_at, l.source_channel, l.campaign_id, l.outcome"
          + " from (values (1)) v left join lateral (select l.id, l.created_at, l.source_channel,"
          + " l.campaign_id, l.outcome from <schema>.leads l where l.org_id = :org"
          + " and l.thread_id = :thread_id order by l.created_at, l.id limit 1) l on true"
          + " on conflict (thread_id) do"
          + " update set channel = excluded.channel, agent_user_id = excluded.agent_user_id,"
          + " started_at = excluded.started_at, due_at = excluded.due_at, responded_at ="
          + " excluded.responded_at, counted_nanos = excluded.counted_nanos, wall_time ="
          + " excluded.wall_time, breached = excluded.breached"
          + " where sla_first_responses.org_id = excluded.org_id";

  private static final DirectSql SAVE_ONE = DirectSql.of(SAVE);

  static final String FIND =
      "select "
          + COLUMNS
          + " from <schema>.sla_first_responses where org_id = :org and thread_id = :thread";

  /**
   * One pass over the org's clocks in the range, grouped by a column of the row itself (the first
   * lead's source and campaign are kept on it, V25): percentiles over microseconds in float8, as
   * the in-memory store computes them, both of a measure from one sort ({@code percentile_cont}
   * over an array of fractions); the wall time is V25's exact {@code wall_micros}.
   */
  private static final String FIGURES =
      "select key, count(*) as clocks, count(responded_at) as responded,"
          + " count(*) filter (where responded_at is not null and not breached) as met,"
          + " count(*) filter (where breached or (responded_at is null and due_at <= :now))"
          + " as late,"
          + " percentile_cont(array[0.5, 0.9]) within group (order by business) as business,"
          + " percentile_cont(array[0.5, 0.9]) within group (order by wall) as wall"
          + " from (select <key> as key, responded_at, breached, due_at,"
          + " (counted_nanos / 1000)::float8 as business, wall_micros::float8 as wall"
          + " from <schema>.sla_first_responses"
          + " where org_id = :org and started_at >= :from and started_at < :to) r"
          + " group by key order by clocks desc, key collate \"C\" nulls last limit :limit";

  /**
   * The first lead's outcome per bucket of the wait to the reply (index into {@link
   * WinRateReport#BUCKETS}: under {@code :b0}, {@code :b1}, {@code :b2} microseconds, else the
   * open-ended one, 4 without a reply), from the lead kept on the row (V25).
   */
  private static final String WIN_RATE =
      "select case when responded_at is null then 4"
          + " when wall_micros < :b0 then 0"
          + " when wall_micros < :b1 then 1"
          + " when wall_micros < :b2 then 2"
          + " else 3 end as bucket,"
          + " count(*) filter (where lead_outcome = 'won') as won,"
          + " count(*) filter (where lead_outcome = 'lost') as lost,"
          + " count(*) filter (where lead_outcome is null) as open"
          + " from <schema>.sla_first_responses"
          + " where org_id = :org and started_at >= :from and started_at < :to"
          + " and lead_id is not null group by 1";

  private final JdbcContext tx;
  private final UUID org;

  JdbcSlaMetrics(JdbcContext tx) {
    this.tx = tx;
    this.org = tx.org();
  }

  @Override
  public void save(FirstResponse r) {
    int rows =
        tx.step("slaMetrics.save", () -> bindResponse(tx.direct(SAVE_ONE), org, r, "").run());
    if (rows == 0) {
      throw new IllegalStateException("the thread's first response belongs to another org");
    }
  }

  /** Binds {@link #SAVE}'s parameters, each name after {@code prefix}: {@code r} of {@code org}. */
  static DirectSql.Call bindResponse(DirectSql.Call q, UUID org, FirstResponse r, String prefix) {
    return q.uuid(prefix + "org", org)
        .uuid(prefix + "thread_id", r.threadId())
        .text(prefix + "channel", r.channel())
        .uuid(prefix + "agent_user_id", r.agentUserId())
        .instant(prefix + "started_at", r.startedAt())
        .instant(prefix + "due_at", r.dueAt())
        .instant(prefix + "responded_at", r.respondedAt())
        .int8(prefix + "counted_nanos", r.counted() == null ? null : r.counted().toNanos())
        .bool(prefix + "wall_time", r.wallTime())
        .bool(prefix + "breached", r.breached());
  }

  @Override
  public Optional<FirstResponse> find(UUID threadId) {
    return tx.step(
        "slaMetrics.find",
        () ->
            tx.select(FIND)
                .bind("org", org)
                .bind("thread", threadId)
                .map((rs, ctx) -> response(rs, ctx))
                .findOne());
  }

  @Override
  public List<SpeedToLeadReport.Group> speedToLead(
      Instant from,
      Instant to,
      SpeedToLeadQuery.@Nullable GroupBy groupBy,
      Instant now,
      int limit) {
    if (limit < 1 || limit > SpeedToLeadReport.MAX_GROUPS + 1) {
      throw new IllegalArgumentException("limit out of range");
    }
    String key =
        groupBy == null
            ? "null::text"
            : switch (groupBy) {
              case CHANNEL -> "channel";
              case AGENT -> "agent_user_id::text";
              case SOURCE -> "lead_source";
              case CAMPAIGN -> "lead_campaign";
              case PACK -> throw new IllegalArgumentException("the pack is not a store's grouping");
            };
    String sql = FIGURES.replace("<key>", key);
    return tx.step(
        "slaMetrics.speedToLead",
        () ->
            tx.select(sql)
                .bind("org", org)
                .bindByType("from", from, Instant.class)
                .bindByType("to", to, Instant.class)
                .bindByType("now", now, Instant.class)
                .bind("limit", limit)
                .map((rs, ctx) -> group(rs))
                .list());
  }

  @Override
  public List<WinRateReport.Bucket> winRateByFirstResponse(Instant from, Instant to) {
    List<WinRateReport.Bucket> buckets = WinRateReport.BUCKETS;
    long[][] counts = new long[buckets.size()][];
    tx.step(
        "slaMetrics.winRate",
        () ->
            tx.select(WIN_RATE)
                .bind("org", org)
                .bindByType("from", from, Instant.class)
                .bindByType("to", to, Instant.class)
                .bind("b0", micros(buckets.get(0).to()))
                .bind("b1", micros(buckets.get(1).to()))
                .bind("b2", micros(buckets.get(2).to()))
                .map(
                    (rs, ctx) ->
                        counts[rs.getInt("bucket")] =
                            new long[] {rs.getLong("won"), rs.getLong("lost"), rs.getLong("open")})
                .list());
    List<WinRateReport.Bucket> out = new ArrayList<>();
    for (int i = 0; i < buckets.size(); i++) {
      long[] c = counts[i] == null ? new long[3] : counts[i];
      out.add(buckets.get(i).withCounts(c[0], c[1], c[2]));
    }
    return List.copyOf(out);
  }

  private static long micros(@Nullable Duration bound) {
    if (bound == null) {
      throw new IllegalStateException("the first three buckets have an upper bound");
    }
    return bound.toNanos() / 1000;
  }

  private static SpeedToLeadReport.Group group(ResultSet rs) throws SQLException {
    return new SpeedToLeadReport.Group(
        rs.getString("key"),
        rs.getLong("clocks"),
        rs.getLong("responded"),
        rs.getLong("met"),
        rs.getLong("late"),
        micros(rs, "business", 0),
        micros(rs, "business", 1),
        micros(rs, "wall", 0),
        micros(rs, "wall", 1));
  }

  /** The percentile at {@code index} of the float8 array in {@code column}; null without one. */
  private static @Nullable Duration micros(ResultSet rs, String column, int index)
      throws SQLException {
    java.sql.Array array = rs.getArray(column);
    if (array == null) {
      return null;
    }
    Object[] values = (Object[]) array.getArray();
    Object v = values[index];
    return v == null ? null : Duration.ofNanos(Math.round((Double) v) * 1000);
  }

  private static FirstResponse response(ResultSet rs, StatementContext ctx) throws SQLException {
    long counted = rs.getLong("counted_nanos");
    Duration c = rs.wasNull() ? null : Duration.ofNanos(counted);
    return new FirstResponse(
        Columns.uuid(rs, "thread_id"),
        rs.getString("channel"),
        Columns.nullableUuid(rs, "agent_user_id"),
        Columns.instant(rs, "started_at"),
        Columns.nullableInstant(rs, "due_at"),
        Columns.nullableInstant(rs, "responded_at"),
        c,
        rs.getBoolean("wall_time"),
        rs.getBoolean("breached"));
  }
}
