package ai.omniflow.benchmarks;

import ai.omniflow.OmniFlow;
import ai.omniflow.connector.meta.MetaConnectorFactory;
import ai.omniflow.connector.spi.ConnectorConfig;
import ai.omniflow.connector.spi.HealthStatus;
import ai.omniflow.connector.spi.WebhookRequest;
import ai.omniflow.connector.twilio.TwilioConnectorFactory;
import ai.omniflow.connector.whatsapp.WhatsAppConnectorFactory;
import ai.omniflow.connectors.ConnectorAccount;
import ai.omniflow.connectors.ConnectorMode;
import ai.omniflow.jdbc.JdbcStore;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.User;
import ai.omniflow.vault.TokenVault;
import ai.omniflow.vault.tink.Keyset;
import ai.omniflow.webhooks.ProcessingReport;
import ai.omniflow.webhooks.WebhookSettings;
import ai.omniflow.webhooks.WebhookStatus;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

/**
 * Webhook throughput on the ingest path over a real PostgreSQL, in process (no HTTP server in
 * front): signed Meta (Messenger), WhatsApp Cloud API and Twilio SMS deliveries, one provider after
 * another and each with its own sender, are handed to {@link
 * ai.omniflow.webhooks.WebhookService#receive} (verify the signature, store, commit: what the
 * {@code POST /webhooks/{provider}} endpoint does before it answers 200) at a fixed rate (open
 * loop: latency counts from when each delivery was due, so queueing is not hidden), while {@code
 * --workers} threads run {@link ai.omniflow.webhooks.WebhookService#process} as the reference
 * server's worker does. It reports the acknowledgement latency, the deliveries processed into
 * contacts, threads, messages and touchpoints per second, the backlog left when the posting ends
 * and how fast it drains, and checks that every acknowledged message is stored exactly once.
 *
 * <pre>
 * ./mvnw -B -q -pl omniflow-benchmarks -am package -DskipTests
 * java -cp omniflow-benchmarks/target/benchmarks.jar ai.omniflow.benchmarks.WebhookRunner \
 *     --db jdbc:postgresql://127.0.0.1:5432/test --user postgres \
 *     --rate 500 --seconds 20 --clients 16 --workers 2 --batch 50
 * </pre>
 *
 * <p>It drops and recreates the schema {@code omniflow_webhook_bench}. {@code --meta-messages n}
 * puts n messages in each Meta delivery (one {@code messaging[]} item each; default 1); {@code
 * --drain-seconds} bounds the wait for the backlog after the posting (default 120). {@code
 * --backlog true} starts the workers only once every delivery is stored, so the drain of a backlog
 * of {@code rate * seconds} deliveries is timed alone (say {@code --rate 2000 --seconds 50} for
 * 100,000). {@code --fast-sender r} makes about r deliveries a second come from one Messenger
 * sender, all on one thread, and reports the time from acknowledgement to inbox for that sender's
 * messages and for everyone else's apart. {@code --warmup n} first receives and drains n deliveries
 * of other senders in the same JVM, so that the measured drain runs compiled code (the sustained
 * rate); {@code --analyze true} then gathers the planner's statistics of the schema, as autovacuum
 * would on a server where it is on. With {@code --backlog true} the drain also prints its CPU per
 * delivery, this JVM's and the role's PostgreSQL backends', and, where the database has the {@code
 * pg_stat_statements} extension, the WAL bytes, records and full-page images its statements wrote
 * per delivery and the statements that wrote the most full-page images ({@link WalUsage}); {@code
 * --checkpoint true} issues a {@code CHECKPOINT} just before the drain, for the worst case of
 * those.
 *
 * <pre>
 * java -cp omniflow-benchmarks/target/benchmarks.jar ai.omniflow.benchmarks.WebhookRunner \
 *     --db jdbc:postgresql://127.0.0.1:5432/test --user postgres \
 *     --rate 2000 --seconds 50 --clients 16 --workers 4 --batch 50 --backlog true
 * </pre>
 */
