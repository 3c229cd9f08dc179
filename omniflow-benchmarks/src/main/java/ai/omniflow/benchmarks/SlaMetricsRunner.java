package ai.omniflow.benchmarks;

import ai.omniflow.OmniFlow;
import ai.omniflow.jdbc.JdbcStore;
import ai.omniflow.sla.SpeedToLeadQuery;
import ai.omniflow.sla.SpeedToLeadReport;
import ai.omniflow.sla.WinRateReport;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import ai.omniflow.tenancy.User;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * Times the speed-to-lead metrics over PostgreSQL for one org with many threads, each with its
 * first response: it migrates a schema of its own ({@value #SCHEMA}, dropped first), makes an org
 * through OmniFlow, loads its contacts, threads, first responses and leads with {@code COPY}
 * (deterministic, seed 42), sets each first response's first lead as the lead store keeps it (V25),
 * {@code VACUUM ANALYZE}s, then, in each round, asks {@code SlaService.speedToLead} for every
 * grouping and {@code SlaService.winRateByFirstResponse} over the last 90 days (every thread of the
 * org), as the application role under row-level security, and times {@code GET /sla/metrics}'s work
 * (the report and the win rate) per grouping. The target: 100,000 threads, the metrics in
 * at most 300 ms.
 *
 * <pre>
 * ./mvnw -B -q -pl omniflow-benchmarks -am package -DskipTests
 * java -cp omniflow-benchmarks/target/benchmarks.jar ai.omniflow.benchmarks.SlaMetricsRunner \
 *     jdbc:postgresql://127.0.0.1:5432/test postgres [threads] [rounds]
 * </pre>
 *
 * <p>The user named must be able to create roles and schemas (it loads with {@code COPY}); the
 * metrics run as the role {@value #APP_ROLE}, which it creates.
 */
public final class SlaMetricsRunner {
  static final String SCHEMA = "omniflow_bench_sla";
  static final String APP_ROLE = "omniflow_bench_sla_app";
  private static final String APP_PASSWORD = "bench-only";

  private static final String[] CHANNELS = {
    "instagram_dm",
    "instagram_comment",
    "facebook_dm",
    "facebook_comment",
    "lead_form",
    "whatsapp",
    "sms",
    "email"
  };

  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
  private static final int AGENTS = 40;
  private static final int CAMPAIGNS = 25;

  private SlaMetricsRunner() {}

  /** Runs; arguments: JDBC URL, admin user, threads (default 100,000), rounds (default 7). */
  public static void main(String[] args) throws SQLException {
    String url = args.length > 0 ? args[0] : "jdbc:postgresql://127.0.0.1:5432/test";
    String admin = args.length > 1 ? args[1] : "postgres";
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 7;
    DataSource adminDs = BenchDatabase.admin(url, admin);
    long t0 = System.nanoTime();
    BenchDatabase.migrate(adminDs, SCHEMA, APP_ROLE, APP_PASSWORD, true);
    DataSource app = BenchDatabase.dataSource(url, APP_ROLE, APP_PASSWORD);
    JdbcStore store = JdbcStore.create(app, SCHEMA);
    OmniFlow omniFlow =
        OmniFlow.builder().store(store).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    UUID org = new UUID(52L, 1L);
    User owner = new User(new UUID(52L, 2L), "bench-sla@example.com", "Bench", NOW);
    Actor actor = Actor.of(org, owner.id(), Role.OWNER);
    omniFlow.tenancy().createOrg(org, "Bench SLA", owner);
    System.out.printf(
        Locale.ROOT, "migrated %s in %.0f ms%n", SCHEMA, BenchDatabase.ms(System.nanoTime() - t0));
    long t1 = System.nanoTime();
    long[] rows = load(adminDs, org, threads);
    System.out.printf(
        Locale.ROOT,
        "loaded %,d threads with first responses (%,d answered), %,d leads (%,d closed) with COPY"
            + " and VACUUM ANALYZE in %.0f ms%n",
        rows[0],
        rows[1],
        rows[2],
        rows[3],
        BenchDatabase.ms(System.nanoTime() - t1));

    Instant from = NOW.minus(Duration.ofDays(90));
    SpeedToLeadQuery.GroupBy[] groupings = SpeedToLeadQuery.GroupBy.values();
    double[][] endpoint = new double[groupings.length][rounds];
    for (int round = 1; round <= rounds; round++) {
      StringBuilder line = new StringBuilder("round " + round + ":");
      for (int g = 0; g < groupings.length; g++) {
        SpeedToLeadQuery query = new SpeedToLeadQuery(from, NOW, groupings[g]);
        long s = System.nanoTime();
        SpeedToLeadReport r = omniFlow.sla().speedToLead(actor, query);
        long reportNs = System.nanoTime() - s;
        s = System.nanoTime();
        WinRateReport w = omniFlow.sla().winRateByFirstResponse(actor, query);
        long winNs = System.nanoTime() - s;
        endpoint[g][round - 1] = BenchDatabase.ms(reportNs + winNs);
        line.append(
            String.format(
                Locale.ROOT,
                " %s %.0f ms (report %.0f + win rate %.0f; %,d clocks, %d groups, %,d leads)",
                groupings[g].wireName(),
                BenchDatabase.ms(reportNs + winNs),
                BenchDatabase.ms(reportNs),
                BenchDatabase.ms(winNs),
                r.total().clocks(),
                r.groups().size(),
                w.buckets().stream().mapToLong(WinRateReport.Bucket::leads).sum()));
      }
      System.out.println(line);
    }
    for (int g = 0; g < groupings.length; g++) {
      Percentiles t = Percentiles.ofMillis(endpoint[g]);
      System.out.printf(
          Locale.ROOT,
          "GET /sla/metrics group_by=%s: median %.0f ms, best %.0f ms, worst %.0f ms over %d"
              + " rounds%n",
          groupings[g].wireName(),
          t.upperMiddle(),
          t.min(),
          t.max(),
          t.count());
    }
  }

  /** Loads the org's data; returns threads, answered, leads, closed leads. */
  private static long[] load(DataSource admin, UUID org, int threads) throws SQLException {
    SplittableRandom random = new SplittableRandom(42L);
    UUID[] agents = new UUID[AGENTS];
    for (int i = 0; i < AGENTS; i++) {
      agents[i] = new UUID(53L, i);
    }
    StringBuilder contacts = new StringBuilder();
    StringBuilder inbox = new StringBuilder();
    StringBuilder responses = new StringBuilder();
    StringBuilder leads = new StringBuilder();
    long[] n = new long[4];
    try (Connection c = admin.getConnection()) {
      c.setAutoCommit(false);
      PGConnection pg = c.unwrap(PGConnection.class);
      for (int j = 0; j < threads; j++) {
        UUID contact = new UUID(54L, j);
        UUID thread = new UUID(55L, j);
        Instant start = NOW.minusSeconds(1 + random.nextLong(90L * 86_400));
        String channel = CHANNELS[random.nextInt(CHANNELS.length)];
        UUID agent = agents[random.nextInt(AGENTS)];
        contacts
            .append(contact)
            .append(',')
            .append(org)
            .append(",Bench,")
            .append(start)
            .append(',')
            .append(start)
            .append('\n');
        inbox
            .append(thread)
            .append(',')
            .append(org)
            .append(',')
            .append(contact)
            .append(',')
            .append(channel)
            .append(",,dm:")
            .append(j)
            .append(",open,,")
            .append(start)
            .append(",,")
            .append(start)
            .append(",1,")
            .append(start)
            .append(',')
            .append(start)
            .append('\n');
        // Most threads are answered; waits spread from seconds to days (exponential, mean 40 min).
        boolean answered = random.nextInt(100) < 85;
        Duration window = Duration.ofMinutes(15);
        Instant due = start.plus(window);
        long waitSeconds = (long) (-Math.log(1 - random.nextDouble()) * 2_400);
        Instant responded = answered ? start.plusSeconds(waitSeconds) : null;
        long countedNanos = answered ? waitSeconds * 700_000_000L : -1;
        boolean breached = answered && responded.isAfter(due);
        responses
            .append(thread)
            .append(',')
            .append(org)
            .append(',')
            .append(channel)
            .append(',')
            .append(agent)
            .append(',')
            .append(start)
            .append(',')
            .append(due)
            .append(',')
            .append(answered ? responded.toString() : "")
            .append(',')
            .append(answered ? Long.toString(countedNanos) : "")
            .append(",false,")
            .append(breached)
            .append('\n');
        n[0]++;
        n[1] += answered ? 1 : 0;
        // A third of the threads became leads; of those, a third closed, the faster the likelier
        // won.
        if (random.nextInt(3) == 0) {
          int outcome = random.nextInt(3);
          boolean closed = outcome == 0;
          boolean won = closed && random.nextInt(100) < (answered && waitSeconds < 1_800 ? 60 : 25);
          Instant created = start.plusSeconds(30);
          Instant closedAt = created.plusSeconds(3_600);
          leads
              .append(UUID.randomUUID())
              .append(',')
              .append(org)
              .append(',')
              .append(contact)
              .append(',')
              .append(thread)
              .append(',')
              .append(channel)
              .append(",campaign_")
              .append(random.nextInt(CAMPAIGNS))
              .append(",,")
              .append(closed ? (won ? "won" : "lost") : "new")
              .append(",,{},,,")
              .append(closed ? (won ? "won" : "lost") : "")
              .append(',')
              .append(won ? "100.00" : "")
              .append(',')
              .append(won ? "USD" : "")
              .append(',')
              .append(closed ? closedAt.toString() : "")
              .append(",,")
              .append(created)
              .append(',')
              .append(closed ? closedAt : created)
              .append('\n');
          n[2]++;
          n[3] += closed ? 1 : 0;
        }
        if (j % 20_000 == 19_999 || j == threads - 1) {
          BenchDatabase.copy(
              pg, SCHEMA, "contacts (id, org_id, display_name, created_at, updated_at)", contacts);
          BenchDatabase.copy(
              pg,
              SCHEMA,
              "inbox_threads (id, org_id, contact_id, channel, account_ref, external_key, status,"
                  + " assignee_user_id, last_inbound_at, last_outbound_at, last_activity_at,"
                  + " unread_count, created_at, updated_at)",
              inbox);
          BenchDatabase.copy(
              pg,
              SCHEMA,
              "sla_first_responses (thread_id, org_id, channel, agent_user_id, started_at,"
                  + " due_at, responded_at, counted_nanos, wall_time, breached)",
              responses);
          BenchDatabase.copy(
              pg,
              SCHEMA,
              "leads (id, org_id, contact_id, thread_id, source_channel, campaign_id, ad_id,"
                  + " stage, owner_user_id, fields, score, scored_at, outcome, amount, currency,"
                  + " closed_at, outcome_reason, created_at, updated_at)",
              leads);
        }
      }
      // COPY goes around the lead store, which keeps each first response's first lead on its row
      // (V25, decision 0064): set them as it would have, as V25's backfill does.
      try (Statement st = c.createStatement()) {
        st.executeUpdate(
            "update "
                + SCHEMA
                + ".sla_first_responses fr set lead_id = l.id, lead_created_at = l.created_at,"
                + " lead_source = l.source_channel, lead_campaign = l.campaign_id,"
                + " lead_outcome = l.outcome from (select distinct on (thread_id) id, org_id,"
                + " thread_id, created_at, source_channel, campaign_id, outcome from "
                + SCHEMA
                + ".leads where thread_id is not null order by thread_id, created_at, id) l"
                + " where l.thread_id = fr.thread_id and l.org_id = fr.org_id");
      }
      c.commit();
      c.setAutoCommit(true);
      try (Statement st = c.createStatement()) {
        st.execute("vacuum analyze " + SCHEMA + ".contacts");
        st.execute("vacuum analyze " + SCHEMA + ".inbox_threads");
        st.execute("vacuum analyze " + SCHEMA + ".sla_first_responses");
        st.execute("vacuum analyze " + SCHEMA + ".leads");
      }
    }
    return n;
  }
}
