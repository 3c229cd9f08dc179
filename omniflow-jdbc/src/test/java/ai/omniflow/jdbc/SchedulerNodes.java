package ai.omniflow.jdbc;

import ai.omniflow.OmniFlow;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.connector.spi.InboundEvent;
import ai.omniflow.connector.spi.Referral;
import ai.omniflow.connector.spi.Sender;
import ai.omniflow.jdbc.testing.TestDatabase;
import ai.omniflow.leads.Lead;
import ai.omniflow.pack.PackCatalog;
import ai.omniflow.pack.VerticalPack;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import ai.omniflow.tenancy.User;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * What the scheduler tests share: OmniFlow nodes over one test database, each with db-scheduler
 * nodes of its own ({@link SlaScheduler}), the orgs and inbound messages they work on, and a look
 * at db-scheduler's table and the event log as the administrator.
 *
 * <pre>{@code
 * SchedulerNodes nodes = new SchedulerNodes(db);
 * OmniFlow a = nodes.node(pack);
 * OmniFlow b = nodes.node(pack);
 * Actor owner = nodes.newOrg(a, LeadTestPack.SLUG);
 * nodes.whileRunning(
 *     () -> nodes.await(Duration.ofMinutes(1), () -> nodes.pendingRuns(owner).isEmpty()),
 *     nodes.scheduler("node-a", a).enrollments(a.enrollments()),
 *     nodes.scheduler("node-b", b).enrollments(b.enrollments()));
 * }</pre>
 *
 * <p>Thread-safe as far as the database is; it holds nothing but the database.
 */
final class SchedulerNodes {
  /** What a node that died left behind: its name on the runs it had picked. */
  private static final String DEAD_NODE = "node-a";

  private final TestDatabase db;

  SchedulerNodes(TestDatabase db) {
    this.db = db;
  }

  /** Something to wait for or to run that may throw, as JDBC does. */
  @FunctionalInterface
  interface Check {
    boolean done() throws Exception;
  }

  /** A body to run while schedulers are running. */
  @FunctionalInterface
  interface Body {
    void run() throws Exception;
  }

  /** The schema-qualified name of {@code table}, for SQL the tests write. */
  String table(String table) {
    return db.schema() + "." + table;
  }

  /** A builder of an OmniFlow node over the test database, to add what the test needs. */
  OmniFlow.Builder nodeBuilder() {
    return OmniFlow.builder().store(JdbcStore.create(db.appDataSource(), db.schema()));
  }

  /** An OmniFlow node over the test database whose pack catalog holds {@code packs}. */
  OmniFlow node(VerticalPack... packs) {
    return nodeBuilder().packCatalog(PackCatalog.of(List.of(packs))).build();
  }

  /** A new org made through {@code node}, and its owner. */
  Actor newOrg(OmniFlow node) {
    UUID org = UUID.randomUUID();
    User u = new User(UUID.randomUUID(), org + "@example.test", "Owner", Instant.EPOCH);
    node.tenancy().createOrg(org, "Org", u);
    return Actor.of(org, u.id(), Role.OWNER);
  }

  /** A new org made through {@code node} on the pack {@code packSlug}, and its owner. */
  Actor newOrg(OmniFlow node, String packSlug) {
    Actor owner = newOrg(node);
    node.packs().select(owner, packSlug);
    return owner;
  }

  /**
   * Ingests the {@code i}-th Instagram DM of the org (from sender {@code fan<i>} to page {@code
   * page-1}) through {@code node}, and returns its thread.
   */
  UUID ingest(OmniFlow node, Actor owner, int i, String text, Instant at) {
    return node.inbox()
        .ingest(
            Actor.system(owner.orgId()),
            null,
            new InboundEvent.Message(
                "k" + i,
                "page-1",
                Channel.INSTAGRAM_DM,
                "pm-" + i,
                Sender.ofHandle("fan" + i),
                text,
                at,
                Referral.NONE))
        .threadId();
  }

  /** The lead {@code owner} makes of the {@link #ingest ingested} {@code i}-th message. */
  Lead lead(OmniFlow node, Actor owner, int i, String text, Instant at) {
    return node.leads().fromThread(owner, ingest(node, owner, i, text, at)).lead();
  }

