package ai.omniflow.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.OmniFlow;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.connector.spi.InboundEvent;
import ai.omniflow.connector.spi.Referral;
import ai.omniflow.connector.spi.Sender;
import ai.omniflow.enrollment.EnrollmentServiceTest;
import ai.omniflow.inbox.IngestResult;
import ai.omniflow.jdbc.testing.PostgresTestDatabase;
import ai.omniflow.jdbc.testing.TestDatabase;
import ai.omniflow.leads.Lead;
import ai.omniflow.leads.LeadTestPack;
import ai.omniflow.pack.PackCatalog;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import ai.omniflow.tenancy.User;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
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

  private final TestDatabase db;
  private final OmniFlow nodeA;
  private final OmniFlow nodeB;

  TaskOverdueSchedulerTest(TestDatabase db) {
    this.db = db;
    this.nodeA = node();
    this.nodeB = node();
  }

  private OmniFlow node() {
    return OmniFlow.builder()
        .store(JdbcStore.create(db.appDataSource(), db.schema()))
        .packCatalog(PackCatalog.of(List.of(EnrollmentServiceTest.pack())))
        .build();
  }

  private SlaScheduler scheduler(String name, OmniFlow node) {
    return SlaScheduler.builder(db.appDataSource(), db.schema(), node.sla())
        .enrollments(node.enrollments())
        .tasks(node.tasks())
        .name(name)
        .threads(4)
        .pollingInterval(Duration.ofMillis(200))
        .heartbeat(Duration.ofMillis(250), 4)
        .shutdownMaxWait(Duration.ZERO)
        .build();
  }

  private long count(String sql, Object arg) throws Exception {
    return Long.parseLong(RawSql.column(db.adminDataSource(), sql, arg).get(0));
  }

  private long pending(Actor owner) throws Exception {
    return count(
        "select count(*)::text from "
            + db.schema()
            + ".scheduled_tasks where task_name in ('omniflow-nurture-step',"
            + " 'omniflow-task-overdue') and task_instance like ?",
        owner.orgId() + "/%");
  }

  @Test
  void twoNodesEmitOneOverdueEventPerTaskAndDueTime() throws Exception {
    UUID org = UUID.randomUUID();
    User u = new User(UUID.randomUUID(), org + "@example.test", "Owner", Instant.EPOCH);
    nodeA.tenancy().createOrg(org, "Org", u);
    Actor owner = Actor.of(org, u.id(), Role.OWNER);
    nodeA.packs().select(owner, LeadTestPack.SLUG);
    for (int i = 0; i < LEADS; i++) {
      IngestResult r =
          nodeA
              .inbox()
              .ingest(
                  Actor.system(org),
                  null,
                  new InboundEvent.Message(
                      "k" + i,
                      "page-1",
                      Channel.INSTAGRAM_DM,
                      "pm-" + i,
                      Sender.ofHandle("fan" + i),
                      "hi",
                      Instant.now().minusSeconds(60),
                      Referral.NONE));
      Lead lead = nodeA.leads().fromThread(owner, r.threadId()).lead();
      nodeA.enrollments().apply(owner, lead.id(), "four-tasks");
    }

    try (SlaScheduler a = scheduler("node-a", nodeA);
        SlaScheduler b = scheduler("node-b", nodeB)) {
      a.start();
      b.start();
      long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
      while ((pending(owner) > 0
              || count(
                      "select count(*)::text from "
                          + db.schema()
                          + ".tasks where org_id = ? and overdue_for is null",
                      org)
                  > 0
              || count("select count(*)::text from " + db.schema() + ".tasks where org_id = ?", org)
                  < LEADS * TASKS)
          && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
    }

    assertThat(pending(owner)).isZero();
    Map<String, Long> overdue =
        RawSql.column(
                db.adminDataSource(),
                "select subject_id || '/' || (payload->>'overdue_for') from "
                    + db.schema()
                    + ".events where org_id = ? and type = 'task.overdue'",
                org)
            .stream()
            .collect(Collectors.groupingBy(s -> s, Collectors.counting()));
    assertThat(overdue).hasSize(LEADS * TASKS);
    assertThat(overdue.values()).allMatch(n -> n == 1L);
    assertThat(
            count(
                "select count(*)::text from "
                    + db.schema()
                    + ".events where org_id = ? and type = 'task.created'",
                org))
        .isEqualTo((long) LEADS * TASKS);
  }
}
