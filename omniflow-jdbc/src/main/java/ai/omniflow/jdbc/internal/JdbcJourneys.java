package ai.omniflow.jdbc.internal;

import ai.omniflow.attribution.Touch;
import ai.omniflow.leads.LeadOutcome;
import ai.omniflow.store.spi.ContactActivity;
import ai.omniflow.store.spi.JourneyRepository;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jspecify.annotations.Nullable;

/**
 * The {@link JourneyRepository} of one JDBC transaction. {@code activity} reads three queries at
 * once, each ordered by contact from an index (migration V20: no sort in PostgreSQL), with cursors
 * ({@link #FETCH} rows at a time), and merges them per contact as they stream, so an org of any
 * size is never in memory at once. A touch's time is read as a number and its texts through a
 * dictionary of the query's own, so that the driver parses little (decision 0086). Not thread-safe.
 */
final class JdbcJourneys implements JourneyRepository {
  /** Rows fetched per round trip, per query. */
  static final int FETCH = 5_000;

  /**
   * The sort memory of the activity queries, for their transaction only. They are meant to come
   * ordered from V20's indexes; should the planner sort instead (say, before statistics exist), an
   * org of 100,000 journeys sorts about 20 MB, which at PostgreSQL's default of 4 MB spills to disk
   * (docs/performance.md). Bounded, so concurrent reports cannot take the server's memory.
   */
  static final String SORT_MEMORY = "64MB";

  /**
   * A touch's time as whole microseconds since 1970 (exact: {@code extract} is numeric), so the
   * driver reads a long instead of parsing a timestamp's text (decision 0086).
   */
  static final String EPOCH_MICROS = "(extract(epoch from <at>) * 1000000)::int8 as at_us";

  // Inbox touchpoints by contact, then time, then as stored. <detail> is TouchDetail's expression.
  // With TouchDetail.NONE, every column is in V20's index: an index-only scan.
  static final String INBOX_ACTIVITY =
      "select tp.contact_id, "
          + EPOCH_MICROS.replace("<at>", "tp.occurred_at")
          + ", tp.seq, tp.channel, tp.campaign_id, <detail> as detail from <schema>.touchpoints "
          + "tp where tp.org_id = :org and tp.occurred_at >= "
          + ":since and tp.occurred_at < :until order by tp.contact_id, tp.occurred_at, tp.seq";

  // External touchpoints linked to a contact, in the same order.
  static final String EXTERNAL_ACTIVITY =
      "select contact_id, "
          + EPOCH_MICROS.replace("<at>", "occurred_at")
          + ", seq, channel, campaign, <detail> as detail from "
          + "<schema>.external_touchpoints where org_id = :org and contact_id is not null and "
          + "occurred_at >= :since and occurred_at < :until order by contact_id, occurred_at, seq";

  // Leads made before the window's end, open or closed in it, by contact, creation, closing.
  static final String LEAD_ACTIVITY =
      "select contact_id, created_at, closed_at, outcome, amount, currency from <schema>.leads "
          + "where org_id = :org and created_at < :until and (closed_at is null or closed_at >= "
          + ":since) order by contact_id, created_at, closed_at nulls last";

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
    return detail == TouchDetail.CONTENT
        ? "coalesce(content_id, ad_id, utm_content)"
        : "null::text";
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

  // A touch as read: kind 0 inbox, 1 external (inbox first on equal times), then as stored.
  private record TouchRow(UUID contact, Instant at, int kind, long seq, Touch touch) {}

  private record LeadRow(UUID contact, ContactActivity.LeadMark mark) {}

  /**
   * Reads one activity query's touches (decision 0086). The time comes as microseconds; the
   * contact's id is parsed only when its bytes differ from the row before (a contact's touches are
   * side by side); the channel and campaign are looked up by their bytes in a dictionary of the
   * query's own ({@link #MAX_TEXTS} texts at most, each decoded once; past that, decoded per row).
   * The raw bytes of a text column are its UTF-8 text whether the driver reads it as text or as
   * binary, so this holds whatever the host's driver settings. One per query; not thread-safe.
   */
  private static final class TouchReader implements RowMapper<TouchRow> {
    /** The most distinct channels and campaigns one query keeps decoded. */
    static final int MAX_TEXTS = 4_096;

    private final int kind;
    private final TouchDetail detail;
    private final Map<ByteBuffer, String> texts = new HashMap<>();
    private byte @Nullable [] lastContactBytes;
    private @Nullable UUID lastContact;

    TouchReader(int kind, TouchDetail detail) {
      this.kind = kind;
      this.detail = detail;
    }

    @Override
    public TouchRow map(ResultSet rs, StatementContext ctx) throws SQLException {
      byte[] contactBytes = rs.getBytes(1);
      UUID contact = lastContact;
      if (contact == null || !Arrays.equals(contactBytes, lastContactBytes)) {
        contact = Objects.requireNonNull(rs.getObject(1, UUID.class), "contact_id");
        lastContact = contact;
        lastContactBytes = contactBytes;
      }
      Instant at = instantOfMicros(rs.getLong(2));
      Touch t = Touch.of(Objects.requireNonNull(text(rs.getBytes(4))), text(rs.getBytes(5)), at);
      if (detail == TouchDetail.CONTENT) {
        t = t.withContent(rs.getString(6));
      } else if (detail == TouchDetail.AGENT) {
        t = t.withAgent(rs.getString(6));
      }
      return new TouchRow(contact, at, kind, rs.getLong(3), t);
    }

