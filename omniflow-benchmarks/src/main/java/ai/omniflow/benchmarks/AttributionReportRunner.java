package ai.omniflow.benchmarks;

import ai.omniflow.OmniFlow;
import ai.omniflow.attribution.AttributionReport;
import ai.omniflow.attribution.FunnelReport;
import ai.omniflow.attribution.ReportQuery;
import ai.omniflow.attribution.TimeToConvertReport;
import ai.omniflow.jdbc.JdbcStore;
import ai.omniflow.store.spi.JourneyRepository;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import ai.omniflow.tenancy.User;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * Times the attribution report over PostgreSQL for one org with many journeys: it migrates a schema
 * of its own ({@value #SCHEMA}, dropped first), makes an org through OmniFlow, loads its contacts,
 * touchpoints (inbox and external) and leads with {@code COPY} (deterministic, seed 42), then, in
 * each round, asks {@code AttributionService.report} for every model over the last 90 days, exactly
 * as {@code GET /attribution/report?model=all} does, as the application role under row-level
 * security. It prints each round's wall time, the journey stream alone, the funnel and time to
 * convert, and {@code EXPLAIN (ANALYZE, BUFFERS)} of the journeys' query. The target:
 * 100,000 journeys, the report in at most 500 ms.
 *
 * <pre>
 * ./mvnw -B -q -pl omniflow-benchmarks -am package -DskipTests
 * java -cp omniflow-benchmarks/target/benchmarks.jar ai.omniflow.benchmarks.AttributionReportRunner \
 *     jdbc:postgresql://127.0.0.1:5432/test postgres [journeys] [rounds]
 * </pre>
 *
 * <p>The user named must be able to create roles and schemas (it loads with {@code COPY}); the
 * report runs as the role {@value #APP_ROLE}, which it creates.
 */
public final class AttributionReportRunner {
  static final String SCHEMA = "omniflow_bench";
  static final String APP_ROLE = "omniflow_bench_app";
  private static final String APP_PASSWORD = "bench-only";

  /** The inbox's channels (the touchpoints table takes only these) and two ad channels. */
  private static final String[] INBOX = {
    "instagram_dm",
    "instagram_comment",
    "facebook_dm",
    "facebook_comment",
    "lead_form",
    "whatsapp",
    "sms",
    "email"
  };

  private static final String[] ADS = {"facebook_ad", "google_ad"};

  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

  // JdbcJourneys' three activity queries (TouchDetail.NONE), as the report runs them.
  private static final String ACTIVITY_PLAN_INBOX =
      "select tp.contact_id, (extract(epoch from tp.occurred_at) * 1000000)::int8 as at_us,"
          + " tp.seq, tp.channel, tp.campaign_id, null::text as detail from "
          + SCHEMA
          + ".touchpoints tp where tp.org_id = ? and tp.occurred_at >= ? and tp.occurred_at < ?"
          + " order by tp.contact_id, tp.occurred_at, tp.seq";
  private static final String ACTIVITY_PLAN_EXTERNAL =
      "select contact_id, (extract(epoch from occurred_at) * 1000000)::int8 as at_us, seq,"
          + " channel, campaign, null::text as detail from "
          + SCHEMA
          + ".external_touchpoints where org_id = ? and contact_id is not null and occurred_at >= ?"
          + " and occurred_at < ? order by contact_id, occurred_at, seq";
  private static final String ACTIVITY_PLAN_LEADS =
      "select contact_id, created_at, closed_at, outcome, amount, currency from "
          + SCHEMA
          + ".leads where org_id = ? and created_at < ? and (closed_at is null or closed_at >= ?)"
          + " order by contact_id, created_at, closed_at nulls last";

  // EXPLAIN of one of the three queries, as a constant statement.
  private static String plan(int q) {
    return switch (q) {
      case 0 -> "explain (analyze, buffers) " + ACTIVITY_PLAN_INBOX;
      case 1 -> "explain (analyze, buffers) " + ACTIVITY_PLAN_EXTERNAL;
      default -> "explain (analyze, buffers) " + ACTIVITY_PLAN_LEADS;
    };
  }

  /** A row to load, with the time it would have been written at. */
  private record Timed(Instant at, String line) {}

  private AttributionReportRunner() {}

  /**
   * Runs; arguments: JDBC URL, admin user, journeys (default 100,000), rounds (default 7), and
   * {@code vacuum} (the default: {@code VACUUM ANALYZE} after loading, as autovacuum does to a
   * table that has taken many inserts), {@code analyze} (statistics only: the visibility map is not
   * set, so index-only scans still read table pages) or {@code reuse} (no loading: the data an
   * earlier run left).
   */
  public static void main(String[] args) throws SQLException {
    String url = args.length > 0 ? args[0] : "jdbc:postgresql://127.0.0.1:5432/test";
    String admin = args.length > 1 ? args[1] : "postgres";
    int journeys = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 7;
    String mode = args.length > 4 ? args[4] : "vacuum";
    boolean vacuum = !mode.equals("analyze");
    boolean reuse = mode.equals("reuse");
    DataSource adminDs = BenchDatabase.admin(url, admin);
    long t0 = System.nanoTime();
    BenchDatabase.migrate(adminDs, SCHEMA, APP_ROLE, APP_PASSWORD, !reuse);
    DataSource app = BenchDatabase.dataSource(url, APP_ROLE, APP_PASSWORD);
    JdbcStore store = JdbcStore.create(app, SCHEMA);
    OmniFlow omniFlow =
        OmniFlow.builder().store(store).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    UUID org = new UUID(42L, 1L);
    User owner = new User(new UUID(42L, 2L), "bench@example.com", "Bench", NOW);
    Actor actor = Actor.of(org, owner.id(), Role.OWNER);
    if (reuse) {
      System.out.println("reusing the data of an earlier run in " + SCHEMA);
    } else {
      omniFlow.tenancy().createOrg(org, "Bench", owner);
      System.out.printf(
          Locale.ROOT,
          "migrated %s in %.0f ms%n",
          SCHEMA,
          BenchDatabase.ms(System.nanoTime() - t0));
      long t1 = System.nanoTime();
      long[] rows = load(adminDs, org, journeys, vacuum);
      System.out.printf(
          Locale.ROOT,
          "loaded %,d contacts, %,d inbox and %,d external touchpoints, %,d leads (%,d won) with"
              + " COPY (touchpoints in time order) and %s in %.0f ms%n",
          rows[0],
          rows[1],
          rows[2],
          rows[3],
          rows[4],
          vacuum ? "VACUUM ANALYZE" : "ANALYZE",
          BenchDatabase.ms(System.nanoTime() - t1));
    }

    Instant from = NOW.minus(Duration.ofDays(90));
    ReportQuery query = ReportQuery.of(from, NOW);
    java.lang.management.ThreadMXBean cpu =
        java.lang.management.ManagementFactory.getThreadMXBean();
    for (int round = 1; round <= rounds; round++) {
      long s = System.nanoTime();
      long c0 = cpu.getCurrentThreadCpuTime();
      AttributionReport r = omniFlow.attribution().report(actor, query);
      long reportNs = System.nanoTime() - s;
      long reportCpu = cpu.getCurrentThreadCpuTime() - c0;
      s = System.nanoTime();
      c0 = cpu.getCurrentThreadCpuTime();
      AtomicLong contacts = new AtomicLong();
      store.useTransaction(
          actor,
          tx ->
              tx.journeys()
                  .activity(
                      from.minus(query.lookback()),
                      NOW,
                      JourneyRepository.TouchDetail.NONE,
                      a -> contacts.incrementAndGet()));
      long streamNs = System.nanoTime() - s;
      long streamCpu = cpu.getCurrentThreadCpuTime() - c0;
      s = System.nanoTime();
      FunnelReport f = omniFlow.attribution().funnel(actor, from, NOW);
      long funnelNs = System.nanoTime() - s;
      s = System.nanoTime();
      TimeToConvertReport t = omniFlow.attribution().timeToConvert(actor, from, NOW);
      long ttcNs = System.nanoTime() - s;
      System.out.printf(
          Locale.ROOT,
          "round %d: report (11 models) %.0f ms (client CPU %.0f ms) over %,d journeys, %s %s"
              + " conversions; journey stream alone %.0f ms (client CPU %.0f ms, %,d contacts);"
              + " funnel %.0f ms (%,d leads); time to convert %.0f ms (%,d won)%n",
          round,
          BenchDatabase.ms(reportNs),
          BenchDatabase.ms(reportCpu),
          r.journeys(),
          r.models().get(0).conversions(),
          r.currency(),
          BenchDatabase.ms(streamNs),
          BenchDatabase.ms(streamCpu),
          contacts.get(),
          BenchDatabase.ms(funnelNs),
          f.total().leads(),
          BenchDatabase.ms(ttcNs),
          t.total().conversions());
    }
    explain(app, org, from.minus(query.lookback()), NOW);
  }

  private static void explain(DataSource app, UUID org, Instant since, Instant until)
      throws SQLException {
    try (Connection c = app.getConnection()) {
      c.setAutoCommit(false);
      try (Statement st = c.createStatement()) {
        st.execute("select set_config('work_mem', '64MB', true)");
      }
      try (PreparedStatement set = c.prepareStatement("select set_config('app.org_id', ?, true)")) {
        set.setString(1, org.toString());
        set.execute();
      }
      java.sql.Timestamp s = java.sql.Timestamp.from(since);
      java.sql.Timestamp u = java.sql.Timestamp.from(until);
      for (int q = 0; q < 3; q++) {
        try (PreparedStatement p = c.prepareStatement(plan(q))) {
          p.setObject(1, org);
          p.setTimestamp(2, q == 2 ? u : s);
          p.setTimestamp(3, q == 2 ? s : u);
          System.out.println("EXPLAIN (ANALYZE, BUFFERS) of the journeys' query " + (q + 1) + ":");
          try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
              System.out.println("  " + rs.getString(1));
            }
          }
        }
      }
      c.rollback();
    }
  }

  /** Loads the org's data; returns contacts, inbox touchpoints, external ones, leads, won. */
  private static long[] load(DataSource admin, UUID org, int journeys, boolean vacuum)
      throws SQLException {
    // Touchpoints are written in time order, as an inbox writes them, so a contact's rows lie
    // scattered over the table (not side by side, as loading contact by contact would put them).
    java.util.List<Timed> inboxRows = new java.util.ArrayList<>();
    java.util.List<Timed> externalRows = new java.util.ArrayList<>();
    SplittableRandom random = new SplittableRandom(42L);
    StringBuilder contacts = new StringBuilder();
    StringBuilder inbox = new StringBuilder();
    StringBuilder external = new StringBuilder();
    StringBuilder leads = new StringBuilder();
    long[] n = new long[5];
    try (Connection c = admin.getConnection()) {
      c.setAutoCommit(false);
      PGConnection pg = c.unwrap(PGConnection.class);
      for (int j = 0; j < journeys; j++) {
        UUID contact = new UUID(43L, j);
        // Each journey ends somewhere in the last 90 days; its touches reach back up to 60.
        Instant end = NOW.minusSeconds(1 + random.nextLong(90L * 86_400));
        int touches = 1;
        while (touches < 8 && random.nextInt(100) < 55) {
          touches++;
        }
        Instant[] at = new Instant[touches];
        at[touches - 1] = end;
        for (int i = touches - 2; i >= 0; i--) {
          at[i] = at[i + 1].minusSeconds(600 + random.nextLong(7L * 86_400));
        }
        contacts
            .append(contact)
            .append(',')
            .append(org)
            .append(",Bench,")
            .append(at[0])
            .append(',')
            .append(at[0])
            .append('\n');
        n[0]++;
        int previous = -1;
        for (int i = 0; i < touches; i++) {
          // Skewed popularity, and a third of touches repeat the previous channel.
          int ch = previous >= 0 && random.nextInt(3) == 0 ? previous : skewed(random);
          previous = ch;
          String campaign = "campaign_" + random.nextInt(20);
          if (ch < INBOX.length) {
            inbox
                .append(UUID.randomUUID())
                .append(',')
                .append(org)
                .append(',')
                .append(contact)
                .append(',')
                .append(INBOX[ch])
                .append(',')
                .append(campaign)
                .append(",,,")
                .append(at[i])
                .append(",,\n");
            inboxRows.add(new Timed(at[i], inbox.toString()));
            inbox.setLength(0);
            n[1]++;
          } else {
            external
                .append(UUID.randomUUID())
                .append(',')
                .append(org)
                .append(',')
                .append(contact)
                .append(',')
                .append(ADS[ch - INBOX.length])
                .append(',')
                .append(campaign)
                .append(',')
                .append(at[i])
                .append(',')
                .append(at[i])
                .append('\n');
            externalRows.add(new Timed(at[i], external.toString()));
            external.setLength(0);
            n[2]++;
          }
        }
        int outcome = random.nextInt(100);
        if (outcome < 8) {
          boolean won = outcome < 5;
          Instant closed = end.plusSeconds(60);
          leads
              .append(UUID.randomUUID())
              .append(',')
              .append(org)
              .append(',')
              .append(contact)
              .append(",,sms,,,")
              .append(won ? "won" : "lost")
              .append(",,{},,,")
              .append(won ? "won" : "lost")
              .append(',')
              .append(won ? (100 + random.nextInt(4_900)) + ".00" : "")
              .append(',')
              .append(won ? "USD" : "")
              .append(',')
              .append(closed)
              .append(',')
              .append(won ? "" : "price")
              .append(',')
              .append(at[0])
              .append(',')
              .append(closed)
              .append('\n');
          n[3]++;
          n[4] += won ? 1 : 0;
        }
        if (j % 20_000 == 19_999 || j == journeys - 1) {
          BenchDatabase.copy(
              pg, SCHEMA, "contacts (id, org_id, display_name, created_at, updated_at)", contacts);
          BenchDatabase.copy(
              pg,
              SCHEMA,
              "touchpoints (id, org_id, contact_id, channel, campaign_id, ad_id, post_id,"
                  + " occurred_at, source_message_id, thread_id)",
              inbox);
          BenchDatabase.copy(
              pg,
              SCHEMA,
              "external_touchpoints (id, org_id, contact_id, channel, campaign,"
                  + " occurred_at, recorded_at)",
              external);
          BenchDatabase.copy(
              pg,
              SCHEMA,
              "leads (id, org_id, contact_id, thread_id, source_channel, campaign_id, ad_id,"
                  + " stage, owner_user_id, fields, score, scored_at, outcome, amount, currency,"
                  + " closed_at, outcome_reason, created_at, updated_at)",
              leads);
        }
      }
      copyInTimeOrder(
          pg,
          "touchpoints (id, org_id, contact_id, channel, campaign_id, ad_id, post_id,"
              + " occurred_at, source_message_id, thread_id)",
          inboxRows);
      copyInTimeOrder(
          pg,
          "external_touchpoints (id, org_id, contact_id, channel, campaign,"
              + " occurred_at, recorded_at)",
          externalRows);
      c.commit();
      c.setAutoCommit(true);
      try (Statement st = c.createStatement()) {
        if (vacuum) {
          st.execute("vacuum analyze " + SCHEMA + ".contacts");
          st.execute("vacuum analyze " + SCHEMA + ".touchpoints");
          st.execute("vacuum analyze " + SCHEMA + ".external_touchpoints");
          st.execute("vacuum analyze " + SCHEMA + ".leads");
        } else {
          st.execute("analyze " + SCHEMA + ".contacts");
          st.execute("analyze " + SCHEMA + ".touchpoints");
          st.execute("analyze " + SCHEMA + ".external_touchpoints");
          st.execute("analyze " + SCHEMA + ".leads");
        }
      }
    }
    return n;
  }

  private static int skewed(SplittableRandom random) {
    // Channel k is chosen with weight 10 - k: 10 channels, the first the most popular.
    int r = random.nextInt(55);
    int k = 0;
    int w = 10;
    while (r >= w) {
      r -= w;
      w--;
      k++;
    }
    return k;
  }

  private static void copyInTimeOrder(PGConnection pg, String table, java.util.List<Timed> rows)
      throws SQLException {
    rows.sort(java.util.Comparator.comparing(Timed::at));
    StringBuilder chunk = new StringBuilder();
    for (int i = 0; i < rows.size(); i++) {
      chunk.append(rows.get(i).line());
      if (i % 50_000 == 49_999) {
        BenchDatabase.copy(pg, SCHEMA, table, chunk);
      }
    }
    BenchDatabase.copy(pg, SCHEMA, table, chunk);
    rows.clear();
  }
}
