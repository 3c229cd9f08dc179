package ai.omniflow.benchmarks;

import ai.omniflow.OmniFlow;
import ai.omniflow.inbox.InboxThread;
import ai.omniflow.internal.SlaClocksWithin;
import ai.omniflow.jdbc.JdbcStore;
import ai.omniflow.jdbc.SlaScheduler;
import ai.omniflow.routing.Agent;
import ai.omniflow.routing.Availability;
import ai.omniflow.routing.RoutingGroup;
import ai.omniflow.routing.RoutingPolicy;
import ai.omniflow.sla.BusinessCalendar;
import ai.omniflow.sla.EscalationStep;
import ai.omniflow.sla.SlaCalendar;
import ai.omniflow.sla.SlaEvents;
import ai.omniflow.sla.SlaPolicy;
import ai.omniflow.sla.SlaReading;
import ai.omniflow.sla.SlaStep;
import ai.omniflow.sla.SlaTarget;
import ai.omniflow.sla.ThreadClock;
import ai.omniflow.store.spi.SlaClockRepository;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import ai.omniflow.tenancy.User;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * SLA clocks on PostgreSQL at scale (issue 13's targets): an org with {@code --clocks} open clocks
 * (default 100,000), each with its thread, contact, first response and pending db-scheduler steps,
 * loaded with {@code COPY} (deterministic, seed 42) into a schema of its own ({@value #SCHEMA},
 * dropped first), its agents, groups, policy and calendars made through OmniFlow. Then two parts:
 *
 * <ol>
 *   <li><b>Scheduling work per inbound message.</b> For {@code --messages} threads in turn, a human
 *       reply (the clock stops and its steps are cancelled), an inbound message (a next-response
 *       clock starts and its steps are scheduled) and another inbound message (the clock runs on:
 *       nothing changes), each in its own transaction as the application role, as ingest and send
 *       run them. It times the call those paths make inside their transaction, {@link
 *       SlaClocksWithin#message} on the clock keeping {@code SlaService.clockKeeping()} hands out,
 *       the one ingest and send run (the clock locked, the policy and calendar read, the clock
 *       moved, saved, its steps replaced, the first response kept; decision 0088), and the whole
 *       transaction with its commit, after {@code --warmup} threads of each kind not counted
 *       (default 500), and prints each kind's p99 by quarter of the run. The target: p99 at
 *       most 2 ms.
 *   <li><b>Breaches.</b> {@code --breaches} of the clocks (default 20,000) are due one after
 *       another at {@code --due-rate} a second (0: all at the same instant), starting a few seconds
 *       after {@code --nodes} real {@link SlaScheduler}s ({@code --threads} each, polling every
 *       {@code --polling-ms}) start over the same database. Each breach step runs {@code
 *       SlaService.runStepsInBatch} (the clock locked, the step marked done, {@code
 *       sla.clock_breached} recorded with its audit entry, the execution deleted), and with it the
 *       policy's breach escalation, due at the same instant and so in the same execution (decision
 *       0082); an execution takes up to {@code --step-batch} - 1 other due executions of the org
 *       into its transaction (default 100; 1 runs each alone, as before decision 0096). It reports
 *       how late each breach fired (its event's instant minus its due time), p50, p99 and max, and
 *       the breaches fired a second. The target: within 2 s of due at 1,000 breaches a
 *       second.
 * </ol>
 *
 * <pre>
 * ./mvnw -B -q -pl omniflow-benchmarks -am package -DskipTests
 * java -cp omniflow-benchmarks/target/benchmarks.jar ai.omniflow.benchmarks.SlaClockRunner \
 *     --db jdbc:postgresql://127.0.0.1:5432/test --user postgres \
 *     --clocks 100000 --messages 2000 --breaches 20000 --due-rate 1000 --nodes 1 --threads 8
 * </pre>
 *
 * <p>The policy is 30 minutes of business time, at risk at 75 %, with the generic default's
 * escalation (the assignee on warning, a manager on breach; {@code --escalation false} for none);
 * the org has a New York office calendar (two periods a day, ten holidays), one calendar per
 * routing group and {@code --agent-calendars} agent calendars, all with the office's hours, so that
 * the loaded clocks' due times hold whichever calendar applies. The user named must be able to
 * create roles and schemas.
 *
 * <p>{@code --direct true} runs the burst's executions instead with {@code SlaService.runSteps}
 * from {@code --threads} threads as fast as they go, without db-scheduler: the steps' own ceiling.
 * Each part also prints the CPU per operation of this JVM and of the role's PostgreSQL backends
 * (read from {@code /proc}), which a busy machine changes much less than the latencies.
 */
public final class SlaClockRunner {
  static final String SCHEMA = "omniflow_bench_sla_clocks";
  static final String APP_ROLE = "omniflow_bench_sla_clocks_app";
  private static final String APP_PASSWORD = "bench-only";
  private static final int AGENTS = 40;
  private static final int GROUPS = 4;
  private static final Duration WINDOW = Duration.ofMinutes(30);

  /** The burst's due times are loaded from here and moved to just after the schedulers start. */
  private static final Instant BURST_BASE = Instant.parse("2035-01-01T00:00:00Z");

  private SlaClockRunner() {}

  /** What one run does, from the command line. */
  private record Plan(
      int clocks,
      int messages,
      int breaches,
      double dueRate,
      int nodes,
      int threads,
      int pollingMs,
      boolean escalation,
      int agentCalendars,
      boolean direct,
      int stepBatch,
      int warmup) {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = RunnerOptions.parse(args);
    String db = o.getOrDefault("db", "jdbc:postgresql://127.0.0.1:5432/test");
    String admin = o.getOrDefault("user", "postgres");
    Plan plan =
        new Plan(
            Integer.parseInt(o.getOrDefault("clocks", "100000")),
            Integer.parseInt(o.getOrDefault("messages", "2000")),
            Integer.parseInt(o.getOrDefault("breaches", "20000")),
            Double.parseDouble(o.getOrDefault("due-rate", "1000")),
            Integer.parseInt(o.getOrDefault("nodes", "1")),
            Integer.parseInt(o.getOrDefault("threads", "8")),
            Integer.parseInt(o.getOrDefault("polling-ms", "1000")),
            Boolean.parseBoolean(o.getOrDefault("escalation", "true")),
            Integer.parseInt(o.getOrDefault("agent-calendars", "10")),
            Boolean.parseBoolean(o.getOrDefault("direct", "false")),
            Integer.parseInt(o.getOrDefault("step-batch", "100")),
            Integer.parseInt(o.getOrDefault("warmup", "500")));
    if (plan.warmup() < 0 || plan.breaches() + plan.messages() + plan.warmup() > plan.clocks()) {
      throw new IllegalArgumentException("--clocks must exceed --breaches + --messages + --warmup");
    }
    DataSource adminDs = BenchDatabase.admin(db, admin);
    long t0 = System.nanoTime();
    BenchDatabase.migrate(adminDs, SCHEMA, APP_ROLE, APP_PASSWORD, true);
    HikariConfig pool = new HikariConfig();
    pool.setDataSource(BenchDatabase.dataSource(db, APP_ROLE, APP_PASSWORD));
    pool.setMaximumPoolSize(plan.nodes() * (plan.threads() + 3) + 4);
    try (HikariDataSource app = new HikariDataSource(pool)) {
      run(adminDs, app, plan, t0);
    }
    System.exit(0);
  }

  private static void run(DataSource adminDs, DataSource app, Plan plan, long t0) throws Exception {
    JdbcStore store = JdbcStore.create(app, SCHEMA);
    Clock clock = Clock.systemUTC();
    OmniFlow omniFlow = OmniFlow.builder().store(store).clock(clock).build();
    Instant now = clock.instant();
    UUID org = new UUID(60L, 1L);
    User owner = new User(new UUID(60L, 2L), "bench-sla-clocks@example.com", "Bench", now);
    Actor actor = Actor.of(org, owner.id(), Role.OWNER);
    omniFlow.tenancy().createOrg(org, "Bench SLA clocks", owner);
    UUID[] users = new UUID[AGENTS];
    UUID[] agents = new UUID[AGENTS];
    for (int i = 0; i < AGENTS; i++) {
      users[i] = new UUID(61L, i);
      agents[i] = new UUID(62L, i);
      omniFlow
          .tenancy()
          .addMember(
              actor,
              new User(users[i], "agent" + i + "@bench.example", "Agent " + i, now),
              Role.AGENT);
      omniFlow
          .routing()
          .createAgent(
              actor,
              new Agent(
                  agents[i],
                  users[i],
                  "Agent " + i,
                  true,
                  1,
                  50,
                  Set.of("en"),
                  Availability.ALWAYS));
    }
    for (int g = 0; g < GROUPS; g++) {
      List<UUID> members = new ArrayList<>();
      for (int i = g; i < AGENTS; i += GROUPS) {
        members.add(agents[i]);
      }
      omniFlow
          .routing()
          .createGroup(actor, RoutingGroup.of("group" + g, RoutingPolicy.ROUND_ROBIN, members));
    }
    SlaPolicy policy =
        new SlaPolicy(
            List.of(SlaTarget.everywhere(WINDOW)),
            0.75,
            true,
            false,
            plan.escalation()
                ? List.of(
                    EscalationStep.onWarning(Duration.ZERO, EscalationStep.Action.NOTIFY_ASSIGNEE),
                    EscalationStep.onBreach(Duration.ZERO, EscalationStep.Action.NOTIFY_MANAGER))
                : List.of());
    omniFlow.sla().replaceConfig(actor, policy);
    ZoneId newYork = ZoneId.of("America/New_York");
    BusinessCalendar.Builder office = BusinessCalendar.builder().zone(newYork.getId());
    for (DayOfWeek d : DayOfWeek.values()) {
      if (d.getValue() <= 5) {
        office.open(d, "09:00", "12:30").open(d, "13:30", "18:00");
      }
    }
    for (String h :
        List.of(
            "2026-12-24",
            "2026-12-25",
            "2026-12-31",
            "2027-01-01",
            "2027-01-18",
            "2027-02-15",
            "2027-05-31",
            "2027-07-05",
            "2027-09-06",
            "2027-11-25")) {
      office.holiday(h);
    }
    BusinessCalendar calendar = office.build();
    omniFlow
        .sla()
        .createCalendar(
            actor, new SlaCalendar(new UUID(63L, 0L), "Office", SlaCalendar.Scope.org(), calendar));
    for (int g = 0; g < GROUPS; g++) {
      omniFlow
          .sla()
          .createCalendar(
              actor,
              new SlaCalendar(
                  new UUID(63L, 100L + g),
                  "Group " + g,
                  SlaCalendar.Scope.group("group" + g),
                  calendar));
    }
    for (int i = 0; i < Math.min(plan.agentCalendars(), AGENTS); i++) {
      omniFlow
          .sla()
          .createCalendar(
              actor,
              new SlaCalendar(
                  new UUID(63L, 200L + i),
                  "Agent " + i,
                  SlaCalendar.Scope.agent(agents[i]),
                  calendar));
    }
    System.out.printf(
        Locale.ROOT,
        "migrated %s and made the org (%d agents, %d groups, %d calendars) in %.0f ms%n",
        SCHEMA,
        AGENTS,
        GROUPS,
        1 + GROUPS + Math.min(plan.agentCalendars(), AGENTS),
        BenchDatabase.ms(System.nanoTime() - t0));

    long t1 = System.nanoTime();
    long steps = load(adminDs, org, users, policy, calendar, plan, now);
    System.out.printf(
        Locale.ROOT,
        "loaded %,d open clocks (%,d due in the burst) with %,d pending steps, their threads,"
            + " contacts and first responses with COPY and VACUUM ANALYZE in %.0f ms%n",
        plan.clocks(),
        plan.breaches(),
        steps,
        BenchDatabase.ms(System.nanoTime() - t1));
    System.out.printf(
        Locale.ROOT,
        "%d cores; load average %.2f%n",
        Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

    messages(adminDs, store, omniFlow.sla().clockKeeping(), org, users, plan, clock);
    breaches(adminDs, app, omniFlow, org, plan);
  }

  /** Part 1: the clock keeping of replies and inbound messages, timed per message. */
  private static void messages(
      DataSource adminDs,
      JdbcStore store,
      SlaClocksWithin keeping,
      UUID org,
      UUID[] users,
      Plan plan,
      Clock clock) {
    int open = plan.clocks() - plan.breaches();
    // Distinct threads, spread over the open clocks that are not in the burst.
    int warmup = plan.warmup();
    int[] picks = new int[plan.messages() + warmup];
    SplittableRandom random = new SplittableRandom(7L);
    boolean[] taken = new boolean[open];
    for (int i = 0; i < picks.length; i++) {
      int j;
      do {
        j = random.nextInt(open);
      } while (taken[j]);
      taken[j] = true;
      picks[i] = j;
    }
    SlaClocksWithin.Kind[] kinds = {
      SlaClocksWithin.Kind.HUMAN_REPLY, SlaClocksWithin.Kind.INBOUND, SlaClocksWithin.Kind.INBOUND
    };
    String[] names = {"human reply (stop)", "inbound (restart)", "inbound (clock runs on)"};
    // The first --warmup threads (500 unless said) of each kind warm up the JIT and the pool; they
    // are not counted.
    double[][] keepingMs = new double[3][plan.messages()];
    double[][] txMs = new double[3][plan.messages()];
    long started = System.nanoTime();
    ProcessCpu cpu = null;
    for (int k = 0; k < 3; k++) {
      for (int i = 0; i < picks.length; i++) {
        UUID thread = new UUID(65L, picks[i]);
        UUID agentUser = users[picks[i] % users.length];
        SlaClocksWithin.Kind kind = kinds[k];
        Actor who =
            kind == SlaClocksWithin.Kind.HUMAN_REPLY
                ? Actor.of(org, agentUser, Role.AGENT)
                : Actor.system(org);
        if (k == 0 && i == warmup) {
          cpu = ProcessCpu.now(adminDs, APP_ROLE);
        }
        long s = System.nanoTime();
        long inside =
            store.inTransaction(
                who,
                tx -> {
                  InboxThread t = tx.inbox().findThread(thread).orElseThrow();
                  long ks = System.nanoTime();
                  keeping.message(tx, t, clock.instant(), kind);
                  return System.nanoTime() - ks;
                });
        long whole = System.nanoTime() - s;
        if (i >= warmup) {
          keepingMs[k][i - warmup] = BenchDatabase.ms(inside);
          txMs[k][i - warmup] = BenchDatabase.ms(whole);
        }
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    double[] allKeeping = new double[3 * plan.messages()];
    double[] allTx = new double[3 * plan.messages()];
    for (int k = 0; k < 3; k++) {
      System.arraycopy(keepingMs[k], 0, allKeeping, k * plan.messages(), plan.messages());
      System.arraycopy(txMs[k], 0, allTx, k * plan.messages(), plan.messages());
      System.out.printf(
          Locale.ROOT,
          "%-24s clock keeping %s; transaction with commit %s%n",
          names[k],
          summary(keepingMs[k]),
          summary(txMs[k]));
      System.out.printf(
          Locale.ROOT,
          "%-24s clock keeping p99 by quarter, in order: %s%n",
          "",
          quarters(keepingMs[k]));
    }
    System.out.printf(
        Locale.ROOT,
        "all %,d messages          clock keeping %s; transaction with commit %s (%.1f s in all,"
            + " one client)%n",
        allKeeping.length,
        summary(allKeeping),
        summary(allTx),
        seconds);
    if (cpu != null) {
      System.out.println(
          "all messages: "
              + ProcessCpu.now(adminDs, APP_ROLE)
                  .per(cpu, allKeeping.length, "message (whole transaction)"));
    }
  }

  /** Part 2: the burst of breaches run by real schedulers; lateness and rate from the events. */
  private static void breaches(
      DataSource adminDs, DataSource app, OmniFlow omniFlow, UUID org, Plan plan) throws Exception {
    // Direct: every breach is due already, and --threads threads call runSteps for them in turn.
    Instant t0 =
        plan.direct()
            ? Instant.now().minusSeconds(600).truncatedTo(ChronoUnit.SECONDS)
            : Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.SECONDS);
    Duration shift = Duration.between(BURST_BASE, t0);
    try (Connection c = adminDs.getConnection();
        PreparedStatement clocks =
            c.prepareStatement(
                "update "
                    + SCHEMA
                    + ".sla_clocks set warn_at = warn_at + cast(? as interval), due_at = due_at"
                    + " + cast(? as interval) where due_at >= ?");
        PreparedStatement steps =
            c.prepareStatement(
                "update "
                    + SCHEMA
                    + ".scheduled_tasks set execution_time = execution_time + cast(? as interval)"
                    + " where execution_time >= ?");
        Statement st = c.createStatement()) {
      String interval = shift.toMillis() + " milliseconds";
      clocks.setString(1, interval);
      clocks.setString(2, interval);
      clocks.setTimestamp(3, Timestamp.from(BURST_BASE));
      clocks.executeUpdate();
      steps.setString(1, interval);
      steps.setTimestamp(2, Timestamp.from(BURST_BASE));
      steps.executeUpdate();
      st.execute("vacuum analyze " + SCHEMA + ".sla_clocks");
      st.execute("vacuum analyze " + SCHEMA + ".scheduled_tasks");
    }
    double spread = plan.dueRate() > 0 ? plan.breaches() / plan.dueRate() : 0;
    System.out.printf(
        Locale.ROOT,
        "breaches: %,d due from %s over %.1f s (%s), %d node(s) × %d threads, polling %d ms,"
            + " escalation on breach %s, up to %d executions a transaction%n",
        plan.breaches(),
        t0,
        spread,
        plan.dueRate() > 0 ? String.format(Locale.ROOT, "%.0f/s", plan.dueRate()) : "at once",
        plan.nodes(),
        plan.threads(),
        plan.pollingMs(),
        plan.escalation(),
        plan.stepBatch());
    if (plan.direct()) {
      direct(adminDs, omniFlow, plan);
      return;
    }
    ProcessCpu cpu = ProcessCpu.now(adminDs, APP_ROLE);
    List<SlaScheduler> nodes = new ArrayList<>();
    for (int n = 0; n < plan.nodes(); n++) {
      SlaScheduler s =
          SlaScheduler.builder(app, SCHEMA, omniFlow.sla())
              .name("bench-" + n)
              .threads(plan.threads())
              .pollingInterval(Duration.ofMillis(plan.pollingMs()))
              .stepBatch(plan.stepBatch())
              .build();
      s.start();
      nodes.add(s);
    }
    long deadline = System.nanoTime() + (long) ((spread + 180) * 1e9);
    long done = 0;
    String count = "select count(*) from " + SCHEMA + ".events where org_id = ? and type = ?";
    try (Connection c = adminDs.getConnection();
        PreparedStatement q = c.prepareStatement(count)) {
      q.setObject(1, org);
      q.setString(2, SlaEvents.SLA_CLOCK_BREACHED);
      while (System.nanoTime() < deadline) {
        try (ResultSet rs = q.executeQuery()) {
          rs.next();
          done = rs.getLong(1);
        }
        if (done >= plan.breaches()) {
          break;
        }
        Thread.sleep(250);
      }
    }
    ProcessCpu after = ProcessCpu.now(adminDs, APP_ROLE);
    for (SlaScheduler s : nodes) {
      s.close();
    }
    System.out.println(
        "breaches: "
            + after.per(cpu, done, plan.escalation() ? "breach with its escalation" : "breach"));
    if (done < plan.breaches()) {
      System.out.printf(
          Locale.ROOT, "only %,d of %,d breaches fired in time%n", done, plan.breaches());
    }
    report(adminDs, org, SlaEvents.SLA_CLOCK_BREACHED, "breaches", t0);
    if (plan.escalation()) {
      report(adminDs, org, SlaEvents.SLA_ESCALATED, "breach escalations", t0);
    }
  }

  /**
   * Runs every due execution with {@code SlaService.runSteps} from {@code --threads} threads,
   * without db-scheduler (nor its pick and delete of each execution): the steps' own ceiling.
   */
  private static void direct(DataSource adminDs, OmniFlow omniFlow, Plan plan) throws Exception {
    List<List<SlaStep>> due = new ArrayList<>();
    try (Connection c = adminDs.getConnection();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "select task_instance, execution_time from "
                    + SCHEMA
                    + ".scheduled_tasks where execution_time < now() order by execution_time")) {
      while (rs.next()) {
        due.add(SlaStep.parseAll(rs.getString(1), rs.getTimestamp(2).toInstant()));
      }
    }
    java.util.concurrent.atomic.AtomicInteger next =
        new java.util.concurrent.atomic.AtomicInteger();
    List<Thread> workers = new ArrayList<>();
    long s = System.nanoTime();
    ProcessCpu cpu = ProcessCpu.now(adminDs, APP_ROLE);
    for (int t = 0; t < plan.threads(); t++) {
      Thread w =
          new Thread(
              () -> {
                for (int i = next.getAndIncrement(); i < due.size(); i = next.getAndIncrement()) {
                  omniFlow.sla().runSteps(due.get(i));
                }
              });
      w.start();
      workers.add(w);
    }
    for (Thread w : workers) {
      w.join();
    }
    double seconds = (System.nanoTime() - s) / 1e9;
    System.out.println(
        "direct: " + ProcessCpu.now(adminDs, APP_ROLE).per(cpu, due.size(), "execution"));
    System.out.printf(
        Locale.ROOT,
        "direct: %,d executions run by %d threads without db-scheduler in %.1f s: %.0f a second%n",
        due.size(),
        plan.threads(),
        seconds,
        due.size() / seconds);
  }

  /** Lateness of each event of {@code type} behind its clock's due time, and the rate. */
  private static void report(DataSource adminDs, UUID org, String type, String what, Instant t0)
      throws SQLException {
    List<Double> late = new ArrayList<>();
    Instant last = t0;
    Instant firstDue = null;
    try (Connection c = adminDs.getConnection();
        PreparedStatement q =
            c.prepareStatement(
                "select occurred_at, cast(payload->>'due_at' as timestamptz) from "
                    + SCHEMA
                    + ".events where org_id = ? and type = ? and occurred_at >= ?")) {
      q.setObject(1, org);
      q.setString(2, type);
      q.setTimestamp(3, Timestamp.from(t0.minusSeconds(1)));
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          Instant at = rs.getTimestamp(1).toInstant();
          Instant due = rs.getTimestamp(2).toInstant();
          late.add(BenchDatabase.ms(Duration.between(due, at).toNanos()));
          last = at.isAfter(last) ? at : last;
          firstDue = firstDue == null || due.isBefore(firstDue) ? due : firstDue;
        }
      }
    }
    double[] ms = late.stream().mapToDouble(Double::doubleValue).toArray();
    long within2s = late.stream().filter(x -> x <= 2_000).count();
    double span = firstDue == null ? 0 : Duration.between(firstDue, last).toNanos() / 1e9;
    System.out.printf(
        Locale.ROOT,
        "%s: %,d fired; late %s; %.1f %% within 2 s; %.0f a second (first due to last fired,"
            + " %.1f s)%n",
        what,
        ms.length,
        summary(ms),
        ms.length == 0 ? 0 : 100.0 * within2s / ms.length,
        span == 0 ? 0 : ms.length / span,
        span);
  }

  /**
   * Loads the clocks; returns the steps scheduled. Clocks {@code [0, clocks - breaches)} run on,
   * due in the next days; the rest are due in the burst (their warning done).
   */
  private static long load(
      DataSource admin,
      UUID org,
      UUID[] users,
      SlaPolicy policy,
      BusinessCalendar calendar,
      Plan plan,
      Instant now)
      throws SQLException {
    SplittableRandom random = new SplittableRandom(42L);
    StringBuilder contacts = new StringBuilder();
    StringBuilder threads = new StringBuilder();
    StringBuilder clocks = new StringBuilder();
    StringBuilder tasks = new StringBuilder();
    StringBuilder responses = new StringBuilder();
    int open = plan.clocks() - plan.breaches();
    long steps = 0;
    Instant base = now.truncatedTo(ChronoUnit.MICROS);
    try (Connection c = admin.getConnection()) {
      c.setAutoCommit(false);
      PGConnection pg = c.unwrap(PGConnection.class);
      for (int j = 0; j < plan.clocks(); j++) {
        UUID contact = new UUID(64L, j);
        UUID thread = new UUID(65L, j);
        UUID assignee = users[j % users.length];
        boolean burst = j >= open;
        Instant start;
        Instant due;
        // Clocks that run on are due as the office calendar says, which every calendar of the org
        // repeats (each scope's calendar is read and compiled alike, whichever applies).
        if (burst) {
          long offsetNanos = plan.dueRate() > 0 ? (long) ((j - open) * (1e9 / plan.dueRate())) : 0;
          due = BURST_BASE.plusNanos(offsetNanos).truncatedTo(ChronoUnit.MICROS);
          start = base.minus(Duration.ofMinutes(10)).minusSeconds(random.nextLong(3_600));
        } else {
          // Started in the last ten minutes: a third of the window at most, so that no open clock
          // is
          // due yet whatever the time of day (an hour back, a run in office hours found thousands
          // overdue, and its breach part fired them all).
          start = base.minusSeconds(random.nextLong(600));
          due = calendar.dueAt(start, WINDOW).truncatedTo(ChronoUnit.MICROS);
        }
        Instant warn =
            burst
                ? due.minus(WINDOW.dividedBy(4))
                : calendar
                    .dueAt(start, WINDOW.multipliedBy(3).dividedBy(4))
                    .truncatedTo(ChronoUnit.MICROS);
        // The warning and its escalation are done for clocks in the burst.
        int fired = burst ? (policy.escalation().isEmpty() ? 1 : 1 | 4) : 0;
        ThreadClock clock =
            new ThreadClock(
                thread,
                SlaReading.Clock.FIRST_RESPONSE,
                ThreadClock.Phase.RUNNING,
                start,
                start,
                WINDOW,
                Duration.ZERO,
                false,
                warn,
                due,
                null,
                false,
                fired);
        contacts
            .append(contact)
            .append(',')
            .append(org)
            .append(",Bench,")
            .append(start)
            .append(',')
            .append(start)
            .append('\n');
        threads
            .append(thread)
            .append(',')
            .append(org)
            .append(',')
            .append(contact)
            .append(",instagram_dm,,dm:")
            .append(j)
            .append(",open,")
            .append(assignee)
            .append(',')
            .append(start)
            .append(",,")
            .append(start)
            .append(",1,")
            .append(start)
            .append(',')
            .append(start)
            .append('\n');
        clocks
            .append(org)
            .append(',')
            .append(thread)
            .append(",first_response,running,")
            .append(start)
            .append(',')
            .append(start)
            .append(',')
            .append(WINDOW.toNanos())
            .append(",0,false,")
            .append(warn)
            .append(',')
            .append(due)
            .append(",,false,")
            .append(fired)
            .append('\n');
        // As the store writes them: one execution per instant (decision 0082).
        for (List<SlaStep> e : SlaStep.byInstant(SlaStep.of(org, clock, policy))) {
          tasks
              .append(SlaClockRepository.STEP_TASK)
              .append(',')
              .append(SlaStep.instanceId(e))
              .append(",,")
              .append(e.get(0).at())
              .append(",false,1\n");
          steps += e.size();
        }
        responses
            .append(thread)
            .append(',')
            .append(org)
            .append(",instagram_dm,")
            .append(assignee)
            .append(',')
            .append(start)
            .append(',')
            .append(due)
            .append(",,,false,false\n");
        if (j % 20_000 == 19_999 || j == plan.clocks() - 1) {
          BenchDatabase.copy(
              pg, SCHEMA, "contacts (id, org_id, display_name, created_at, updated_at)", contacts);
          BenchDatabase.copy(
              pg,
              SCHEMA,
              "inbox_threads (id, org_id, contact_id, channel, account_ref, external_key, status,"
                  + " assignee_user_id, last_inbound_at, last_outbound_at, last_activity_at,"
                  + " unread_count, created_at, updated_at)",
              threads);
          BenchDatabase.copy(
              pg,
              SCHEMA,
              "sla_clocks (org_id, thread_id, kind, phase, started_at, running_since,"
                  + " window_nanos, used_nanos, wall_time, warn_at, due_at, stopped_at, breached,"
                  + " fired)",
              clocks);
          BenchDatabase.copy(
              pg,
              SCHEMA,
              "scheduled_tasks (task_name, task_instance, task_data, execution_time, picked,"
                  + " version)",
              tasks);
          BenchDatabase.copy(
              pg,
              SCHEMA,
              "sla_first_responses (thread_id, org_id, channel, agent_user_id, started_at,"
                  + " due_at, responded_at, counted_nanos, wall_time, breached)",
              responses);
        }
      }
      c.commit();
      c.setAutoCommit(true);
      try (Statement st = c.createStatement()) {
        st.execute("vacuum analyze " + SCHEMA + ".contacts");
        st.execute("vacuum analyze " + SCHEMA + ".inbox_threads");
        st.execute("vacuum analyze " + SCHEMA + ".sla_clocks");
        st.execute("vacuum analyze " + SCHEMA + ".scheduled_tasks");
        st.execute("vacuum analyze " + SCHEMA + ".sla_first_responses");
      }
    }
    return steps;
  }

  /** p50 (the upper middle), p99 and max of {@code ms}. */
  /**
   * The p99 of each quarter of {@code ms}, in the order they were measured: a tail that shrinks
   * from the first quarter to the last is the JIT still compiling, one that stays is the path.
   */
  private static String quarters(double[] ms) {
    StringBuilder out = new StringBuilder();
    int q = ms.length / 4;
    for (int i = 0; q > 0 && i < 4; i++) {
      double[] part = java.util.Arrays.copyOfRange(ms, i * q, (i + 1) * q);
      out.append(i == 0 ? "" : " / ")
          .append(String.format(Locale.ROOT, "%.2f", Percentiles.ofMillis(part).at(0.99)));
    }
    return out.append(" ms").toString();
  }

  private static String summary(double[] ms) {
    if (ms.length == 0) {
      return "no data";
    }
    Percentiles p = Percentiles.ofMillis(ms);
    return String.format(
        Locale.ROOT, "p50 %.2f ms, p99 %.2f ms, max %.1f ms", p.upperMiddle(), p.at(0.99), p.max());
  }
}