    private @Nullable String text(byte @Nullable [] raw) {
      if (raw == null) {
        return null;
      }
      String known = texts.get(ByteBuffer.wrap(raw));
      if (known != null) {
        return known;
      }
      String decoded = new String(raw, StandardCharsets.UTF_8);
      if (texts.size() < MAX_TEXTS) {
        texts.put(ByteBuffer.wrap(raw.clone()), decoded);
      }
      return decoded;
    }
  }

  /** The instant {@code micros} microseconds after 1970-01-01T00:00Z. */
  static Instant instantOfMicros(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }

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
          try (Stream<TouchRow> inbox =
                  touches(
                      INBOX_ACTIVITY.replace("<detail>", inboxDetail(detail)),
                      0,
                      detail,
                      since,
                      until);
              Stream<TouchRow> external =
                  touches(
                      EXTERNAL_ACTIVITY.replace("<detail>", externalDetail(detail)),
                      1,
                      detail,
                      since,
                      until);
              Stream<LeadRow> leads = leads(since, until)) {
            merge(
                new Peeking<>(inbox.iterator()),
                new Peeking<>(external.iterator()),
                new Peeking<>(leads.iterator()),
                since,
                until,
                each);
          }
          return null;
        });
  }

  private Stream<TouchRow> touches(
      String sql, int kind, TouchDetail detail, Instant since, Instant until) {
    return tx
        .select(sql)
        .bind("org", org)
        .bind("since", since)
        .bind("until", until)
        .setFetchSize(FETCH)
        .map(new TouchReader(kind, detail))
        .stream();
  }

  private Stream<LeadRow> leads(Instant since, Instant until) {
    return tx
        .select(LEAD_ACTIVITY)
        .bind("org", org)
        .bind("since", since)
        .bind("until", until)
        .setFetchSize(FETCH)
        .map(
            (rs, ctx) -> {
              LeadOutcome outcome = null;
              String status = rs.getString(4);
              if (status != null) {
                outcome =
                    new LeadOutcome(
                        LeadOutcome.Status.parse(status),
                        rs.getBigDecimal(5),
                        rs.getString(6),
                        rs.getObject(3, OffsetDateTime.class).toInstant(),
                        null);
              }
              return new LeadRow(
                  rs.getObject(1, UUID.class),
                  new ContactActivity.LeadMark(
                      rs.getObject(2, OffsetDateTime.class).toInstant(), outcome));
            })
        .stream();
  }

  /** An iterator that shows its next element without taking it. */
  private static final class Peeking<T> {
    private final Iterator<T> rows;
    private @Nullable T next;

    Peeking(Iterator<T> rows) {
      this.rows = rows;
      this.next = rows.hasNext() ? rows.next() : null;
    }

    @Nullable T peek() {
      return next;
    }

    T take() {
      T t = Objects.requireNonNull(next);
      next = rows.hasNext() ? rows.next() : null;
      return t;
    }
  }

  // Hands on each contact in CONTACT_ORDER (PostgreSQL's uuid order): its touches from both
  // sources merged by time (inbox first on equal times, then as stored), and its leads.
  private static void merge(
      Peeking<TouchRow> inbox,
      Peeking<TouchRow> external,
      Peeking<LeadRow> leads,
      Instant since,
      Instant until,
      Consumer<ContactActivity> each) {
    List<TouchRow> fromInbox = new ArrayList<>();
    List<TouchRow> fromExternal = new ArrayList<>();
    while (true) {
      UUID contact = first(inbox, external, leads);
      if (contact == null) {
        return;
      }
      fromInbox.clear();
      fromExternal.clear();
      while (inbox.peek() != null && inbox.peek().contact().equals(contact)) {
        fromInbox.add(inbox.take());
      }
      while (external.peek() != null && external.peek().contact().equals(contact)) {
        fromExternal.add(external.take());
      }
      List<ContactActivity.LeadMark> marks = new ArrayList<>();
      boolean closedInWindow = false;
      while (leads.peek() != null && leads.peek().contact().equals(contact)) {
        ContactActivity.LeadMark m = leads.take().mark();
        marks.add(m);
        LeadOutcome o = m.outcome();
        closedInWindow |=
            o != null && !o.closedAt().isBefore(since) && o.closedAt().isBefore(until);
      }
      // Contacts with open leads only (no touch, nothing closed in the window) are not handed on.
      if (fromInbox.isEmpty() && fromExternal.isEmpty() && !closedInWindow) {
        continue;
      }
      List<Touch> touches = new ArrayList<>(fromInbox.size() + fromExternal.size());
      int i = 0;
      int e = 0;
      while (i < fromInbox.size() || e < fromExternal.size()) {
        boolean takeInbox =
            e == fromExternal.size()
                || (i < fromInbox.size()
                    && !fromInbox.get(i).at().isAfter(fromExternal.get(e).at()));
        touches.add(takeInbox ? fromInbox.get(i++).touch() : fromExternal.get(e++).touch());
      }
      each.accept(new ContactActivity(contact, touches, marks));
    }
  }

  // The least contact at the head of the three streams, or null when all are done.
  private static @Nullable UUID first(
      Peeking<TouchRow> inbox, Peeking<TouchRow> external, Peeking<LeadRow> leads) {
    UUID least = null;
    for (UUID c :
        new UUID[] {
          inbox.peek() == null ? null : inbox.peek().contact(),
          external.peek() == null ? null : external.peek().contact(),
          leads.peek() == null ? null : leads.peek().contact()
        }) {
      if (c != null && (least == null || CONTACT_ORDER.compare(c, least) < 0)) {
        least = c;
      }
    }
    return least;
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
