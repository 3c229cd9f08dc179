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

  static final String SAVE =
      "insert into <schema>.sla_first_responses (org_id, "
          + COLUMNS
          + ") values (:org, :thread_id, :channel, :agent_user_id, :started_at, :due_at,"
          + " :responded_at, :counted_nanos, :wall_time, :breached) on conflict (thread_id) do"
          + " update set channel = excluded.channel, agent_user_id = excluded.agent_user_id,"
          + " started_at = excluded.started_at, due_at = excluded.due_at, responded_at ="
          + " excluded.responded_at, counted_nanos = excluded.counted_nanos, wall_time ="
          + " excluded.wall_time, breached = excluded.breached"
          + " where sla_first_responses.org_id = excluded.org_id";

  static final String FIND =
      "select "
          + COLUMNS
          + " from <schema>.sla_first_responses where org_id = :org and thread_id = :thread";

  /** The thread's first lead, as the in-memory store picks it. */
  private static final String FIRST_LEAD =
      " left join lateral (select l.source_channel, l.campaign_id from <schema>.leads l where"
          + " l.org_id = fr.org_id and l.thread_id = fr.thread_id order by l.created_at, l.id"
          + " limit 1) l on true";

  /**
   * Percentiles over microseconds in float8, as the in-memory store computes them; the wall time in
   * exact numeric microseconds before the cast.
   */
  private static final String FIGURES =
      "select key, count(*) as clocks, count(responded_at) as responded,"
          + " count(*) filter (where responded_at is not null and not breached) as met,"
          + " count(*) filter (where breached or (responded_at is null and due_at <= :now))"
          + " as late,"
          + " percentile_cont(0.5) within group (order by business) as p50_business,"
          + " percentile_cont(0.9) within group (order by business) as p90_business,"
          + " percentile_cont(0.5) within group (order by wall) as p50_wall,"
          + " percentile_cont(0.9) within group (order by wall) as p90_wall"
          + " from (select <key> as key, fr.responded_at, fr.breached, fr.due_at,"
          + " (fr.counted_nanos / 1000)::float8 as business,"
          + " (extract(epoch from fr.responded_at) * 1000000"
          + " - extract(epoch from fr.started_at) * 1000000)::float8 as wall"
          + " from <schema>.sla_first_responses fr<join>"
          + " where fr.org_id = :org and fr.started_at >= :from and fr.started_at < :to) r"
          + " group by key order by clocks desc, key collate \"C\" nulls last limit :limit";

  /**
   * The first lead's outcome per bucket of the wait to the reply (index into {@link
   * WinRateReport#BUCKETS}: under {@code :b0}, {@code :b1}, {@code :b2} microseconds, else the
   * open-ended one, 4 without a reply).
   */
  private static final String WIN_RATE =
      "select case when fr.responded_at is null then 4"
          + " when fr.responded_at < fr.started_at + :b0 * interval '1 microsecond' then 0"
          + " when fr.responded_at < fr.started_at + :b1 * interval '1 microsecond' then 1"
          + " when fr.responded_at < fr.started_at + :b2 * interval '1 microsecond' then 2"
          + " else 3 end as bucket,"
          + " count(*) filter (where l.outcome = 'won') as won,"
          + " count(*) filter (where l.outcome = 'lost') as lost,"
          + " count(*) filter (where l.outcome is null) as open"
          + " from <schema>.sla_first_responses fr"
          + " join lateral (select l.outcome from <schema>.leads l where l.org_id = fr.org_id and"
          + " l.thread_id = fr.thread_id order by l.created_at, l.id limit 1) l on true"
          + " where fr.org_id = :org and fr.started_at >= :from and fr.started_at < :to"
          + " group by 1";

  private final JdbcContext tx;
  private final UUID org;

  JdbcSlaMetrics(JdbcContext tx) {
    this.tx = tx;
    this.org = tx.org();
  }

  @Override
  public void save(FirstResponse r) {
    int rows =
        tx.step(
            "slaMetrics.save",
            () ->
                tx.change(SAVE)
                    .bind("org", org)
                    .bind("thread_id", r.threadId())
                    .bind("channel", r.channel())
                    .bind("agent_user_id", r.agentUserId())
                    .bindByType("started_at", r.startedAt(), Instant.class)
                    .bindByType("due_at", r.dueAt(), Instant.class)
                    .bindByType("responded_at", r.respondedAt(), Instant.class)
                    .bind("counted_nanos", r.counted() == null ? null : r.counted().toNanos())
                    .bind("wall_time", r.wallTime())
                    .bind("breached", r.breached())
                    .execute());
    if (rows == 0) {
      throw new IllegalStateException("the thread's first response belongs to another org");
    }
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
    String key;
    boolean lead = false;
    if (groupBy == null) {
      key = "null::text";
    } else {
      switch (groupBy) {
        case CHANNEL -> key = "fr.channel";
        case AGENT -> key = "fr.agent_user_id::text";
        case SOURCE -> {
          key = "l.source_channel";
          lead = true;
        }
        case CAMPAIGN -> {
          key = "l.campaign_id";
          lead = true;
        }
        default -> throw new IllegalArgumentException("the pack is not a store's grouping");
      }
    }
    String sql = FIGURES.replace("<key>", key).replace("<join>", lead ? FIRST_LEAD : "");
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
        micros(rs, "p50_business"),
        micros(rs, "p90_business"),
        micros(rs, "p50_wall"),
        micros(rs, "p90_wall"));
  }

  private static @Nullable Duration micros(ResultSet rs, String column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? null : Duration.ofNanos(Math.round(v) * 1000);
  }

  private static FirstResponse response(ResultSet rs, StatementContext ctx) throws SQLException {
    long counted = rs.getLong("counted_nanos");
    Duration c = rs.wasNull() ? null : Duration.ofNanos(counted);
    return new FirstResponse(
        Columns.uuid(rs, ctx, "thread_id"),
        rs.getString("channel"),
        Columns.nullableUuid(rs, ctx, "agent_user_id"),
        Columns.instant(rs, ctx, "started_at"),
        Columns.nullableInstant(rs, ctx, "due_at"),
        Columns.nullableInstant(rs, ctx, "responded_at"),
        c,
        rs.getBoolean("wall_time"),
        rs.getBoolean("breached"));
  }
}
