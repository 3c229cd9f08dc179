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
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tasks' overdue checks on db-scheduler over PostgreSQL with two nodes: the task steps of twenty
 * enrollments make eighty tasks due at once, and each emits {@code task.overdue} exactly once.
 */
@DisplayName("Task overdue checks on db-scheduler over PostgreSQL")
@ExtendWith(PostgresTestDatabase.class)
class TaskOverdueSchedulerTest {
  private static final int LEADS = 20;

  /** Playbook {@code four-tasks}: four task steps due when made, then a stop. */
  private static final int TASKS = 4;

  private final SchedulerNodes nodes;
  private final OmniFlow nodeA;
  private final OmniFlow nodeB;

  TaskOverdueSchedulerTest(TestDatabase db) {
    this.nodes = new SchedulerNodes(db);
    this.nodeA = nodes.node(EnrollmentServiceTest.pack());
    this.nodeB = nodes.node(EnrollmentServiceTest.pack());
  }

  private SlaScheduler.Builder scheduler(String name, OmniFlow node) {
    return nodes.scheduler(name, node).enrollments(node.enrollments()).tasks(node.tasks());
  }

  private long pending(Actor owner) throws Exception {
    return nodes.pendingRuns(owner, "omniflow-nurture-step", "omniflow-task-overdue").size();
  }

  @Test
  void twoNodesEmitOneOverdueEventPerTaskAndDueTime() throws Exception {
    Actor owner = nodes.newOrg(nodeA, LeadTestPack.SLUG);
    UUID org = owner.orgId();
    for (int i = 0; i < LEADS; i++) {
      Lead lead = nodes.lead(nodeA, owner, i, "hi", Instant.now().minusSeconds(60));
      nodeA.enrollments().apply(owner, lead.id(), "four-tasks");
    }

    nodes.whileRunning(
        () ->
            nodes.await(
                Duration.ofMinutes(5),
                () ->
                    pending(owner) == 0
                        && nodes.count(
                                "select count(*)::text from "
                                    + nodes.table("tasks")
                                    + " where org_id = ? and overdue_for is null",
                                org)
                            == 0
                        && nodes.count(
                                "select count(*)::text from "
                                    + nodes.table("tasks")
                                    + " where org_id = ?",
                                org)
                            >= LEADS * TASKS),
        scheduler("node-a", nodeA),
        scheduler("node-b", nodeB));

    assertThat(pending(owner)).isZero();
    Map<String, Long> overdue =
        nodes.events(owner, "subject_id || '/' || (payload->>'overdue_for')", "task.overdue");
    assertThat(overdue).hasSize(LEADS * TASKS);
    assertThat(overdue.values()).allMatch(n -> n == 1L);
    assertThat(
            nodes.count(
                "select count(*)::text from "
                    + nodes.table("events")
                    + " where org_id = ? and type = 'task.created'",
                org))
        .isEqualTo((long) LEADS * TASKS);
  }
}
