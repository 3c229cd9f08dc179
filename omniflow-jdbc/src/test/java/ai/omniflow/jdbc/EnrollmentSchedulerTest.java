package ai.omniflow.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.OmniFlow;
import ai.omniflow.enrollment.EnrollmentServiceTest;
import ai.omniflow.jdbc.testing.PostgresTestDatabase;
import ai.omniflow.jdbc.testing.TestDatabase;
import ai.omniflow.leads.Lead;
import ai.omniflow.leads.LeadTestPack;
import ai.omniflow.tenancy.Actor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Nurture steps on db-scheduler over PostgreSQL with two nodes: two OmniFlow instances over one
 * database, each with its own scheduler running enrollment steps, move every enrollment through
 * every step exactly once; a node that died holding executions leaves them to the other, and a step
 * it had done is not done again.
 */
@DisplayName("Nurture steps on db-scheduler over PostgreSQL")
@ExtendWith(PostgresTestDatabase.class)
class EnrollmentSchedulerTest {
  private static final int ENROLLMENTS = 60;

  /** Playbook {@code four-tasks}: four task steps, then a stop. */
  private static final int TASKS = 4;

  private static final String NURTURE_STEP = "omniflow-nurture-step";

  private final SchedulerNodes nodes;
  private final OmniFlow nodeA;
  private final OmniFlow nodeB;

  EnrollmentSchedulerTest(TestDatabase db) {
    this.nodes = new SchedulerNodes(db);
    this.nodeA = nodes.node(EnrollmentServiceTest.pack());
    this.nodeB = nodes.node(EnrollmentServiceTest.pack());
  }

  /** {@code n} leads, each enrolled in {@code four-tasks}. */
  private List<UUID> enrolled(Actor owner, int n) {
    List<UUID> leads = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Lead lead = nodes.lead(nodeA, owner, i, "hi", Instant.now().minusSeconds(60));
      nodeA.enrollments().apply(owner, lead.id(), "four-tasks");
      leads.add(lead.id());
    }
    return leads;
  }

  private SlaScheduler.Builder scheduler(String name, OmniFlow node) {
    return nodes.scheduler(name, node).enrollments(node.enrollments());
  }

  /** The org's enrollment runs still in db-scheduler's table. */
  private long pending(Actor owner) throws Exception {
    return nodes.pendingRuns(owner, NURTURE_STEP).size();
  }

  /** Each step event of the org, {@code enrollment/type/step}, with how often it was written. */
  private Map<String, Long> stepEvents(Actor owner) throws Exception {
    return nodes.events(
        owner,
        "subject_id || '/' || type || '/' || coalesce(payload->>'step_key', '')",
        "nurture.task_due",
        "nurture.completed");
  }

  private long historyLines(Actor owner, String kind) throws Exception {
    return nodes.count(
        "select count(*)::text from "
            + nodes.table("nurture_enrollment_history")
            + " where org_id = ? and kind = ?",
        owner.orgId(),
        kind);
  }

  private void awaitDone(Actor owner, Duration max) throws Exception {
    nodes.await(max, () -> pending(owner) == 0);
  }

  @Test
  void twoNodesMoveSixtyEnrollmentsThroughEveryStepExactlyOnce() throws Exception {
    Actor owner = nodes.newOrg(nodeA, LeadTestPack.SLUG);
    enrolled(owner, ENROLLMENTS);
    assertThat(pending(owner)).isEqualTo(ENROLLMENTS);

    nodes.whileRunning(
        () -> awaitDone(owner, Duration.ofMinutes(5)),
        scheduler("node-a", nodeA),
        scheduler("node-b", nodeB));

    assertThat(pending(owner)).isZero();
    Map<String, Long> events = stepEvents(owner);
    assertThat(events).hasSize(ENROLLMENTS * (TASKS + 1));
    assertThat(events.values()).allMatch(n -> n == 1L);
    assertThat(historyLines(owner, "task_created")).isEqualTo((long) ENROLLMENTS * TASKS);
    assertThat(historyLines(owner, "completed")).isEqualTo(ENROLLMENTS);
  }

  @Test
  void aNodeThatDiedHoldingRunsLeavesThemToTheOtherAndAStepItDidIsNotDoneAgain() throws Exception {
    Actor owner = nodes.newOrg(nodeA, LeadTestPack.SLUG);
    int n = 10;
    enrolled(owner, n);
    // Node A picked five runs and died: they stay picked by it, its heartbeat long stopped.
    List<String> picked = nodes.pickedByDeadNode(owner, NURTURE_STEP, "task_instance", 5);
    // It had run one of them (committed) before it died: the revived run must not repeat it.
    String done = picked.get(0);
    UUID enrollment = UUID.fromString(done.substring(done.indexOf('/') + 1));
    assertThat(nodeA.enrollments().runStep(owner.orgId(), enrollment)).isPresent();

    nodes.whileRunning(() -> awaitDone(owner, Duration.ofMinutes(5)), scheduler("node-b", nodeB));

    assertThat(pending(owner)).isZero();
    Map<String, Long> events = stepEvents(owner);
    assertThat(events).hasSize(n * (TASKS + 1));
    assertThat(events.values()).allMatch(c -> c == 1L);
    assertThat(historyLines(owner, "task_created")).isEqualTo((long) n * TASKS);
  }
}
