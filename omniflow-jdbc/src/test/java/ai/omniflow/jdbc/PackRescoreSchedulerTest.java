package ai.omniflow.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.OmniFlow;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.connector.spi.InboundEvent;
import ai.omniflow.connector.spi.Referral;
import ai.omniflow.connector.spi.Sender;
import ai.omniflow.jdbc.testing.PostgresTestDatabase;
import ai.omniflow.jdbc.testing.TestDatabase;
import ai.omniflow.leads.Lead;
import ai.omniflow.leads.LeadService;
import ai.omniflow.leads.LeadTestPack;
import ai.omniflow.pack.PackCatalog;
import ai.omniflow.pack.VerticalPack;
import ai.omniflow.store.spi.OrgRepository;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import ai.omniflow.tenancy.User;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
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

  /** The org's first pack: homes 1.0.0, pre-approval worth 20. */
  private final OmniFlow first;

  /** homes 1.1.0 (pre-approval worth 40) and homes-two: what the org switches to. */
  private final OmniFlow upgraded;

  PackRescoreSchedulerTest(TestDatabase db) {
    this.db = db;
    this.first = node(LeadTestPack.pack("1.0.0", 20));
    VerticalPack next = LeadTestPack.pack("1.1.0", 40);
    this.upgraded = node(next, renamed(next, "homes-two"));
  }

  private OmniFlow node(VerticalPack... packs) {
    return OmniFlow.builder()
        .store(JdbcStore.create(db.appDataSource(), db.schema()))
        .packCatalog(PackCatalog.of(List.of(packs)))
        .build();
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
    UUID org = UUID.randomUUID();
    User u = new User(UUID.randomUUID(), org + "@example.test", "Owner", Instant.EPOCH);
    first.tenancy().createOrg(org, "Org", u);
    Actor owner = Actor.of(org, u.id(), Role.OWNER);
    first.packs().select(owner, LeadTestPack.SLUG);
    for (int i = 0; i < LEADS; i++) {
      UUID thread =
          first
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
                      "Is it still available?",
                      Instant.now(),
                      Referral.NONE))
              .threadId();
      Lead lead = first.leads().fromThread(owner, thread).lead();
      first
          .leads()
          .update(
              owner,
              lead.id(),
              new LeadService.Patch(Map.of("pre_approved", true), null, null, false));
    }
    return owner;
  }

  private SlaScheduler scheduler(String name, OmniFlow node) {
    return SlaScheduler.builder(db.appDataSource(), db.schema(), node.sla())
        .leads(node.leads())
        .packRescoreBatchSize(3)
        .name(name)
        .threads(2)
        .pollingInterval(Duration.ofMillis(200))
        .heartbeat(Duration.ofMillis(250), 4)
        .shutdownMaxWait(Duration.ZERO)
        .build();
  }

  private List<String> pending(Actor owner) throws Exception {
    return RawSql.column(
        db.adminDataSource(),
        "select task_instance from "
            + db.schema()
            + ".scheduled_tasks where task_name = ? and task_instance like ?",
        OrgRepository.PACK_RESCORE_TASK,
        owner.orgId() + "/%");
  }

  private void awaitNothingPending(Actor owner, Duration max) throws Exception {
    long deadline = System.nanoTime() + max.toNanos();
    while (!pending(owner).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
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

    try (SlaScheduler node = scheduler("node-b", upgraded)) {
      node.start();
      awaitNothingPending(owner, Duration.ofMinutes(2));
    }

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
    try (Connection c = db.adminDataSource().getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "update "
                    + db.schema()
                    + ".scheduled_tasks set task_data = ?, picked = true, picked_by = 'node-a',"
                    + " last_heartbeat = now() - interval '1 hour', version = version + 1"
                    + " where task_name = ? and task_instance like ?")) {
      s.setBytes(1, serialized(cursor.toString()));
      s.setString(2, OrgRepository.PACK_RESCORE_TASK);
      s.setString(3, owner.orgId() + "/%");
      assertThat(s.executeUpdate()).isEqualTo(1);
    }

    try (SlaScheduler node = scheduler("node-b", upgraded)) {
      node.start();
      awaitNothingPending(owner, Duration.ofMinutes(2));
    }

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
