package ai.omniflow.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.OmniFlow;
import ai.omniflow.jdbc.testing.PostgresTestDatabase;
import ai.omniflow.jdbc.testing.TestDatabase;
import ai.omniflow.leads.Lead;
import ai.omniflow.leads.LeadService;
import ai.omniflow.leads.LeadTestPack;
import ai.omniflow.pack.VerticalPack;
import ai.omniflow.store.spi.OrgRepository;
import ai.omniflow.tenancy.Actor;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The rescoring after a pack selection on db-scheduler over PostgreSQL (decision 0075): scheduled
 * in the selection's transaction, run in bounded batches after it, resumed from its last committed
 * batch when a node dies.
 */
@DisplayName("Rescoring after a pack selection on db-scheduler over PostgreSQL")
@ExtendWith(PostgresTestDatabase.class)
class PackRescoreSchedulerTest {
  private static final int LEADS = 7;

  private final TestDatabase db;
  private final SchedulerNodes nodes;

  /** The org's first pack: homes 1.0.0, pre-approval worth 20. */
  private final OmniFlow first;

  /** homes 1.1.0 (pre-approval worth 40) and homes-two: what the org switches to. */
  private final OmniFlow upgraded;

  PackRescoreSchedulerTest(TestDatabase db) {
    this.db = db;
    this.nodes = new SchedulerNodes(db);
    this.first = nodes.node(LeadTestPack.pack("1.0.0", 20));
    VerticalPack next = LeadTestPack.pack("1.1.0", 40);
    this.upgraded = nodes.node(next, renamed(next, "homes-two"));
  }

  private static VerticalPack renamed(VerticalPack p, String slug) {
    return new VerticalPack(
        slug,
        p.name(),
        p.version(),
        p.description(),
        p.leadFields(),
        p.stages(),
        p.intents(),
        p.replyTemplates(),
        p.negationWords(),
        p.nextActions(),
        p.scoring(),
        p.routing(),
        p.compliance(),
        p.localizedReplyTemplates(),
        p.nurture());
  }

  /** An org on homes 1.0.0 with {@link #LEADS} pre-approved, scored leads. */
  private Actor org() {
    Actor owner = nodes.newOrg(first, LeadTestPack.SLUG);
    for (int i = 0; i < LEADS; i++) {
      Lead lead = nodes.lead(first, owner, i, "Is it still available?", Instant.now());
      first
          .leads()
          .update(
              owner,
              lead.id(),
              new LeadService.Patch(Map.of("pre_approved", true), null, null, false));
    }
    return owner;
  }

  private SlaScheduler.Builder scheduler(String name, OmniFlow node) {
    return nodes.scheduler(name, node).leads(node.leads()).packRescoreBatchSize(3).threads(2);
  }

  private List<String> pending(Actor owner) throws Exception {
    return nodes.pendingRuns(owner, OrgRepository.PACK_RESCORE_TASK);
  }

  private void awaitNothingPending(Actor owner, Duration max) throws Exception {
    nodes.await(max, () -> pending(owner).isEmpty());
  }

  /** The org's lead ids in the order the store walks them (PostgreSQL's uuid order). */
  private List<UUID> leadIds(Actor owner) throws Exception {
    return RawSql.column(
            db.adminDataSource(),
            "select id::text from " + db.schema() + ".leads where org_id = ? order by id",
            owner.orgId())
        .stream()
        .map(UUID::fromString)
        .toList();
  }

  /** The leads of the org that have a score kept with reason {@code pack_changed}. */
  private List<UUID> rescored(Actor owner) throws Exception {
    return RawSql.column(
            db.adminDataSource(),
            "select distinct lead_id::text from "
                + db.schema()
                + ".lead_scores where org_id = ? and reason = 'pack_changed'",
            owner.orgId())
        .stream()
        .map(UUID::fromString)
        .toList();
  }

  private @Nullable Integer score(Actor owner, UUID lead) {
    return upgraded.leads().get(owner, lead).score();
  }

  @Test
  void selectingAPackSchedulesTheRescoringInItsTransactionAndRescoresNothingItself()
      throws Exception {
    Actor owner = org();
    Integer before = score(owner, leadIds(owner).get(0));

    upgraded.packs().select(owner, LeadTestPack.SLUG);

    assertThat(pending(owner))
        .singleElement()
        .asString()
        .startsWith(owner.orgId() + "/homes/1.1.0/");
    assertThat(rescored(owner)).isEmpty();
    assertThat(score(owner, leadIds(owner).get(0))).isEqualTo(before);
  }

  @Test
  void theSchedulerRescoresEveryOpenLeadInBatchesAndRemovesTheRun() throws Exception {
    Actor owner = org();
    List<UUID> ids = leadIds(owner);
    upgraded.packs().select(owner, LeadTestPack.SLUG);

    nodes.whileRunning(
        () -> awaitNothingPending(owner, Duration.ofMinutes(2)), scheduler("node-b", upgraded));

    assertThat(pending(owner)).isEmpty();
    assertThat(rescored(owner)).containsExactlyInAnyOrderElementsOf(ids);
    // Each lead now carries the score 1.1.0 gives it: scoring it again changes nothing.
    for (UUID id : ids) {
      assertThat(score(owner, id)).isNotNull();
      assertThat(upgraded.leads().score(owner, id).score().total()).isEqualTo(score(owner, id));
    }
  }

  @Test
  void aRunWhoseNodeDiedResumesAfterItsLastCommittedBatch() throws Exception {
    Actor owner = org();
    List<UUID> ids = leadIds(owner);
    upgraded.packs().select(owner, LeadTestPack.SLUG);
    // Node A ran the first batch (it committed, and the run kept its last lead as its data) and
    // died with the run picked, its heartbeat long stopped. Here the batch is left undone, so that
    // only a run resuming after it, not one starting again, leaves those three leads alone.
    UUID cursor = ids.get(2);
    List<String> run =
        nodes.pickedByDeadNode(owner, OrgRepository.PACK_RESCORE_TASK, "task_instance", 2);
    assertThat(run).hasSize(1);
    assertThat(
            RawSql.update(
                db.adminDataSource(),
                "update "
                    + nodes.table("scheduled_tasks")
                    + " set task_data = ? where task_name = ? and task_instance = ?",
                serialized(cursor.toString()),
                OrgRepository.PACK_RESCORE_TASK,
                run.get(0)))
        .isEqualTo(1);

    nodes.whileRunning(
        () -> awaitNothingPending(owner, Duration.ofMinutes(2)), scheduler("node-b", upgraded));

    assertThat(pending(owner)).isEmpty();
    assertThat(rescored(owner)).containsExactlyInAnyOrderElementsOf(ids.subList(3, ids.size()));
  }

  @Test
  void aNewSelectionDropsTheRunNoNodeHasPickedAndAnOldRunStopsByItself() throws Exception {
    Actor owner = org();
    upgraded.packs().select(owner, LeadTestPack.SLUG);
    upgraded.packs().select(owner, "homes-two");

    assertThat(pending(owner))
        .singleElement()
        .asString()
        .startsWith(owner.orgId() + "/homes-two/1.1.0/");
    // A run of the earlier selection, picked before the second one, finds the org moved on.
    assertThat(
            upgraded
                .leads()
                .rescoreAfterPackChange(owner.orgId(), LeadTestPack.SLUG, "1.1.0", null, 3))
        .isEmpty();
    assertThat(rescored(owner)).isEmpty();
  }

  /** A run's data as db-scheduler's default serializer writes it. */
  private static byte[] serialized(String data) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(data);
    }
    return bytes.toByteArray();
  }
}