public final class WebhookRunner {
  private static final String SCHEMA = "omniflow_webhook_bench";
  private static final String APP_ROLE = "omniflow_bench_app";
  private static final String APP_PASSWORD = "omniflow_bench_app";
  private static final String META_SECRET = "bench-meta-app-secret";
  private static final String WHATSAPP_SECRET = "bench-whatsapp-app-secret";
  private static final String TWILIO_SID = "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
  private static final String TWILIO_TOKEN = "bench-twilio-auth-token";
  private static final String META_PAGE = "102030405060708";
  private static final String WHATSAPP_NUMBER = "106540352242922";
  private static final String TWILIO_NUMBER = "+15017122661";
  private static final URI TWILIO_URI = URI.create("https://bench.invalid/webhooks/twilio");
  private static final URI META_URI = URI.create("https://bench.invalid/webhooks/meta");
  private static final URI WHATSAPP_URI = URI.create("https://bench.invalid/webhooks/whatsapp");

  /**
   * A delivery to post: {@code messageIds} are the platform ids of its messages, and {@code fast}
   * says it comes from the one fast sender.
   */
  private record Delivery(
      String provider, WebhookRequest request, List<String> messageIds, boolean fast) {
    int messages() {
      return messageIds.size();
    }
  }

  /** What one run does, from the command line. */
  private record Plan(
      double rate,
      int seconds,
      int clients,
      int workers,
      int batch,
      int metaMessages,
      int drainLimit,
      boolean backlog,
      double fastRate,
      int warmup,
      boolean analyze,
      boolean checkpoint) {}

  private WebhookRunner() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = RunnerOptions.parse(args);
    String db = o.getOrDefault("db", "jdbc:postgresql://127.0.0.1:5432/test");
    String admin = o.getOrDefault("user", "postgres");
    double rate = Double.parseDouble(o.getOrDefault("rate", "500"));
    int seconds = Integer.parseInt(o.getOrDefault("seconds", "20"));
    int clients = Integer.parseInt(o.getOrDefault("clients", "16"));
    int workers = Integer.parseInt(o.getOrDefault("workers", "2"));
    int batch = Integer.parseInt(o.getOrDefault("batch", "50"));
    int metaMessages = Integer.parseInt(o.getOrDefault("meta-messages", "1"));
    int drainLimit = Integer.parseInt(o.getOrDefault("drain-seconds", "120"));
    boolean backlog = Boolean.parseBoolean(o.getOrDefault("backlog", "false"));
    double fastRate = Double.parseDouble(o.getOrDefault("fast-sender", "0"));
    int warmup = Integer.parseInt(o.getOrDefault("warmup", "0"));
    boolean analyze = Boolean.parseBoolean(o.getOrDefault("analyze", "false"));
    boolean checkpoint = Boolean.parseBoolean(o.getOrDefault("checkpoint", "false"));

