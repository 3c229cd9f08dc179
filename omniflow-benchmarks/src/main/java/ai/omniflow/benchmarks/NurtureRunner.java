package ai.omniflow.benchmarks;

import ai.omniflow.OmniFlow;
import ai.omniflow.connector.mock.MockConnectorFactory;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.connector.spi.InboundEvent;
import ai.omniflow.connector.spi.Referral;
import ai.omniflow.connector.spi.Sender;
import ai.omniflow.connectors.AuthorizationStart;
import ai.omniflow.connectors.ConnectorAccount;
import ai.omniflow.enrollment.EnrollmentHistoryEntry;
import ai.omniflow.inbox.IngestResult;
import ai.omniflow.jdbc.JdbcStore;
import ai.omniflow.jdbc.SlaScheduler;
import ai.omniflow.leads.Lead;
import ai.omniflow.pack.PackCatalog;
import ai.omniflow.store.spi.EnrollmentRepository;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import ai.omniflow.tenancy.User;
import ai.omniflow.vault.TokenVault;
import ai.omniflow.vault.tink.Keyset;
import ai.omniflow.verticals.ClasspathPackSource;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Nurture enrollments on PostgreSQL with two scheduler nodes (issue 14's "10,000 enrollments
 * advancing through 5 steps on PostgreSQL with no lost or duplicated step, two nodes running"): an
 * org on the shipped {@code generic} pack with an org playbook of five steps (a call task, a wait
 * of one minute, a follow-up task, a stage step, and a send of the pack's {@value #TEMPLATE}
 * template on SMS), {@code --enrollments} leads (default 10,000) each enrolled in it, in a schema
 * of its own ({@value #SCHEMA}, dropped first). Then {@code --nodes} (default 2) real {@link
 * SlaScheduler}s, each with its own OmniFlow instance over its own connection pool, as two hosts
 * would have, run the steps ({@code --threads} each, polling every {@code --polling-ms}); the first
 * steps fall due one after another over {@code --spread-s} seconds from a few seconds after the
 * nodes start.
 *
 * <pre>
 * ./mvnw -B -q -pl omniflow-benchmarks -am package -DskipTests
 * java -cp omniflow-benchmarks/target/benchmarks.jar ai.omniflow.benchmarks.NurtureRunner \
 *     --db jdbc:postgresql://127.0.0.1:5432/test --user postgres \
 *     --enrollments 10000 --nodes 2 --threads 4 --polling-ms 250 --spread-s 20 --send true
 * </pre>
 *
 * <p>The send goes the whole way a playbook's send goes: the step's transaction checks the
 * guardrails (consent, window, caps, quiet hours) and writes the draft, then {@code
 * InboxService.send} checks them again, claims the draft, and calls the connector with the draft's
 * id as the idempotency key, here the mock connector offline (in-process, no network), connected
 * through its OAuth flow, with a token vault the nodes share. The org's time zone is set so that it
 * is midday there (the contacts have no phone, so their sending hours are the org's), and the
 * template contact gives consent on SMS with an inbound {@code START}. {@code --send false} makes
 * the fifth step an email task instead, as the runner had it before.
 *
 * <p>Afterwards it checks, from the tables, that every enrollment ran each step exactly once: one
 * history line per step and kind, one task per task step, one {@code nurture.task_due} event per
 * task step, one {@code lead.stage_changed} per lead, one {@code nurture.completed}, no execution
 * left in {@code scheduled_tasks}, and what each node held running when sampled; with the send, one
 * draft per enrollment, each sent with its outbound message, one outbound message per thread, one
 * {@code message.sent} per draft id and one {@code nurture.step_sent} per enrollment. It prints the
 * steps run a second (from the first step due to the last step run), how late each step ran behind
 * its due time, p50, p99 and max (the first step behind its spread due time, the step after the
 * wait behind the wait's end, the others behind the step before: they are due at once), and the CPU
 * per step of this JVM (both nodes) and of the role's PostgreSQL backends, read from {@code /proc}
 * as {@link SlaClockRunner} reads it. The shortest wait a playbook may have is one minute ({@code
 * PlaybookStep.MIN_WAIT}), so a run lasts at least that long.
 *
 * <p>The leads are made by cloning one lead made through OmniFlow ({@code insert … select} over
 * {@code generate_series}, with its contact and, with the send, its SMS thread, inbound message and
 * consent entry); each enrollment is made with {@code EnrollmentService.apply} from {@code
 * --threads} threads, then its first run is moved to its due time. The user named must be able to
 * create roles and schemas.
 */
public final class NurtureRunner {
  static final String SCHEMA = "omniflow_bench_nurture";
  static final String APP_ROLE = "omniflow_bench_nurture_app";
  private static final String APP_PASSWORD = "bench-only";
  static final String PLAYBOOK = "bench-five";

  /** The playbook's first four steps, in order, and the history line each one writes. */
  private static final List<String> FIRST_LINES =
      List.of(
          "task_created/call",
          "waiting/pause",
          "task_created/follow_up",
          "stage_changed/mark_contacted");

  /** The pack template the send step sends, and its channel. */
  private static final String TEMPLATE = "check_in";

  private NurtureRunner() {}

  /** What one run does, from the command line. */
  private record Plan(
      int enrollments, int nodes, int threads, int pollingMs, double spreadSeconds, boolean send) {
    /** Each step's history line, in order: the fifth is the send or the email task. */
    List<String> stepLines() {
      List<String> lines = new ArrayList<>(FIRST_LINES);
      lines.add(send ? "sent/nudge" : "task_created/email");
      return lines;
    }

    /** The task steps: call, follow-up and, without the send, the email. */
    int taskSteps() {
      return send ? 2 : 3;
    }
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> o = RunnerOptions.parse(args);
    String db = o.getOrDefault("db", "jdbc:postgresql://127.0.0.1:5432/test");
    String admin = o.getOrDefault("user", "postgres");
    Plan plan =
        new Plan(
            Integer.parseInt(o.getOrDefault("enrollments", "10000")),
            Integer.parseInt(o.getOrDefault("nodes", "2")),
            Integer.parseInt(o.getOrDefault("threads", "4")),
            Integer.parseInt(o.getOrDefault("polling-ms", "250")),
            Double.parseDouble(o.getOrDefault("spread-s", "20")),
            Boolean.parseBoolean(o.getOrDefault("send", "true")));
    if (plan.enrollments() < 1 || plan.enrollments() > 1_000_000 || plan.nodes() < 1) {
      throw new IllegalArgumentException("--enrollments 1 to 1,000,000, --nodes at least 1");
    }
    DataSource adminDs = BenchDatabase.admin(db, admin);
    long t0 = System.nanoTime();
    BenchDatabase.migrate(adminDs, SCHEMA, APP_ROLE, APP_PASSWORD, true);
    List<HikariDataSource> pools = new ArrayList<>();
    try {
      for (int n = 0; n < plan.nodes(); n++) {
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("node-" + n);
        pool.setDataSource(BenchDatabase.dataSource(db, APP_ROLE, APP_PASSWORD));
        pool.setMaximumPoolSize(plan.threads() + 4);
        pools.add(new HikariDataSource(pool));
      }
      run(adminDs, pools, plan, t0);
    } finally {
      for (HikariDataSource p : pools) {
        p.close();
      }
    }
    System.exit(0);
  }

  /**
   * One node's OmniFlow: its own store over its own pool, the mock connector offline (it answers
   * in-process, no network) and the token vault every node shares, as hosts share a keyset.
   */
  private static OmniFlow node(DataSource pool, PackCatalog packs, TokenVault vault) {
    Clock clock = Clock.systemUTC();
    return OmniFlow.builder()
        .store(JdbcStore.create(pool, SCHEMA))
        .packCatalog(packs)
        .clock(clock)
        .tokenVault(vault)
        .connector(new MockConnectorFactory(), MockConnectorFactory.offlineConfig(clock))
        .build();
  }

  private static void run(DataSource adminDs, List<HikariDataSource> pools, Plan plan, long t0)
      throws Exception {
    PackCatalog packs = PackCatalog.of(ClasspathPackSource.shipped());
    TokenVault vault = new TokenVault(Keyset.generate());
    List<OmniFlow> nodes = new ArrayList<>();
    for (HikariDataSource p : pools) {
      nodes.add(node(p, packs, vault));
    }
    OmniFlow first = nodes.get(0);
    Instant now = Instant.now();
    UUID org = new UUID(70L, 1L);
    User owner = new User(new UUID(70L, 2L), "bench-nurture@example.com", "Bench", now);
    Actor actor = Actor.of(org, owner.id(), Role.OWNER);
    first.tenancy().createOrg(org, "Bench nurture", owner);
    first.packs().select(actor, "generic");
    first.playbooks().create(actor, playbook(plan.send()));
    String accountRef = plan.send() ? sendable(first, actor) : null;
    IngestResult template =
        first
            .inbox()
            .ingest(
                Actor.system(org),
                accountRef,
                new InboundEvent.Message(
                    "bench-template",
                    "page-1",
                    Channel.SMS,
                    "pm-template",
                    Sender.ofHandle("+14155550100"),
                    // START gives consent on the channel (the consent ledger), which a send needs.
                    plan.send() ? "START" : "Hi, I am interested",
                    now.minusSeconds(60),
                    Referral.NONE));
    Lead lead = first.leads().fromThread(actor, template.threadId()).lead();
    System.out.printf(
        Locale.ROOT,
        "migrated %s, made the org, its playbook '%s' (fifth step: %s) and a template lead in %.0f"
            + " ms%n",
        SCHEMA,
        PLAYBOOK,
        plan.send() ? "send '" + TEMPLATE + "' on sms through the offline mock" : "an email task",
        BenchDatabase.ms(System.nanoTime() - t0));

    long t1 = System.nanoTime();
    List<UUID> leads;
    if (plan.send()) {
      // The template's own phone puts it in every US zone's quiet hours; only its clones, whose
      // sends fall in the org's zone, are enrolled.
      leads = cloneLeads(adminDs, template, lead.id(), plan.enrollments(), true);
    } else {
      leads = cloneLeads(adminDs, template, lead.id(), plan.enrollments() - 1, false);
      leads.add(0, lead.id());
    }
    System.out.printf(
        Locale.ROOT,
        "cloned %,d leads with their contacts%s in %.0f ms%n",
        plan.send() ? leads.size() : leads.size() - 1,
        plan.send() ? ", SMS threads, inbound START messages and consent entries" : "",
        BenchDatabase.ms(System.nanoTime() - t1));
    long t2 = System.nanoTime();
    enroll(first, actor, leads, plan.threads());
    System.out.printf(
        Locale.ROOT,
        "enrolled %,d leads in '%s' with EnrollmentService.apply from %d threads in %.0f ms%n",
        leads.size(),
        PLAYBOOK,
        plan.threads(),
        BenchDatabase.ms(System.nanoTime() - t2));

    Instant start = Instant.now().plusSeconds(5);
    Map<UUID, Instant> firstDue = moveFirstRuns(adminDs, org, start, plan);
    System.out.printf(
        Locale.ROOT,
        "%d cores; load average %.2f; %,d first steps due from %s over %.1f s; %d node(s) × %d"
            + " threads, polling %d ms, each node its own pool%n",
        Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        firstDue.size(),
        start,
        plan.spreadSeconds(),
        plan.nodes(),
        plan.threads(),
        plan.pollingMs());

    ProcessCpu cpu = ProcessCpu.now(adminDs, APP_ROLE);
    List<SlaScheduler> schedulers = new ArrayList<>();
    for (int n = 0; n < nodes.size(); n++) {
      SlaScheduler s =
          SlaScheduler.builder(pools.get(n), SCHEMA, nodes.get(n).sla())
              .enrollments(nodes.get(n).enrollments())
              .name("node-" + n)
              .threads(plan.threads())
              .pollingInterval(Duration.ofMillis(plan.pollingMs()))
              .build();
      s.start();
      schedulers.add(s);
    }
    long deadline = System.nanoTime() + (long) ((plan.spreadSeconds() + 600) * 1e9);
    long pending = Long.MAX_VALUE;
    Map<String, Long> picked = new java.util.TreeMap<>();
    while (System.nanoTime() < deadline) {
      pending = pending(adminDs, org);
      if (pending == 0) {
        break;
      }
      pickedBy(adminDs, picked);
      Thread.sleep(500);
    }
    ProcessCpu after = ProcessCpu.now(adminDs, APP_ROLE);
    for (SlaScheduler s : schedulers) {
      s.close();
    }
    System.out.printf(
        Locale.ROOT,
        "load average %.2f at the end%n",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    if (pending != 0) {
      System.out.printf(Locale.ROOT, "%,d enrollments still pending at the deadline%n", pending);
    }
    System.out.println(
        "executions seen running, by node, summed over the samples every 0.5 s: " + picked);
    boolean exact = check(adminDs, org, leads.size(), plan);
    report(adminDs, org, firstDue);
    // Both nodes' pools keep their connections for the run, so their backends are read at each end.
    System.out.println(
        "steps: "
            + after.per(
                cpu,
                (long) leads.size() * plan.stepLines().size(),
                "step (JVM of both nodes; its share of the completion runs, of the polling and of"
                    + " the idle minute included)"));
    System.out.println(exact ? "every step ran exactly once" : "STEPS LOST OR DUPLICATED");
  }

  /**
   * The five-step playbook, as {@code /nurture/playbooks} takes it: the fifth step sends the pack's
   * {@value #TEMPLATE} template on SMS with {@code send}, else it is an email task.
   */
  private static Map<String, Object> playbook(boolean send) {
    return Map.of(
        "key",
        PLAYBOOK,
        "name",
        "Bench: five steps",
        "stop_on_reply",
        false,
        "steps",
        List.of(
            Map.of("key", "call", "task", Map.of("kind", "call", "title", "Call the lead")),
            Map.of("key", "pause", "wait", "PT1M"),
            Map.of(
                "key",
                "follow_up",
                "task",
                Map.of("kind", "follow_up", "title", "Follow up", "due_in", "P1D")),
            Map.of("key", "mark_contacted", "change_stage", Map.of("stage", "contacted")),
            send
                ? Map.of("key", "nudge", "send", Map.of("template", TEMPLATE, "channel", "sms"))
                : Map.of(
                    "key",
                    "email",
                    "task",
                    Map.of("kind", "email", "title", "Email", "due_in", "P2D"))));
  }

  /**
   * Makes the org able to send: connects the offline mock's accounts through the OAuth flow (start,
   * then the callback with a code, which the offline mock grants), and sets the org's time zone to
   * one where it is now between 12:00 and 13:00, so that the guardrails' sending hours (08:00 to
   * 21:00 in the recipient's time: the org's, for a contact without a phone identity) allow the
   * sends whenever the runner is started. Returns the account ref the SMS thread is taken in on.
   */
  private static String sendable(OmniFlow omniFlow, Actor owner) {
    AuthorizationStart start = omniFlow.connectors().start(owner, MockConnectorFactory.PROVIDER_ID);
    List<ConnectorAccount> accounts =
        omniFlow
            .connectors()
            .complete(owner, MockConnectorFactory.PROVIDER_ID, "bench-code", start.state());
    int hour = Instant.now().atOffset(ZoneOffset.UTC).getHour();
    int offset = Math.floorMod(12 - hour + 12, 24) - 12; // -12 to 11: local time 12:xx
    String zone =
        offset == 0 ? "Etc/GMT" : "Etc/GMT" + (offset > 0 ? "-" + offset : "+" + (-offset));
    omniFlow.tenancy().setTimeZone(owner, zone);
    System.out.printf(
        Locale.ROOT,
        "connected %d offline mock account(s); org time zone %s (UTC%+d), where it is %02d:xx%n",
        accounts.size(),
        zone,
        offset,
        Math.floorMod(hour + offset, 24));
    return accounts.get(0).accountRef();
  }

  /**
   * {@code n} copies of the template contact and lead, with ids {@code (71, i)} and {@code (72,
   * i)}, each copy a column-for-column clone but for its ids (identity columns left to their
   * default). With {@code threads}, also of the template's SMS thread ({@code (73, i)}, its key
   * made distinct, so each copy has its own recipient), its one inbound message ({@code (74, i)})
   * and its one consent entry ({@code (75, i)}), and each lead points at its thread.
   */
  private static List<UUID> cloneLeads(
      DataSource admin, IngestResult template, UUID lead, int n, boolean threads)
      throws SQLException {
    UUID contact = template.contactId();
    List<String> tables = new ArrayList<>(List.of("contacts", "leads"));
    try (Connection c = admin.getConnection()) {
      c.setAutoCommit(false);
      clone(c, "contacts", Map.of("id", uuidSql(71)), "id", contact, n);
      if (threads) {
        clone(
            c,
            "inbox_threads",
            Map.of(
                "id",
                uuidSql(73),
                "contact_id",
                uuidSql(71),
                "external_key",
                "t.external_key || '-' || g"),
            "id",
            template.threadId(),
            n);
        clone(
            c,
            "inbox_messages",
            Map.of(
                "id",
                uuidSql(74),
                "thread_id",
                uuidSql(73),
                "provider_message_id",
                "t.provider_message_id || '-' || g"),
            "thread_id",
            template.threadId(),
            n);
        clone(
            c,
            "contact_consents",
            Map.of("id", uuidSql(75), "contact_id", uuidSql(71), "message_id", uuidSql(74)),
            "contact_id",
            contact,
            n);
        tables.addAll(List.of("inbox_threads", "inbox_messages", "contact_consents"));
      }
      clone(
          c,
          "leads",
          threads
              ? Map.of("id", uuidSql(72), "contact_id", uuidSql(71), "thread_id", uuidSql(73))
              : Map.of("id", uuidSql(72), "contact_id", uuidSql(71)),
          "id",
          lead,
          n);
      c.commit();
      c.setAutoCommit(true);
      try (Statement st = c.createStatement()) {
        for (String table : tables) {
          st.execute("vacuum analyze " + SCHEMA + "." + table);
        }
      }
    }
    List<UUID> out = new ArrayList<>(n + 1);
    for (int i = 1; i <= n; i++) {
      out.add(new UUID(72L, i));
    }
    return out;
  }

  /** The SQL of UUID {@code new UUID(high, g)} for {@code g} of {@code generate_series}. */
  private static String uuidSql(int high) {
    return "('00000000-0000-"
        + String.format(Locale.ROOT, "%04x", high)
        + "-0000-' || lpad(to_hex(g), 12, '0'))::uuid";
  }

  /**
   * Clones the one row of {@code table} whose {@code key} column is {@code id}, {@code n} times.
   *
   * @throws IllegalStateException if there is not exactly one such row
   */
  private static void clone(
      Connection c, String table, Map<String, String> overrides, String key, UUID id, int n)
      throws SQLException {
    List<String> columns = new ArrayList<>();
    try (PreparedStatement q =
        c.prepareStatement(
            "select column_name from information_schema.columns where table_schema = ? and"
                + " table_name = ? and is_identity = 'NO' and is_generated = 'NEVER' order by"
                + " ordinal_position")) {
      q.setString(1, SCHEMA);
      q.setString(2, table);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          columns.add(rs.getString(1));
        }
      }
    }
    StringBuilder select = new StringBuilder();
    for (String col : columns) {
      select.append(select.isEmpty() ? "" : ", ").append(overrides.getOrDefault(col, "t." + col));
    }
    try (PreparedStatement ins =
        c.prepareStatement(
            "insert into "
                + SCHEMA
                + "."
                + table
                + " ("
                + String.join(", ", columns)
                + ") select "
                + select
                + " from "
                + SCHEMA
                + "."
                + table
                + " t, generate_series(1, ?) g where t."
                + key
                + " = ?")) {
      ins.setInt(1, n);
      ins.setObject(2, id);
      int made = ins.executeUpdate();
      if (made != n) {
        throw new IllegalStateException(table + ": " + made + " rows cloned, not " + n);
      }
    }
  }

  /** Enrolls every lead through the API, from {@code threads} threads. */
  private static void enroll(OmniFlow omniFlow, Actor actor, List<UUID> leads, int threads)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      AtomicInteger next = new AtomicInteger();
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(
            pool.submit(
                () -> {
                  for (int i = next.getAndIncrement();
                      i < leads.size();
                      i = next.getAndIncrement()) {
                    omniFlow.enrollments().apply(actor, leads.get(i), PLAYBOOK);
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Moves each enrollment's first run, and its db-scheduler execution, to {@code start} plus its
   * rank over the spread; returns each enrollment's first due time.
   */
  private static Map<UUID, Instant> moveFirstRuns(
      DataSource admin, UUID org, Instant start, Plan plan) throws SQLException {
    Map<UUID, Instant> due = new HashMap<>();
    try (Connection c = admin.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement u =
          c.prepareStatement(
              "with ranked as (select id, (row_number() over (order by id) - 1) as r,"
                  + " count(*) over () as n from "
                  + SCHEMA
                  + ".nurture_enrollments where org_id = ?) update "
                  + SCHEMA
                  + ".nurture_enrollments e set next_run_at = cast(? as timestamptz)"
                  + " + make_interval(secs => cast(? as double precision) * r / n) from ranked where e.id = ranked.id returning e.id, e.next_run_at")) {
        u.setObject(1, org);
        u.setObject(2, start.atOffset(java.time.ZoneOffset.UTC));
        u.setDouble(3, plan.spreadSeconds());
        try (ResultSet rs = u.executeQuery()) {
          while (rs.next()) {
            due.put(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant());
          }
        }
      }
      try (PreparedStatement u =
          c.prepareStatement(
              "update "
                  + SCHEMA
                  + ".scheduled_tasks s set execution_time = e.next_run_at from "
                  + SCHEMA
                  + ".nurture_enrollments e where s.task_name = ? and s.task_instance ="
                  + " e.org_id::text || '/' || e.id::text and e.org_id = ?")) {
        u.setString(1, EnrollmentRepository.STEP_TASK);
        u.setObject(2, org);
        int moved = u.executeUpdate();
        if (moved != due.size()) {
          throw new IllegalStateException(moved + " executions for " + due.size() + " enrollments");
        }
      }
      c.commit();
      c.setAutoCommit(true);
      try (Statement st = c.createStatement()) {
        st.execute("vacuum analyze " + SCHEMA + ".nurture_enrollments");
        st.execute("vacuum analyze " + SCHEMA + ".scheduled_tasks");
      }
    }
    return due;
  }

  /** Adds the executions each node holds picked now to {@code into}: both nodes must work. */
  private static void pickedBy(DataSource admin, Map<String, Long> into) throws SQLException {
    try (Connection c = admin.getConnection();
        PreparedStatement q =
            c.prepareStatement(
                "select picked_by, count(*) from "
                    + SCHEMA
                    + ".scheduled_tasks where task_name = ? and picked group by picked_by")) {
      q.setString(1, EnrollmentRepository.STEP_TASK);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          into.merge(String.valueOf(rs.getString(1)), rs.getLong(2), Long::sum);
        }
      }
    }
  }

  private static long pending(DataSource admin, UUID org) throws SQLException {
    return count(
        admin,
        "select count(*) from "
            + SCHEMA
            + ".scheduled_tasks where task_name = '"
            + EnrollmentRepository.STEP_TASK
            + "' and task_instance like ?",
        org + "/%");
  }

  /** {@link #count} of {@code sql}, whose {@code {s}} stands for the schema, for the org. */
  private static long orgCount(DataSource admin, UUID org, String sql) throws SQLException {
    return count(admin, sql.replace("{s}", SCHEMA), org);
  }

  private static long count(DataSource admin, String sql, Object... args) throws SQLException {
    try (Connection c = admin.getConnection();
        PreparedStatement q = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        q.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** Whether every enrollment ran each step exactly once, by the tables; prints what it found. */
  private static boolean check(DataSource admin, UUID org, int n, Plan plan) throws SQLException {
    String s = SCHEMA;
    List<String> stepLines = plan.stepLines();
    int taskSteps = plan.taskSteps();
    long completed =
        count(
            admin,
            "select count(*) from "
                + s
                + ".nurture_enrollments where org_id = ? and status = 'completed'",
            org);
    // Per enrollment and step: how many lines; any line count but 1, or a missing step, is wrong.
    long badLines =
        count(
            admin,
            "select count(*) from (select e.id, k.line, count(h.id) as c from "
                + s
                + ".nurture_enrollments e cross join unnest(?::text[]) k(line) left join "
                + s
                + ".nurture_enrollment_history h on h.org_id = e.org_id and h.enrollment_id = e.id"
                + " and h.kind || '/' || h.step_key = k.line where e.org_id = ? group by e.id,"
                + " k.line) x where c <> 1",
            stepLines.toArray(String[]::new),
            org);
    long lines =
        count(
            admin,
            "select count(*) from "
                + s
                + ".nurture_enrollment_history where org_id = ? and kind not in ('started',"
                + " 'completed')",
            org);
    long completedLines =
        count(
            admin,
            "select count(*) from "
                + s
                + ".nurture_enrollment_history where org_id = ? and kind = 'completed'",
            org);
    long otherLines =
        count(
            admin,
            "select count(*) from "
                + s
                + ".nurture_enrollment_history where org_id = ? and kind in ('stopped',"
                + " 'send_failed', 'deferred')",
            org);
    long tasks = count(admin, "select count(*) from " + s + ".tasks where org_id = ?", org);
    long leadsWithTheirTasks =
        count(
            admin,
            "select count(*) from (select enrollment_id from "
                + s
                + ".tasks where org_id = ? group by enrollment_id having count(*) = "
                + taskSteps
                + " and count(distinct step_key) = "
                + taskSteps
                + ") x",
            org);
    long taskDue =
        count(
            admin,
            "select count(*) from (select subject_id, payload->>'step_key' from "
                + s
                + ".events where org_id = ? and type = 'nurture.task_due' group by 1, 2 having"
                + " count(*) = 1) x",
            org);
    long taskDueAll =
        count(
            admin,
            "select count(*) from " + s + ".events where org_id = ? and type = 'nurture.task_due'",
            org);
    long staged =
        count(
            admin,
            "select count(*) from "
                + s
                + ".events where org_id = ? and type = 'lead.stage_changed'",
            org);
    long stagedLeads =
        count(
            admin,
            "select count(distinct subject_id) from "
                + s
                + ".events where org_id = ? and type = 'lead.stage_changed'",
            org);
    long completedEvents =
        count(
            admin,
            "select count(*) from " + s + ".events where org_id = ? and type = 'nurture.completed'",
            org);
    long left = pending(admin, org);
    System.out.printf(
        Locale.ROOT,
        "enrollments completed %,d of %,d; step history lines %,d (expected %,d), enrollment-steps"
            + " without exactly one line %,d; completed lines %,d; stopped, failed or deferred"
            + " lines %,d%n",
        completed,
        n,
        lines,
        (long) n * stepLines.size(),
        badLines,
        completedLines,
        otherLines);
    System.out.printf(
        Locale.ROOT,
        "tasks %,d (expected %,d), enrollments with exactly one task per task step %,d;"
            + " nurture.task_due %,d, once per step %,d; lead.stage_changed %,d on %,d leads;"
            + " nurture.completed %,d; executions left %,d%n",
        tasks,
        (long) n * taskSteps,
        leadsWithTheirTasks,
        taskDueAll,
        taskDue,
        staged,
        stagedLeads,
        completedEvents,
        left);
    long all = (long) n;
    boolean sends = !plan.send() || checkSends(admin, org, n);
    return sends
        && completed == all
        && badLines == 0
        && lines == all * stepLines.size()
        && completedLines == all
        && otherLines == 0
        && tasks == all * taskSteps
        && leadsWithTheirTasks == all
        && taskDueAll == all * taskSteps
        && taskDue == all * taskSteps
        && staged == all
        && stagedLeads == all
        && completedEvents == all
        && left == 0;
  }

  /**
   * Whether each send step sent exactly once, by the tables; prints what it found. The draft's id
   * is the provider's idempotency key (decision 0029), so one message per draft, one {@code
   * message.sent} per draft id and one draft per enrollment is one send per step.
   */
  private static boolean checkSends(DataSource admin, UUID org, int n) throws SQLException {
    long drafts = orgCount(admin, org, "select count(*) from {s}.inbox_drafts where org_id = ?");
    long sentDrafts =
        orgCount(
            admin,
            org,
            "select count(*) from {s}.inbox_drafts d join {s}.inbox_messages m on m.id ="
                + " d.sent_message_id and m.direction = 'outbound' where d.org_id = ? and d.status"
                + " = 'sent'");
    String outboundOf = " from {s}.inbox_messages where org_id = ? and direction = 'outbound'";
    long outbound = orgCount(admin, org, "select count(*)" + outboundOf);
    long outboundThreads = orgCount(admin, org, "select count(distinct thread_id)" + outboundOf);
    String sentOf = " from {s}.events where org_id = ? and type = 'message.sent'";
    long messageSent = orgCount(admin, org, "select count(*)" + sentOf);
    long messageSentKeys =
        orgCount(admin, org, "select count(distinct payload->>'draft_id')" + sentOf);
    long stepSent =
        orgCount(
            admin,
            org,
            "select count(*) from (select subject_id from {s}.events where org_id = ? and type ="
                + " 'nurture.step_sent' group by 1 having count(*) = 1 and count(distinct"
                + " payload->>'draft_id') = 1) x");
    System.out.printf(
        Locale.ROOT,
        "sends (expected %,d each): drafts %,d, sent with their outbound message %,d; outbound"
            + " messages %,d on %,d threads; message.sent %,d for %,d distinct drafts (the"
            + " idempotency key); enrollments with one nurture.step_sent %,d%n",
        n,
        drafts,
        sentDrafts,
        outbound,
        outboundThreads,
        messageSent,
        messageSentKeys,
        stepSent);
    long all = n;
    return drafts == all
        && sentDrafts == all
        && outbound == all
        && outboundThreads == all
        && messageSent == all
        && messageSentKeys == all
        && stepSent == all;
  }

  /** Steps a second and how late each step ran behind its due time. */
  private static void report(DataSource admin, UUID org, Map<UUID, Instant> firstDue)
      throws SQLException {
    List<Double> firstLate = new ArrayList<>();
    List<Double> waitLate = new ArrayList<>();
    List<Double> chainLate = new ArrayList<>();
    Instant earliest = null;
    Instant last = null;
    long steps = 0;
    try (Connection c = admin.getConnection();
        PreparedStatement q =
            c.prepareStatement(
                "select enrollment_id, kind, detail, at from "
                    + SCHEMA
                    + ".nurture_enrollment_history where org_id = ? and kind <> 'started' order by"
                    + " enrollment_id, at, seq")) {
      q.setObject(1, org);
      q.setFetchSize(10_000);
      c.setAutoCommit(false);
      try (ResultSet rs = q.executeQuery()) {
        UUID current = null;
        Instant prevAt = null;
        Instant waitUntil = null;
        while (rs.next()) {
          UUID e = rs.getObject(1, UUID.class);
          String kind = rs.getString(2);
          String detail = rs.getString(3);
          Instant at = rs.getTimestamp(4).toInstant();
          if (!e.equals(current)) {
            current = e;
            prevAt = null;
            waitUntil = null;
          }
          if (kind.equals(EnrollmentHistoryEntry.Kind.COMPLETED.wireName())
              && prevAt != null
              && at.equals(prevAt)) {
            continue; // ended in the same run as the last step
          }
          Instant due;
          List<Double> into;
          if (prevAt == null) {
            due = firstDue.get(e);
            into = firstLate;
          } else if (waitUntil != null) {
            due = waitUntil;
            into = waitLate;
          } else {
            due = prevAt;
            into = chainLate;
          }
          if (due != null) {
            into.add(BenchDatabase.ms(Duration.between(due, at).toNanos()));
            earliest = earliest == null || due.isBefore(earliest) ? due : earliest;
          }
          last = last == null || at.isAfter(last) ? at : last;
          steps++;
          waitUntil =
              kind.equals(EnrollmentHistoryEntry.Kind.WAITING.wireName()) && detail != null
                  ? Instant.parse(detail.substring(detail.indexOf(' ') + 1))
                  : null;
          prevAt = at;
        }
      }
      c.commit();
    }
    double span =
        earliest == null || last == null ? 0 : Duration.between(earliest, last).toNanos() / 1e9;
    System.out.printf(
        Locale.ROOT,
        "%,d step runs from the first step due to the last step run in %.1f s: %.0f steps a"
            + " second (a minute of it is the wait)%n",
        steps,
        span,
        span == 0 ? 0 : steps / span);
    System.out.println("late, first step behind its due time: " + summary(firstLate));
    System.out.println("late, the step after the wait behind the wait's end: " + summary(waitLate));
    System.out.println("late, a step due at once behind the step before: " + summary(chainLate));
    List<Double> all = new ArrayList<>(firstLate);
    all.addAll(waitLate);
    all.addAll(chainLate);
    System.out.println("late, every step: " + summary(all));
  }

  /** p50 (the upper middle), p99 and max. */
  private static String summary(List<Double> values) {
    if (values.isEmpty()) {
      return "no data";
    }
    Percentiles p = Percentiles.ofMillis(values);
    return String.format(
        Locale.ROOT,
        "%,d steps, p50 %.0f ms, p99 %.0f ms, max %.0f ms",
        p.count(),
        p.upperMiddle(),
        p.at(0.99),
        p.max());
  }
}
