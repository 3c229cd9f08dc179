package ai.omniflow.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.OmniFlow;
import ai.omniflow.jdbc.testing.PostgresTestDatabase;
import ai.omniflow.jdbc.testing.TestDatabase;
import ai.omniflow.sla.EscalationStep;
import ai.omniflow.sla.SlaPolicy;
import ai.omniflow.sla.SlaStep;
import ai.omniflow.sla.SlaStepOutcome;
import ai.omniflow.sla.SlaTarget;
import ai.omniflow.sla.ThreadClock;
import ai.omniflow.tenancy.Actor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The SLA scheduler on PostgreSQL with two nodes: two OmniFlow instances over one database, each
 * with its own db-scheduler, run every clock's steps exactly once; a node stopped mid-run leaves
 * its picked steps to the other.
 */
@DisplayName("SLA steps on db-scheduler over PostgreSQL")
@ExtendWith(PostgresTestDatabase.class)
class SlaSchedulerTest {
  private static final int CLOCKS = 150;
  private static final int STEPS_PER_CLOCK = 5;

  /**
   * The warning with the escalation on it, the breach with the escalation on it, and the move to
   * the pond a minute later: steps due at one instant share an execution (decision 0082).
   */
  private static final int EXECUTIONS_PER_CLOCK = 3;

  private final SchedulerNodes nodes;
  private final TestDatabase db;
  private final Map<String, AtomicInteger> notified = new ConcurrentHashMap<>();
  private final OmniFlow nodeA;
  private final OmniFlow nodeB;

  SlaSchedulerTest(TestDatabase db) {
    this.nodes = new SchedulerNodes(db);
    this.db = db;
    this.nodeA = node();
    this.nodeB = node();
  }

  private OmniFlow node() {
    return nodes
        .nodeBuilder()
        .slaNotifier(
            n ->
                notified
                    .computeIfAbsent(n.threadId() + "/" + n.action(), k -> new AtomicInteger())
                    .incrementAndGet())
        .build();
  }

  /** An org whose policy makes every step of a clock that started an hour ago due already. */
  private Actor org() {
    Actor owner = nodes.newOrg(nodeA);
    nodeA
        .sla()
        .replaceConfig(
            owner,
            new SlaPolicy(
                List.of(SlaTarget.everywhere(Duration.ofMinutes(10))),
                0.5,
                false,
                false,
                List.of(
                    EscalationStep.onWarning(Duration.ZERO, EscalationStep.Action.NOTIFY_ASSIGNEE),
                    EscalationStep.onBreach(Duration.ZERO, EscalationStep.Action.NOTIFY_MANAGER),
                    EscalationStep.onBreach(
                        Duration.ofMinutes(1), EscalationStep.Action.MOVE_TO_POND))));
    return owner;
  }

  private void ingest(Actor owner, int i, Instant at) {
    nodes.ingest(nodeA, owner, i, "hi", at);
  }

  /** The org's steps still in db-scheduler's table. */
  private long pending(Actor owner) throws Exception {
    return nodes.pendingRuns(owner).size();
  }

  private Map<String, Long> stepEvents(Actor owner) throws Exception {
    return nodes.events(
        owner,
        "subject_id || '/' || type || '/' || coalesce(payload->>'step', '')",
        "sla.clock_at_risk",
        "sla.clock_breached",
        "sla.escalated");
  }

  private void awaitDone(Actor owner, Duration max) throws Exception {
    nodes.await(max, () -> pending(owner) == 0);
  }