    DataSource adminDs = BenchDatabase.admin(db, admin);
    BenchDatabase.migrate(adminDs, SCHEMA, APP_ROLE, APP_PASSWORD, true);
    HikariConfig pool = new HikariConfig();
    pool.setDataSource(BenchDatabase.dataSource(db, APP_ROLE, APP_PASSWORD));
    pool.setMaximumPoolSize(clients + workers + 2);
    try (HikariDataSource app = new HikariDataSource(pool)) {
      run(
          adminDs,
          app,
          new Plan(
              rate,
              seconds,
              clients,
              workers,
              batch,
              metaMessages,
              drainLimit,
              backlog,
              fastRate,
              warmup,
              analyze,
              checkpoint));
    }
    System.exit(0);
  }

  private static void run(DataSource adminDs, DataSource app, Plan plan) throws Exception {
    JdbcStore store = JdbcStore.create(app, SCHEMA);
    Clock clock = Clock.systemUTC();
    OmniFlow omniFlow =
        OmniFlow.builder()
            .store(store)
            .clock(clock)
            .tokenVault(new TokenVault(Keyset.generate()))
            .connectorMode(ConnectorMode.LIVE)
            .connector(new MetaConnectorFactory(), config("1234", META_SECRET, clock))
            .connector(new WhatsAppConnectorFactory(), config("5678", WHATSAPP_SECRET, clock))
            .connector(new TwilioConnectorFactory(), config(TWILIO_SID, TWILIO_TOKEN, clock))
            .build();
    UUID org = UUID.randomUUID();
    User owner = new User(UUID.randomUUID(), "bench@example.com", "Bench", clock.instant());
    omniFlow.tenancy().createOrg(org, "Webhook Bench", owner);
    Actor system = Actor.system(org);
    connect(store, system, "meta", META_PAGE, clock);
    connect(store, system, "whatsapp", WHATSAPP_NUMBER, clock);
    connect(store, system, "twilio", TWILIO_NUMBER, clock);

    WebhookSettings settings =
        new WebhookSettings(
            plan.batch(), Duration.ofMinutes(2), 8, Duration.ZERO, Duration.ofMinutes(1));
    long runId = System.currentTimeMillis() % 1_000_000;
    Stored warm = warmUp(omniFlow, store, plan, (runId + 500_000) % 1_000_000, settings);
    if (plan.analyze()) {
      analyze(adminDs);
    }

    double rate = plan.rate();
    int total = (int) Math.ceil(rate * plan.seconds());
    List<Delivery> deliveries = new ArrayList<>(total);
    // Every n-th delivery is the fast sender's, so that it posts about fastRate a second.
    int fastEvery = plan.fastRate() > 0 ? Math.max(1, (int) Math.round(rate / plan.fastRate())) : 0;
    int messages = 0;
    int fastMessages = 0;
    for (int i = 0; i < total; i++) {
      boolean fast = fastEvery > 0 && i % fastEvery == 0;
      Delivery d = fast ? fastDelivery(i, runId) : delivery(i, runId, plan.metaMessages(), false);
      deliveries.add(d);
      messages += d.messages();
      fastMessages += fast ? d.messages() : 0;
    }
    System.out.printf(
        Locale.ROOT,
        "%d deliveries (%d messages; Meta, WhatsApp, Twilio in turn, %d message(s) per Meta"
            + " delivery%s) at %.0f/s for %d s; %d client threads, %d workers claiming %d%s;"
            + " %d cores; load average before %.2f%n",
        total,
        messages,
        plan.metaMessages(),
        fastEvery > 0
            ? String.format(
                Locale.ROOT,
                "; %d of them from one fast sender on one thread, %.0f/s",
                fastMessages,
                rate / fastEvery)
            : "",
        rate,
        plan.seconds(),
        plan.clients(),
        plan.workers(),
        plan.batch(),
        plan.backlog() ? ", started only once every delivery is stored (backlog drain)" : "",
        Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong processed = new AtomicLong();
    AtomicLong lastProcessedAt = new AtomicLong();
    List<Thread> workerThreads = new ArrayList<>();
    for (int w = 0; w < plan.workers(); w++) {
      Thread t =
          new Thread(
              () -> {
                while (!stop.get()) {
                  ProcessingReport r = omniFlow.webhooks().process(settings);
                  if (r.claimed() == 0) {
                    sleep(10);
                  } else {
                    processed.addAndGet(r.claimed());
                    lastProcessedAt.set(System.nanoTime());
                  }
                }
              },
              "webhook-worker-" + w);
      t.setDaemon(true);
      workerThreads.add(t);
    }

    long[] latency = new long[total];
    Instant[] ackedAt = new Instant[total];
    AtomicInteger refused = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(plan.clients());
    CountDownLatch acked = new CountDownLatch(total);
    long start = System.nanoTime() + 100_000_000L;
    long interval = (long) (1e9 / rate);
    if (!plan.backlog()) {
      workerThreads.forEach(Thread::start);
    }
    for (int i = 0; i < total; i++) {
      long due = start + i * interval;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      Delivery d = deliveries.get(i);
      int k = i;
      pool.execute(
          () -> {
            try {
              omniFlow.webhooks().receive(d.provider(), d.request());
            } catch (RuntimeException e) {
              if (refused.incrementAndGet() <= 5) {
                System.err.println("refused: " + e.getMessage());
              }
            } finally {
              latency[k] = System.nanoTime() - due;
              ackedAt[k] = Instant.now();
              acked.countDown();
            }
          });
    }
    acked.await();
    long ackEnd = System.nanoTime();
    pool.shutdown();
    Percentiles lat = Percentiles.ofNanos(latency);
    double ackSeconds = (ackEnd - start) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "acknowledgements: %d in %.2f s = %.0f/s (offered %.0f/s); latency from due p50 %.2f ms,"
            + " p95 %.2f ms, p99 %.2f ms, max %.2f ms; %d refused%n",
        total,
        ackSeconds,
        total / ackSeconds,
        rate,
        lat.at(0.50),
        lat.at(0.95),
        lat.at(0.99),
        lat.max(),
        refused.get());
    long backlog = store.webhookInbox().count(WebhookStatus.PENDING);
    long processedAtAckEnd = processed.get();
    if (plan.checkpoint()) {
      checkpoint(adminDs);
    }
    Optional<WalUsage> wal = WalUsage.now(adminDs, APP_ROLE);
    ProcessCpu cpu = ProcessCpu.now(adminDs, APP_ROLE);
    long drainStart = System.nanoTime();
    if (plan.backlog()) {
      workerThreads.forEach(Thread::start);
    }
    long deadline = drainStart + Duration.ofSeconds(plan.drainLimit()).toNanos();
    // Polled seldom, and for one pending row rather than a count: counting a large backlog is
    // work the database would take from the workers.
    while (anyPending(adminDs) && System.nanoTime() < deadline) {
      sleep(250);
    }
    stop.set(true);
    for (Thread t : workerThreads) {
      t.join();
    }
    long end = lastProcessedAt.get();
    ProcessCpu cpuAfter = ProcessCpu.now(adminDs, APP_ROLE);
    Optional<WalUsage> walAfter = WalUsage.now(adminDs, APP_ROLE);
    long left = store.webhookInbox().count(WebhookStatus.PENDING);
    if (left > 0) {
      System.out.printf(
          Locale.ROOT,
          "processing did not finish within --drain-seconds %d: %d deliveries still pending%n",
          plan.drainLimit(),
          left);
    }

    double allSeconds = (end - start) / 1e9;
    double drainSeconds = Math.max(1e-9, (end - drainStart) / 1e9);
    long drained = processed.get() - processedAtAckEnd;
    System.out.printf(
        Locale.ROOT,
        "processing: %d deliveries in %.2f s from the first post = %.0f deliveries/s; %d"
            + " processed while posting, backlog %d pending when posting ended, %d drained after it"
            + " in %.2f s = %.0f deliveries/s (%.0f messages/s)%n",
        processed.get(),
        allSeconds,
        processed.get() / allSeconds,
        processedAtAckEnd,
        backlog,
        drained,
        Math.max(0, drainSeconds),
        drained / drainSeconds,
        drained * (messages / (double) total) / drainSeconds);
    if (drained > 0) {
      System.out.println(
          "drain after posting: "
              + cpuAfter.per(cpu, drained, "delivery")
              + (plan.backlog() ? "" : " (the posting's work counted too: use --backlog true)"));
      if (wal.isPresent() && walAfter.isPresent()) {
        System.out.println(
            "drain after posting: "
                + walAfter.get().per(wal.get(), drained, "delivery")
                + (plan.backlog()
                    ? ""
                    : "\n  (the posting's work counted too: use --backlog true)"));
      }
    }
    check(adminDs, total + warm.deliveries(), messages + warm.messages(), store);
    toInbox(adminDs, deliveries, ackedAt, fastEvery > 0);
    System.out.printf(
        Locale.ROOT,
        "load average after %.2f%n",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  /** How many deliveries and messages a phase stored. */
  private record Stored(int deliveries, int messages) {}

  /**
   * With {@code --warmup n}, receives n deliveries of senders of their own and drains them with
   * {@code --workers} threads before the measured run, in the same JVM and database: the processing
   * path is then compiled by the JIT (a third or more of a cold drain's JVM CPU is the compiler's,
   * docs/performance.md) and the tables hold rows, so that the measured drain is the sustained rate
   * rather than a warm-up's.
   */
  private static Stored warmUp(
      OmniFlow omniFlow, JdbcStore store, Plan plan, long runId, WebhookSettings settings)
      throws InterruptedException {
    if (plan.warmup() <= 0) {
      return new Stored(0, 0);
    }
    long started = System.nanoTime();
    int messages = 0;
    ExecutorService pool = Executors.newFixedThreadPool(plan.clients());
    List<java.util.concurrent.Future<?>> posted = new ArrayList<>(plan.warmup());
    for (int i = 0; i < plan.warmup(); i++) {
      Delivery d = delivery(i, runId, plan.metaMessages(), true);
      messages += d.messages();
      posted.add(pool.submit(() -> omniFlow.webhooks().receive(d.provider(), d.request())));
    }
    for (java.util.concurrent.Future<?> f : posted) {
      try {
        f.get();
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException("a warm-up delivery was refused", e.getCause());
      }
    }
    pool.shutdown();
    ExecutorService workers = Executors.newFixedThreadPool(plan.workers());
    for (int w = 0; w < plan.workers(); w++) {
      workers.execute(
          () -> {
            while (omniFlow.webhooks().process(settings).claimed() > 0) {
              // drain
            }
          });
    }
    workers.shutdown();
    if (!workers.awaitTermination(10, TimeUnit.MINUTES)
        || store.webhookInbox().count(WebhookStatus.PENDING) > 0) {
      throw new IllegalStateException("the warm-up did not drain within 10 minutes");
    }
    System.out.printf(
        Locale.ROOT,
        "warm-up: %d deliveries (%d messages) received and drained in %.1f s, before the run%n",
        plan.warmup(),
        messages,
        (System.nanoTime() - started) / 1e9);
    return new Stored(plan.warmup(), messages);
  }

  /**
   * With {@code --analyze true}, gathers the planner's statistics of every table of the schema, as
   * PostgreSQL's autovacuum does on its own once a table has changed enough: on a server where it
   * is off (this machine's CI configuration), a schema filled by the run has none, and plans chosen
   * for empty tables read an org's whole range on every call.
   */
  private static void analyze(DataSource adminDs) throws SQLException {
    long started = System.nanoTime();
    try (Connection c = adminDs.getConnection();
        Statement st = c.createStatement()) {
      // One statement, no name built in Java: ANALYZE may run inside a DO block.
      st.execute(
          "do $$ declare t text; begin for t in select format('%I.%I', schemaname, tablename)"
              + " from pg_tables where schemaname = '"
              + SCHEMA
              + "' loop execute 'analyze ' || t; end loop; end $$");
      System.out.printf(
          Locale.ROOT,
          "analyzed the tables of %s in %.0f ms%n",
          SCHEMA,
          (System.nanoTime() - started) / 1e6);
    }
  }

  /**
   * With {@code --checkpoint true}, a checkpoint just before the drain starts, so that the drain
   * meets the worst case: the first change of each page after it writes the whole page to the WAL.
   */
  private static void checkpoint(DataSource adminDs) throws SQLException {
    long started = System.nanoTime();
    try (Connection c = adminDs.getConnection();
        Statement st = c.createStatement()) {
      st.execute("checkpoint");
    }
    System.out.printf(
        Locale.ROOT,
        "checkpoint before the drain in %.0f ms%n",
        (System.nanoTime() - started) / 1e6);
  }

  /** Whether a delivery is still pending: one row looked for, not all of them counted. */
  private static boolean anyPending(DataSource adminDs) throws SQLException {
    try (Connection c = adminDs.getConnection();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "select exists (select 1 from "
                    + SCHEMA
                    + ".webhook_deliveries where status = 'pending')")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  /**
   * The time from each message's acknowledgement to its row in the inbox (the ingest's {@code
   * created_at}), for the fast sender's messages and the others' apart.
   */
  private static void toInbox(
      DataSource adminDs, List<Delivery> deliveries, Instant[] ackedAt, boolean split)
      throws SQLException {
    Map<String, Instant> stored = new java.util.HashMap<>();
    try (Connection c = adminDs.getConnection();
        Statement st = c.createStatement()) {
      st.setFetchSize(10_000);
      c.setAutoCommit(false);
      try (ResultSet rs =
          st.executeQuery(
              "select provider_message_id, created_at from "
                  + SCHEMA
                  + ".inbox_messages where direction = 'inbound'")) {
        while (rs.next()) {
          stored.put(rs.getString(1), rs.getObject(2, java.time.OffsetDateTime.class).toInstant());
        }
      }
      c.commit();
    }
    List<Long> fast = new ArrayList<>();
    List<Long> others = new ArrayList<>();
    for (int i = 0; i < deliveries.size(); i++) {
      Delivery d = deliveries.get(i);
      for (String id : d.messageIds()) {
        Instant at = stored.get(id);
        if (at != null && ackedAt[i] != null) {
          long micros = Duration.between(ackedAt[i], at).toNanos();
          (d.fast() ? fast : others).add(micros);
        }
      }
    }
    if (split) {
      System.out.println("acknowledgement to inbox, fast sender: " + summary(fast));
      System.out.println("acknowledgement to inbox, every other sender: " + summary(others));
    } else {
      System.out.println("acknowledgement to inbox: " + summary(others));
    }
  }

  private static String summary(List<Long> nanos) {
    if (nanos.isEmpty()) {
      return "none stored";
    }
    Percentiles p = Percentiles.ofNanos(nanos);
    return String.format(
        Locale.ROOT,
        "%d messages, p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms",
        p.count(),
        p.at(0.50),
        p.at(0.95),
        p.at(0.99),
        p.max());
  }

  /** Every acknowledged delivery done, and every message stored exactly once. */
  private static void check(DataSource adminDs, int total, int messages, JdbcStore store)
      throws SQLException {
    long done = store.webhookInbox().count(WebhookStatus.DONE);
    long failed = store.webhookInbox().count(WebhookStatus.FAILED);
    long dropped = store.webhookInbox().count(WebhookStatus.DROPPED);
    long stored;
    long distinct;
    try (Connection c = adminDs.getConnection();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "select count(*), count(distinct provider_message_id) from "
                    + SCHEMA
                    + ".inbox_messages where direction = 'inbound'")) {
      rs.next();
      stored = rs.getLong(1);
      distinct = rs.getLong(2);
    }
    System.out.printf(
        Locale.ROOT,
        "check: deliveries done %d, failed %d, dropped %d of %d; inbound messages stored %d"
            + " (%d distinct) of %d sent: %s%n",
        done,
        failed,
        dropped,
        total,
        stored,
        distinct,
        messages,
        done == total && stored == messages && distinct == messages
            ? "nothing lost or duplicated"
            : failed == 0 && dropped == 0 && stored == distinct
                ? "no duplicate and nothing failed; "
                    + (total - done)
                    + " deliveries not processed yet"
                : "MISMATCH");
  }

  /** The one fast sender's delivery: a Messenger message on the same thread every time. */
  private static Delivery fastDelivery(int i, long runId) {
    return meta(
        "61" + String.format(Locale.ROOT, "%014d", runId),
        "m_bench_fast_" + runId + "_" + i,
        1,
        true);
  }

  /** A Messenger delivery of {@code count} messages from {@code sender}. */
  private static Delivery meta(String sender, String midPrefix, int count, boolean fast) {
    long now = System.currentTimeMillis();
    StringBuilder items = new StringBuilder();
    List<String> mids = new ArrayList<>();
    for (int m = 0; m < count; m++) {
      String mid = midPrefix + "_" + m;
      mids.add(mid);
      items
          .append(m == 0 ? "" : ",")
          .append("{\"sender\": {\"id\": \"")
          .append(sender)
          .append("\"}, \"recipient\": {\"id\": \"")
          .append(META_PAGE)
          .append("\"}, \"timestamp\": ")
          .append(now - 1000)
          .append(", \"message\": {\"mid\": \"")
          .append(mid)
          .append("\", \"text\": \"Hi! Is the flat on Elm Street still available?\"}}");
    }
    String body =
        "{\"object\": \"page\", \"entry\": [{\"id\": \""
            + META_PAGE
            + "\", \"time\": "
            + now
            + ", \"messaging\": ["
            + items
            + "]}]}";
    return new Delivery("meta", signedJson(META_URI, body, META_SECRET), mids, fast);
  }

  /**
   * The i-th delivery. A {@code warm} one (of the warm-up) comes from WhatsApp and SMS numbers no
   * delivery of the run uses (theirs are numbered by index, not by run), so that the run meets new
   * senders after a warm-up as it does without one.
   */
  private static Delivery delivery(int i, long runId, int metaMessages, boolean warm) {
    long now = System.currentTimeMillis();
    String tag = runId + "_" + i;
    return switch (i % 3) {
      case 0 ->
          meta(
              "61" + String.format(Locale.ROOT, "%014d", runId * 100_000L + i),
              "m_bench_" + tag,
              metaMessages,
              false);
      case 1 -> {
        String from =
            (warm ? "1415869" : "1415867") + String.format(Locale.ROOT, "%04d", i % 10_000);
        String body =
            "{\"object\": \"whatsapp_business_account\", \"entry\": [{\"id\": \"102290129340398\","
                + " \"changes\": [{\"value\": {\"messaging_product\": \"whatsapp\", \"metadata\":"
                + " {\"display_phone_number\": \"15550783881\", \"phone_number_id\": \""
                + WHATSAPP_NUMBER
                + "\"}, \"contacts\": [{\"profile\": {\"name\": \"Bench "
                + i
                + "\"}, \"wa_id\": \""
                + from
                + "\"}], \"messages\": [{\"from\": \""
                + from
                + "\", \"id\": \"wamid.bench_"
                + tag
                + "\", \"timestamp\": \""
                + (now / 1000 - 1)
                + "\", \"type\": \"text\", \"text\": {\"body\": \"Does it come in another"
                + " color?\"}}]}, \"field\": \"messages\"}]}]}";
        yield new Delivery(
            "whatsapp",
            signedJson(WHATSAPP_URI, body, WHATSAPP_SECRET),
            List.of("wamid.bench_" + tag),
            false);
      }
      default -> {
        String sid =
            "SM"
                + HexFormat.of().toHexDigits(runId)
                + String.format(Locale.ROOT, "%016x", (long) i);
        String from =
            (warm ? "+1415870" : "+1415868") + String.format(Locale.ROOT, "%04d", i % 10_000);
        String form =
            "ToCountry=US&SmsMessageSid="
                + sid
                + "&NumMedia=0&SmsSid="
                + sid
                + "&SmsStatus=received&Body=Hi+is+the+flat+on+Mission+St+still+free%3F"
                + "&To="
                + URLEncoder.encode(TWILIO_NUMBER, StandardCharsets.UTF_8)
                + "&NumSegments=1&MessageSid="
                + sid
                + "&AccountSid="
                + TWILIO_SID
                + "&From="
                + URLEncoder.encode(from, StandardCharsets.UTF_8)
                + "&ApiVersion=2010-04-01";
        yield new Delivery(
            "twilio",
            new WebhookRequest(
                "POST",
                TWILIO_URI,
                Map.of(
                    "Content-Type",
                    List.of("application/x-www-form-urlencoded"),
                    "X-Twilio-Signature",
                    List.of(twilioSignature(form))),
                form.getBytes(StandardCharsets.UTF_8)),
            List.of(sid),
            false);
      }
    };
  }

  private static WebhookRequest signedJson(URI uri, String body, String secret) {
    return new WebhookRequest(
        "POST",
        uri,
        Map.of(
            "Content-Type",
            List.of("application/json"),
            "X-Hub-Signature-256",
            List.of("sha256=" + HexFormat.of().formatHex(mac("HmacSHA256", secret, body)))),
        body.getBytes(StandardCharsets.UTF_8));
  }

  /** Twilio's scheme: HMAC-SHA1 over the URL and the sorted form parameters, base64. */
  private static String twilioSignature(String form) {
    TreeMap<String, String> params = new TreeMap<>();
    for (String pair : form.split("&")) {
      int eq = pair.indexOf('=');
      params.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    StringBuilder data = new StringBuilder(TWILIO_URI.toString());
    params.forEach((k, v) -> data.append(k).append(v));
    return Base64.getEncoder().encodeToString(mac("HmacSHA1", TWILIO_TOKEN, data.toString()));
  }

  private static byte[] mac(String algorithm, String secret, String data) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ConnectorConfig config(String appId, String secret, Clock clock) {
    return ConnectorConfig.builder()
        .clock(clock)
        .appId(appId)
        .appSecret(secret)
        .webhookVerifyToken("bench-verify-token")
        .apiBaseUri(URI.create("https://api.invalid/"))
        .build();
  }

  private static void connect(
      JdbcStore store, Actor system, String provider, String externalId, Clock clock) {
    Instant now = clock.instant();
    store.useTransaction(
        system,
        tx ->
            tx.connectorAccounts()
                .insert(
                    new ConnectorAccount(
                        UUID.randomUUID(),
                        system.orgId(),
                        ConnectorAccount.newAccountRef(),
                        provider,
                        externalId,
                        provider + " " + externalId,
                        List.of(),
                        HealthStatus.HEALTHY,
                        "Connected.",
                        null,
                        null,
                        now,
                        now)));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