  /**
   * A scheduler node for {@code node}'s SLA service, named {@code name}: four threads polling every
   * 200 ms, a heartbeat every 250 ms (dead after four missed), no wait at shutdown. The test adds
   * the services it runs and may change any of these.
   */
  SlaScheduler.Builder scheduler(String name, OmniFlow node) {
    return SlaScheduler.builder(db.appDataSource(), db.schema(), node.sla())
        .name(name)
        .threads(4)
        .pollingInterval(Duration.ofMillis(200))
        .heartbeat(Duration.ofMillis(250), 4)
        .shutdownMaxWait(Duration.ZERO);
  }

  /**
   * Builds and starts each scheduler in turn, runs {@code body}, and stops them all, the last
   * started first, whatever {@code body} does: as nested try-with-resources would.
   */
  void whileRunning(Body body, SlaScheduler.Builder... schedulers) throws Exception {
    whileRunning(body, schedulers, 0);
  }

  private static void whileRunning(Body body, SlaScheduler.Builder[] schedulers, int next)
      throws Exception {
    if (next == schedulers.length) {
      body.run();
      return;
    }
    try (SlaScheduler node = schedulers[next].build()) {
      node.start();
      whileRunning(body, schedulers, next + 1);
    }
  }

  /** Waits until {@code check} is done or {@code max} has passed, whichever is first. */
  void await(Duration max, Check check) throws Exception {
    long deadline = System.nanoTime() + max.toNanos();
    while (!check.done() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
  }

  /** The org's runs in db-scheduler's table: of the tasks named, or of any task if none is. */
  List<String> pendingRuns(Actor owner, String... taskNames) throws Exception {
    return RawSql.column(
        db.adminDataSource(),
        "select task_instance from "
            + table("scheduled_tasks")
            + " where "
            + taskNameIn(taskNames)
            + "task_instance like ?",
        args(taskNames, owner.orgId() + "/%"));
  }

  /** How many rows {@code sql} counts: its one value, read as the administrator. */
  long count(String sql, Object... args) throws Exception {
    return Long.parseLong(RawSql.column(db.adminDataSource(), sql, args).get(0));
  }

  /** Each value {@code sql} returns (read as the administrator), with how often it returns it. */
  private Map<String, Long> tally(String sql, Object... args) throws Exception {
    return RawSql.column(db.adminDataSource(), sql, args).stream()
        .collect(Collectors.groupingBy(s -> s, Collectors.counting()));
  }

  /**
   * Each value of {@code what} (an SQL expression over the event log's columns) over the org's
   * events of the types named, with how often it occurs.
   */
  Map<String, Long> events(Actor owner, String what, String... types) throws Exception {
    Object[] args = new Object[types.length + 1];
    args[0] = owner.orgId();
    System.arraycopy(types, 0, args, 1, types.length);
    return tally(
        "select "
            + what
            + " from "
            + table("events")
            + " where org_id = ? and type in ("
            + String.join(", ", Collections.nCopies(types.length, "?"))
            + ")",
        args);
  }

  /**
   * Leaves the org's first {@code limit} runs of {@code taskName} (of any task if null), in {@code
   * orderBy} order, as a node that died holding them leaves them: picked by {@value #DEAD_NODE},
   * its heartbeat an hour old, what db-scheduler's dead-execution detection looks for.
   *
   * @return the runs, in that order
   */
  List<String> pickedByDeadNode(Actor owner, @Nullable String taskName, String orderBy, int limit)
      throws Exception {
    String[] names = taskName == null ? new String[0] : new String[] {taskName};
    List<String> runs =
        RawSql.column(
            db.adminDataSource(),
            "select task_instance from "
                + table("scheduled_tasks")
                + " where "
                + taskNameIn(names)
                + "task_instance like ? order by "
                + orderBy
                + " limit "
                + limit,
            args(names, owner.orgId() + "/%"));
    RawSql.update(
        db.adminDataSource(),
        "update "
            + table("scheduled_tasks")
            + " set picked = true, picked_by = ?, last_heartbeat = now() - interval '1 hour',"
            + " version = version + 1 where task_instance = any(?::text[])",
        DEAD_NODE,
        runs.toArray(new String[0]));
    return runs;
  }

  private static String taskNameIn(String... taskNames) {
    if (taskNames.length == 0) {
      return "";
    }
    return "task_name in ("
        + String.join(", ", Collections.nCopies(taskNames.length, "?"))
        + ") and ";
  }

  private static Object[] args(String[] taskNames, Object last) {
    Object[] args = new Object[taskNames.length + 1];
    System.arraycopy(taskNames, 0, args, 0, taskNames.length);
    args[taskNames.length] = last;
    return args;
  }
}