  @Test
  void twoNodesRunEveryStepOfAHundredAndFiftyClocksExactlyOnce() throws Exception {
    Actor owner = org();
    Instant hourAgo = Instant.now().minus(Duration.ofHours(1));
    for (int i = 0; i < CLOCKS; i++) {
      ingest(owner, i, hourAgo.plusMillis(i));
    }
    assertThat(pending(owner)).isEqualTo((long) CLOCKS * EXECUTIONS_PER_CLOCK);

    nodes.whileRunning(
        () -> awaitDone(owner, Duration.ofMinutes(8)),
        nodes.scheduler("node-a", nodeA),
        nodes.scheduler("node-b", nodeB));

    assertThat(pending(owner)).isZero();
    Map<String, Long> events = stepEvents(owner);
    assertThat(events).hasSize(CLOCKS * STEPS_PER_CLOCK);
    assertThat(events.values()).allMatch(n -> n == 1L);
    assertThat(notified).hasSize(CLOCKS * 3);
    assertThat(notified.values()).allMatch(n -> n.get() == 1);
  }

  @Test
  void aNodeStoppedMidRunLeavesItsStepsToTheOther() throws Exception {
    Actor owner = org();
    Instant hourAgo = Instant.now().minus(Duration.ofHours(1));
    int clocks = 10;
    for (int i = 0; i < clocks; i++) {
      ingest(owner, i, hourAgo.plusMillis(i));
    }
    // Node A picked the first 20 executions (each clock's warning and breach, each with the
    // escalation on it) and died mid-run: the rows stay picked by it, and its heartbeat stopped
    // long ago (what db-scheduler's dead-execution detection looks for).
    List<String> picked = nodes.pickedByDeadNode(owner, null, "execution_time", 20);
    // Node A did one of them (a warning with the escalation on it) before it died: its execution
    // went with that commit, and running the steps again does nothing.
    String done = picked.get(0);
    List<SlaStep> doneSteps = SlaStep.parseAll(done, Instant.now());
    assertThat(doneSteps).hasSize(2);
    long before = pending(owner);
    assertThat(nodeA.sla().runSteps(doneSteps)).isInstanceOf(SlaStepOutcome.Done.class);
    // The execution went in the steps' transaction, though node A still holds it picked.
    assertThat(pending(owner)).isEqualTo(before - 1);
    assertThat(nodeA.sla().runSteps(doneSteps)).isInstanceOf(SlaStepOutcome.Nothing.class);

    nodes.whileRunning(
        () -> awaitDone(owner, Duration.ofMinutes(5)), nodes.scheduler("node-b", nodeB));

    assertThat(pending(owner)).isZero();
    Map<String, Long> events = stepEvents(owner);
    assertThat(events).hasSize(clocks * STEPS_PER_CLOCK);
    assertThat(events.values()).allMatch(n -> n == 1L);
  }

  /** The org's executions as {@code <instance> v<version> picked|pending}, by instance. */
  private List<String> runs(Actor owner) throws Exception {
    return RawSql.column(
        db.adminDataSource(),
        "select task_instance || ' v' || version || case when picked then ' picked' else"
            + " ' pending' end from "
            + nodes.table("scheduled_tasks")
            + " where task_instance like ? order by task_instance",
        owner.orgId() + "/%");
  }

