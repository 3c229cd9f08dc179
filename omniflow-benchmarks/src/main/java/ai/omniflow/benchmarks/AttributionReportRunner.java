package ai.omniflow.benchmarks;

import ai.omniflow.OmniFlow;
import ai.omniflow.attribution.AttributionReport;
import ai.omniflow.attribution.FunnelReport;
import ai.omniflow.attribution.ReportQuery;
import ai.omniflow.attribution.TimeToConvertReport;
import ai.omniflow.jdbc.JdbcStore;
import ai.omniflow.jdbc.OmniFlowSchema;
import ai.omniflow.store.spi.JourneyRepository;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import ai.omniflow.tenancy.User;
import java.io.StringReader;
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
import org.postgresql.ds.PGSimpleDataSource;

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

  private static final String ACTIVITY_PLAN =
      "explain (analyze, buffers) select * from (select contact_id, 0 as kind, occurred_at as at,"
          + " seq as ord, channel, campaign_id as campaign, null::timestamptz as closed_at,"
          + " null::text as outcome, null::numeric as amount, null::text as currency from "
          + SCHEMA
          + ".touchpoints where org_id = ? and occurred_at >= ? and occurred_at < ? union all"
          + " select contact_id, 1, occurred_at, seq, channel, campaign, null, null, null, null"
          + " from "
          + SCHEMA
          + ".external_touchpoints where org_id = ? and contact_id is not null and occurred_at"
          + " >= ? and occurred_at < ? union all select contact_id, 2, created_at, 0, null, null,"
          + " closed_at, outcome, amount, currency from "
          + SCHEMA
          + ".leads where org_id = ? and created_at < ? and (closed_at is null or closed_at >= ?))"
          + " a order by contact_id, (kind = 2), at, kind, ord, closed_at nulls last";

  private AttributionReportRunner() {}

  /** Runs; arguments: JDBC URL, admin user, journeys (default 100,000), rounds (default 7). */
  public static void main(String[] args) throws SQLException {
    String url = args.length > 0 ? args[0] : "jdbc:postgresql://127.0.0.1:5432/test";
    String admin = args.length > 1 ? args[1] : "postgres";
    int journeys = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 7;
    DataSource adminDs = dataSource(url, admin, System.getenv().getOrDefault("PGPASSWORD", ""));
    long t0 = System.nanoTime();
    try (Connection c = adminDs.getConnection();
        Statement st = c.createStatement()) {
      st.execute("drop schema if exists " + SCHEMA + " cascade");
    }
    OmniFlowSchema.ensureAppRole(adminDs, APP_ROLE, APP_PASSWORD);
    OmniFlowSchema.migrate(adminDs, SCHEMA, APP_ROLE);
    DataSource app = dataSource(url, APP_ROLE, APP_PASSWORD);
    JdbcStore store = JdbcStore.create(app, SCHEMA);
    OmniFlow omniFlow =
        OmniFlow.builder().store(store).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    UUID org = new UUID(42L, 1L);
    User owner = new User(new UUID(42L, 2L), "bench@example.com", "Bench", NOW);
    omniFlow.tenancy().createOrg(org, "Bench", owner);
    Actor actor = Actor.of(org, owner.id(), Role.OWNER);
    System.out.printf(Locale.ROOT, "migrated %s in %.0f ms%n", SCHEMA, ms(System.nanoTime() - t0));

    long t1 = System.nanoTime();
    long[] rows = load(adminDs, org, journeys);
    System.out.printf(
        Locale.ROOT,
        "loaded %,d contacts, %,d inbox and %,d external touchpoints, %,d leads (%,d won) with"
            + " COPY in %.0f ms%n",
        rows[0],
        rows[1],
        rows[2],
        rows[3],
        rows[4],
        ms(System.nanoTime() - t1));

    Instant from = NOW.minus(Duration.ofDays(90));
    ReportQuery query = ReportQuery.of(from, NOW);
    for (int round = 1; round <= rounds; round++) {
      long s = System.nanoTime();
      AttributionReport r = omniFlow.attribution().report(actor, query);
      long reportNs = System.nanoTime() - s;
      s = System.nanoTime();
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
      s = System.nanoTime();
      FunnelReport f = omniFlow.attribution().funnel(actor, from, NOW);
      long funnelNs = System.nanoTime() - s;
      s = System.nanoTime();
      TimeToConvertReport t = omniFlow.attribution().timeToConvert(actor, from, NOW);
      long ttcNs = System.nanoTime() - s;
      System.out.printf(
          Locale.ROOT,
          "round %d: report (11 models) %.0f ms over %,d journeys, %s %s conversions;"
              + " journey stream alone %.0f ms (%,d contacts); funnel %.0f ms (%,d leads);"
              + " time to convert %.0f ms (%,d won)%n",
          round,
          ms(reportNs),
          r.journeys(),
          r.models().get(0).conversions(),
          r.currency(),
          ms(streamNs),
          contacts.get(),
          ms(funnelNs),
          f.total().leads(),
          ms(ttcNs),
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
      try (PreparedStatement p = c.prepareStatement(ACTIVITY_PLAN)) {
        java.sql.Timestamp s = java.sql.Timestamp.from(since);
        java.sql.Timestamp u = java.sql.Timestamp.from(until);
        p.setObject(1, org);
        p.setTimestamp(2, s);
        p.setTimestamp(3, u);
        p.setObject(4, org);
        p.setTimestamp(5, s);
        p.setTimestamp(6, u);
        p.setObject(7, org);
        p.setTimestamp(8, u);
        p.setTimestamp(9, s);
        System.out.println("EXPLAIN (ANALYZE, BUFFERS) of the journeys' query:");
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            System.out.println("  " + rs.getString(1));
          }
        }
      }
      c.rollback();
    }
  }

  /** Loads the org's data; returns contacts, inbox touchpoints, external ones, leads, won. */
  private static long[] load(DataSource admin, UUID org, int journeys) throws SQLException {
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
          copy(pg, "contacts (id, org_id, display_name, created_at, updated_at)", contacts);
          copy(
              pg,
              "touchpoints (id, org_id, contact_id, channel, campaign_id, ad_id, post_id,"
                  + " occurred_at, source_message_id, thread_id)",
              inbox);
          copy(
              pg,
              "external_touchpoints (id, org_id, contact_id, channel, campaign,"
                  + " occurred_at, recorded_at)",
              external);
          copy(
              pg,
              "leads (id, org_id, contact_id, thread_id, source_channel, campaign_id, ad_id,"
                  + " stage, owner_user_id, fields, score, scored_at, outcome, amount, currency,"
                  + " closed_at, outcome_reason, created_at, updated_at)",
              leads);
        }
      }
      c.commit();
      c.setAutoCommit(true);
      try (Statement st = c.createStatement()) {
        st.execute("analyze " + SCHEMA + ".contacts");
        st.execute("analyze " + SCHEMA + ".touchpoints");
        st.execute("analyze " + SCHEMA + ".external_touchpoints");
        st.execute("analyze " + SCHEMA + ".leads");
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

  private static void copy(PGConnection pg, String table, StringBuilder rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try {
      pg.getCopyAPI()
          .copyIn(
              "copy " + SCHEMA + "." + table + " from stdin (format csv)",
              new StringReader(rows.toString()));
    } catch (java.io.IOException e) {
      throw new SQLException("copy failed", e);
    }
    rows.setLength(0);
  }

  private static DataSource dataSource(String url, String user, String password) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(url);
    ds.setUser(user);
    ds.setPassword(password);
    return ds;
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }
}
