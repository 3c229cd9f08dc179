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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
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

  private final TestDatabase db;
  private final OmniFlow nodeA;
  private final OmniFlow nodeB;

  EnrollmentSchedulerTest(TestDatabase db) {
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

  private Actor org() {
    UUID org = UUID.randomUUID();
    User u = new User(UUID.randomUUID(), org + "@example.test", "Owner", Instant.EPOCH);
    nodeA.tenancy().createOrg(org, "Org", u);
    Actor owner = Actor.of(org, u.id(), Role.OWNER);
    nodeA.packs().select(owner, LeadTestPack.SLUG);
    return owner;
  }

  /** {@code n} leads, each enrolled in {@code four-tasks}. */
  private List<UUID> enrolled(Actor owner, int n) {
    List<UUID> leads = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      IngestResult r =
          nodeA
              .inbox()
              .ingest(
                  Actor.system(owner.orgId()),
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
      leads.add(lead.id());
    }
    return leads;
  }

  private SlaScheduler scheduler(String name, OmniFlow node) {
    return SlaScheduler.builder(db.appDataSource(), db.schema(), node.sla())
        .enrollments(node.enrollments())
        .name(name)
        .threads(4)
        .pollingInterval(Duration.ofMillis(200))
        .heartbeat(Duration.ofMillis(250), 4)
        .shutdownMaxWait(Duration.ZERO)
        .build();
  }

  /** The org's enrollment runs still in db-scheduler's table. */
  private long pending(Actor owner) throws Exception {
    return Long.parseLong(
        RawSql.column(
                db.adminDataSource(),
                "select count(*)::text from "
                    + db.schema()
                    + ".scheduled_tasks where task_name = 'omniflow-nurture-step' and"
                    + " task_instance like ?",
                owner.orgId() + "/%")
            .get(0));
  }

  /** Each step event of the org, {@code enrollment/type/step}, with how often it was written. */
  private Map<String, Long> stepEvents(Actor owner) throws Exception {
    return RawSql.column(
            db.adminDataSource(),
            "select subject_id || '/' || type || '/' || coalesce(payload->>'step_key', '') from "
                + db.schema()
                + ".events where org_id = ? and type in ('nurture.task_due',"
                + " 'nurture.completed')",
            owner.orgId())
        .stream()
        .collect(Collectors.groupingBy(s -> s, Collectors.counting()));
  }

  private long historyLines(Actor owner, String kind) throws Exception {
    return Long.parseLong(
        RawSql.column(
                db.adminDataSource(),
                "select count(*)::text from "
                    + db.schema()
                    + ".nurture_enrollment_history where org_id = ? and kind = '"
                    + kind
                    + "'",
                owner.orgId())
            .get(0));
  }

  private void awaitDone(Actor owner, Duration max) throws Exception {
    long deadline = System.nanoTime() + max.toNanos();
    while (pending(owner) > 0 && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
  }

  @Test
  void twoNodesMoveSixtyEnrollmentsThroughEveryStepExactlyOnce() throws Exception {
    Actor owner = org();
    enrolled(owner, ENROLLMENTS);
    assertThat(pending(owner)).isEqualTo(ENROLLMENTS);

    try (SlaScheduler a = scheduler("node-a", nodeA);
        SlaScheduler b = scheduler("node-b", nodeB)) {
      a.start();
      b.start();
      awaitDone(owner, Duration.ofMinutes(5));
    }

    assertThat(pending(owner)).isZero();
    Map<String, Long> events = stepEvents(owner);
    assertThat(events).hasSize(ENROLLMENTS * (TASKS + 1));
    assertThat(events.values()).allMatch(n -> n == 1L);
    assertThat(historyLines(owner, "task_created")).isEqualTo((long) ENROLLMENTS * TASKS);
    assertThat(historyLines(owner, "completed")).isEqualTo(ENROLLMENTS);
  }

  @Test
  void aNodeThatDiedHoldingRunsLeavesThemToTheOtherAndAStepItDidIsNotDoneAgain() throws Exception {
    Actor owner = org();
    int n = 10;
    enrolled(owner, n);
    // Node A picked five runs and died: they stay picked by it, its heartbeat long stopped.
    RawSql.execute(
        db.adminDataSource(),
        "update "
            + db.schema()
            + ".scheduled_tasks set picked = true, picked_by = 'node-a', last_heartbeat = now() -"
            + " interval '1 hour', version = version + 1 where task_instance in (select"
            + " task_instance from "
            + db.schema()
            + ".scheduled_tasks where task_name = 'omniflow-nurture-step' and task_instance like '"
            + owner.orgId()
            + "/%' order by task_instance limit 5)");
    // It had run one of them (committed) before it died: the revived run must not repeat it.
    String done =
        RawSql.column(
                db.adminDataSource(),
                "select task_instance from "
                    + db.schema()
                    + ".scheduled_tasks where task_name = 'omniflow-nurture-step' and picked and"
                    + " task_instance like ? order by task_instance limit 1",
                owner.orgId() + "/%")
            .get(0);
    UUID enrollment = UUID.fromString(done.substring(done.indexOf('/') + 1));
    assertThat(nodeA.enrollments().runStep(owner.orgId(), enrollment)).isPresent();

    try (SlaScheduler b = scheduler("node-b", nodeB)) {
      b.start();
      awaitDone(owner, Duration.ofMinutes(5));
    }

    assertThat(pending(owner)).isZero();
    Map<String, Long> events = stepEvents(owner);
    assertThat(events).hasSize(n * (TASKS + 1));
    assertThat(events.values()).allMatch(c -> c == 1L);
    assertThat(historyLines(owner, "task_created")).isEqualTo((long) n * TASKS);
  }
}
