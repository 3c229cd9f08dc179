package ai.omniflow.jdbc.internal;

import ai.omniflow.attribution.Touch;
import ai.omniflow.leads.LeadOutcome;
import ai.omniflow.store.spi.ContactActivity;
import ai.omniflow.store.spi.JourneyRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The {@link JourneyRepository} of one JDBC transaction: one query, ordered by contact, read with a
 * cursor ({@link #FETCH} rows at a time) and grouped per contact as it streams, so an org of any
 * size is never in memory at once. Not thread-safe.
 */
final class JdbcJourneys implements JourneyRepository {
  /** Rows fetched per round trip. */
  static final int FETCH = 2_000;

  /**
   * The sort memory of the activity query, for its transaction only: an org of 100,000 journeys
   * sorts about 20 MB of rows, which at PostgreSQL's default of 4 MB spills to disk
   * (docs/performance.md). Bounded, so concurrent reports cannot take the server's memory.
   */
  static final String SORT_MEMORY = "64MB";

  // kind 0: inbox touchpoint, 1: external touchpoint, 2: lead. Leads sort after touches.
  // <inbox_detail> and <external_detail> are the touch detail's expressions (TouchDetail).
  static final String ACTIVITY =
      "select * from (select contact_id, 0 as kind, occurred_at as at, seq as ord, channel, campaign_id as "
          + "campaign, <inbox_detail> as detail, null::timestamptz as closed_at, null::text as "
          + "outcome, null::numeric as amount, null::text as currency from <schema>.touchpoints tp "
          + "where org_id = :org and occurred_at >= :since and occurred_at < :until "
          + "union all select contact_id, 1, occurred_at, seq, channel, campaign, "
          + "<external_detail>, null, null, null, null from <schema>.external_touchpoints where "
          + "org_id = :org and contact_id is not null and occurred_at >= :since and occurred_at < "
          + ":until "
          + "union all select contact_id, 2, created_at, 0, null, null, null, closed_at, outcome, "
          + "amount, currency from <schema>.leads where org_id = :org and created_at < :until and "
          + "(closed_at is null or closed_at >= :since)) a "
          + "order by contact_id, (kind = 2), at, kind, ord, closed_at nulls last";

  /** The touch detail's expression over an inbox touchpoint {@code tp}. */
  static String inboxDetail(TouchDetail detail) {
    return switch (detail) {
      case NONE -> "null::text";
      case CONTENT -> "coalesce(tp.post_id, tp.ad_id)";
      case AGENT ->
          "(select th.assignee_user_id::text from <schema>.inbox_threads th where th.id = "
              + "tp.thread_id)";
    };
  }

  /** The touch detail's expression over an external touchpoint. */
  static String externalDetail(TouchDetail detail) {
    return detail == TouchDetail.CONTENT ? "coalesce(content_id, ad_id, utm_content)" : "null";
  }

  static final String WON_CURRENCIES =
      "select distinct currency from <schema>.leads where org_id = :org and outcome = 'won' "
          + "and closed_at >= :from and closed_at < :until and currency is not null order by "
          + "currency limit :limit";

  // Each step counted where it lives, then summed per channel; all in one statement.
  static final String FUNNEL =
      "select channel, sum(e) as engagements, sum(th) as threads, sum(ld) as leads, "
          + "sum(q) as qualified, sum(w) as won from ("
          + "select channel, count(*) as e, 0 as th, 0 as ld, 0 as q, 0 as w from "
          + "<schema>.touchpoints where org_id = :org and occurred_at >= :from and occurred_at "
          + "< :until group by channel "
          + "union all select channel, count(*), 0, 0, 0, 0 from <schema>.external_touchpoints "
          + "where org_id = :org and occurred_at >= :from and occurred_at < :until group by "
          + "channel "
          + "union all select channel, 0, count(*), 0, 0, 0 from <schema>.inbox_threads where "
          + "org_id = :org and created_at >= :from and created_at < :until group by channel "
          + "union all select coalesce(l.source_channel, t.channel, 'unknown'), 0, 0, count(*), "
          + "count(*) filter (where l.outcome = 'won' or (l.outcome is null and l.stage = "
          + "any(:stages))), count(*) filter (where l.outcome = 'won') from <schema>.leads l "
          + "left join <schema>.inbox_threads t on t.id = l.thread_id where l.org_id = :org and "
          + "l.created_at >= :from and l.created_at < :until group by 1"
          + ") s group by channel order by channel limit :limit";

  // The first touch at or before the win: one index probe per won lead and source.
  static final String TIMES_TO_CONVERT =
      "select channel, bucket, count(*) as n from (select coalesce(f.channel, "
          + "l.source_channel, 'unknown') as channel, width_bucket(extract(epoch from "
          + "(l.closed_at - coalesce(f.at, l.created_at)))::float8, :bounds) as bucket from "
          + "<schema>.leads l left join lateral (select channel, at from ("
          + "(select channel, occurred_at as at, 0 as kind, seq from <schema>.touchpoints tp "
          + "where tp.contact_id = l.contact_id and tp.org_id = :org and tp.occurred_at <= "
          + "l.closed_at order by occurred_at, seq limit 1) "
          + "union all (select channel, occurred_at, 1, seq from <schema>.external_touchpoints "
          + "et where et.contact_id = l.contact_id and et.org_id = :org and et.occurred_at <= "
          + "l.closed_at order by occurred_at, seq limit 1)) x order by at, kind, seq limit 1) f "
          + "on true where l.org_id = :org and l.outcome = 'won' and l.closed_at >= :from and "
          + "l.closed_at < :until) w group by channel, bucket order by channel, bucket "
          + "limit :limit";

  private record Row(
      UUID contact,
      int kind,
      Instant at,
      @Nullable String channel,
      @Nullable String campaign,
      @Nullable String detail,
      @Nullable LeadOutcome outcome) {}

  private final JdbcContext tx;
  private final UUID org;

  JdbcJourneys(JdbcContext tx) {
    this.tx = tx;
    this.org = tx.org();
  }

  @Override
  public void activity(
      Instant since, Instant until, TouchDetail detail, Consumer<ContactActivity> each) {
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(until, "until");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(each, "each");
    tx.step(
        "journeys.activity",
        () -> {
          tx.select("select set_config('work_mem', :memory, true)")
              .bind("memory", SORT_MEMORY)
              .mapTo(String.class)
              .one();
          try (Stream<Row> rows =
              tx
                  .select(
                      ACTIVITY
                          .replace("<inbox_detail>", inboxDetail(detail))
                          .replace("<external_detail>", externalDetail(detail)))
                  .bind("org", org)
                  .bind("since", since)
                  .bind("until", until)
                  .setFetchSize(FETCH)
                  .map(
                      (rs, ctx) -> {
                        int kind = rs.getInt("kind");
                        Instant at = Columns.instant(rs, ctx, "at");
                        LeadOutcome outcome = null;
                        String status = rs.getString("outcome");
                        if (kind == 2 && status != null) {
                          outcome =
                              new LeadOutcome(
                                  LeadOutcome.Status.parse(status),
                                  rs.getBigDecimal("amount"),
                                  rs.getString("currency"),
                                  Columns.instant(rs, ctx, "closed_at"),
                                  null);
                        }
                        return new Row(
                            Columns.uuid(rs, ctx, "contact_id"),
                            kind,
                            at,
                            rs.getString("channel"),
                            rs.getString("campaign"),
                            rs.getString("detail"),
                            outcome);
                      })
                  .stream()) {
            group(rows.iterator(), since, until, detail, each);
          }
          return null;
        });
  }

  private static void group(
      Iterator<Row> rows,
      Instant since,
      Instant until,
      TouchDetail detail,
      Consumer<ContactActivity> each) {
    UUID current = null;
    List<Touch> touches = new ArrayList<>();
    List<ContactActivity.LeadMark> leads = new ArrayList<>();
    boolean closedInWindow = false;
    while (rows.hasNext()) {
      Row r = rows.next();
      if (!r.contact().equals(current)) {
        emit(current, touches, leads, closedInWindow, each);
        current = r.contact();
        touches = new ArrayList<>();
        leads = new ArrayList<>();
        closedInWindow = false;
      }
      if (r.kind() == 2) {
        leads.add(new ContactActivity.LeadMark(r.at(), r.outcome()));
        LeadOutcome o = r.outcome();
        closedInWindow |=
            o != null && !o.closedAt().isBefore(since) && o.closedAt().isBefore(until);
      } else {
        Touch t = Touch.of(Objects.requireNonNull(r.channel()), r.campaign(), r.at());
        if (detail == TouchDetail.CONTENT) {
          t = t.withContent(r.detail());
        } else if (detail == TouchDetail.AGENT) {
          t = t.withAgent(r.detail());
        }
        touches.add(t);
      }
    }
    emit(current, touches, leads, closedInWindow, each);
  }

  // Contacts with open leads only (no touch, nothing closed in the window) are not handed on.
  private static void emit(
      @Nullable UUID contact,
      List<Touch> touches,
      List<ContactActivity.LeadMark> leads,
      boolean closedInWindow,
      Consumer<ContactActivity> each) {
    if (contact != null && (!touches.isEmpty() || closedInWindow)) {
      each.accept(new ContactActivity(contact, touches, leads));
    }
  }

  @Override
  public List<String> wonCurrencies(Instant from, Instant until, int limit) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(until, "until");
    return tx.step(
        "journeys.won_currencies",
        () ->
            tx.select(WON_CURRENCIES)
                .bind("org", org)
                .bind("from", from)
                .bind("until", until)
                .bind("limit", limit)
                .mapTo(String.class)
                .list());
  }

  @Override
  public List<FunnelCounts> funnel(
      Instant from, Instant until, Set<String> qualifiedStages, int limit) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(until, "until");
    return tx.step(
        "journeys.funnel",
        () ->
            tx.select(FUNNEL)
                .bind("org", org)
                .bind("from", from)
                .bind("until", until)
                .bindArray("stages", String.class, List.copyOf(qualifiedStages))
                .bind("limit", limit)
                .map(
                    (rs, ctx) ->
                        new FunnelCounts(
                            rs.getString("channel"),
                            rs.getLong("engagements"),
                            rs.getLong("threads"),
                            rs.getLong("leads"),
                            rs.getLong("qualified"),
                            rs.getLong("won")))
                .list());
  }

  @Override
  public List<ConvertCount> timesToConvert(
      Instant from, Instant until, List<Duration> bounds, int limit) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(until, "until");
    Double[] seconds = new Double[bounds.size()];
    for (int i = 0; i < seconds.length; i++) {
      seconds[i] = (double) bounds.get(i).getSeconds();
    }
    return tx.step(
        "journeys.times_to_convert",
        () ->
            tx.select(TIMES_TO_CONVERT)
                .bind("org", org)
                .bind("from", from)
                .bind("until", until)
                .bindArray("bounds", Double.class, (Object[]) seconds)
                .bind("limit", limit)
                .map(
                    (rs, ctx) ->
                        new ConvertCount(
                            rs.getString("channel"), rs.getInt("bucket"), rs.getLong("n")))
                .list());
  }
}