  @Test
  void aMovedClockRewritesOnlyStepsThatChangedAndLeavesAPickedOneToFinish() throws Exception {
    Actor owner = org();
    UUID thread = nodes.ingest(nodeA, owner, 0, "hi", Instant.now().minus(Duration.ofHours(1)));
    try {
      JdbcStore store = JdbcStore.create(db.appDataSource(), db.schema());
      ThreadClock clock =
          store.inTransaction(owner, tx -> tx.slaClocks().find(thread)).orElseThrow();
      List<SlaStep> steps = store.inTransaction(owner, tx -> tx.slaClocks().steps(thread));
      // Node A picked the last execution (the move to the pond) and is still on it.
      String picked = nodes.pickedByDeadNode(owner, null, "execution_time desc", 1).get(0);
      List<String> before = runs(owner);
      assertThat(before).hasSize(EXECUTIONS_PER_CLOCK).contains(picked + " v2 picked");

      // Saved again with the same steps: no execution is written.
      store.inTransaction(
          owner,
          tx -> {
            tx.slaClocks().save(clock, steps);
            return null;
          });
      assertThat(runs(owner)).isEqualTo(before);

      // Every step ten minutes later: the pending executions move, the picked one stays as it is.
      List<SlaStep> later =
          steps.stream()
              .map(
                  s ->
                      new SlaStep(
                          s.orgId(),
                          s.threadId(),
                          s.clockStart(),
                          s.index(),
                          s.at().plusSeconds(600)))
              .toList();
      store.inTransaction(
          owner,
          tx -> {
            tx.slaClocks().save(clock, later);
            return null;
          });
      assertThat(runs(owner))
          .hasSize(EXECUTIONS_PER_CLOCK)
          .contains(picked + " v2 picked")
          .filteredOn(r -> r.endsWith("pending"))
          .allMatch(r -> r.endsWith(" v2 pending"));
      List<SlaStep> pending = store.inTransaction(owner, tx -> tx.slaClocks().steps(thread));
      assertThat(pending)
          .isEqualTo(
              later.stream().filter(s -> !SlaStep.parseAll(picked, s.at()).contains(s)).toList());

      // Stopped: the pending executions go, the picked one is left to finish.
      store.inTransaction(
          owner,
          tx -> {
            tx.slaClocks().save(clock, List.of());
            return null;
          });
      assertThat(runs(owner)).containsExactly(picked + " v2 picked");
    } finally {
      // No scheduler runs here: another test's would revive node A's execution and run the rest.
      RawSql.update(
          db.adminDataSource(),
          "delete from " + nodes.table("scheduled_tasks") + " where task_instance like ?",
          owner.orgId() + "/%");
    }
  }

  @Test
  void aNodeThatDiesMidBatchLeavesTheExecutionsItTookToTheOther() throws Exception {
    Actor owner = org();
    Instant hourAgo = Instant.now().minus(Duration.ofHours(1));
    int clocks = 20;
    List<UUID> threads = new java.util.ArrayList<>();
    for (int i = 0; i < clocks; i++) {
      threads.add(nodes.ingest(nodeA, owner, i, "hi", hourAgo.plusMillis(i)));
    }
    List<UUID> held = threads.subList(0, 10);
    // Node A is mid-batch: its transaction holds every execution of ten clocks, claimed as a
    // batch claims them (row locks, not picked), and their clocks.
    try (Connection a = db.adminDataSource().getConnection()) {
      a.setAutoCommit(false);
      int rows = 0;
      for (UUID t : held) {
        try (PreparedStatement ps =
            a.prepareStatement(
                "select task_instance from "
                    + nodes.table("scheduled_tasks")
                    + " where task_instance like ? for update")) {
          ps.setString(1, owner.orgId() + "/" + t + "/%");
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              rows++;
            }
          }
        }
        try (PreparedStatement ps =
            a.prepareStatement(
                "select thread_id from "
                    + nodes.table("sla_clocks")
                    + " where thread_id = ? for update")) {
          ps.setObject(1, t);
          ps.executeQuery().close();
        }
      }
      assertThat(rows).isEqualTo(10 * EXECUTIONS_PER_CLOCK);
      long heldRows = rows;

      nodes.whileRunning(
          () -> {
            // Node B runs every other execution, taking none of those node A holds.
            nodes.await(Duration.ofMinutes(5), () -> pending(owner) == heldRows);
            assertThat(pending(owner)).isEqualTo(heldRows);
            // Node A dies: its transaction rolls back, and node B runs what it held.
            a.rollback();
            a.close();
            awaitDone(owner, Duration.ofMinutes(5));
          },
          nodes.scheduler("node-b", nodeB));
    }

    assertThat(pending(owner)).isZero();
    Map<String, Long> events = stepEvents(owner);
    assertThat(events).hasSize(clocks * STEPS_PER_CLOCK);
    assertThat(events.values()).allMatch(n -> n == 1L);
    assertThat(notified).hasSize(clocks * 3);
    assertThat(notified.values()).allMatch(n -> n.get() == 1);
  }
}
