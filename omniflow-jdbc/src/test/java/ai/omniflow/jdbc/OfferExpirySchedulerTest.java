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
import ai.omniflow.leads.LeadOffer;
import ai.omniflow.leads.LeadTestPack;
import ai.omniflow.pack.PackCatalog;
import ai.omniflow.routing.Agent;
import ai.omniflow.routing.Availability;
import ai.omniflow.routing.RoutingConfig;
import ai.omniflow.routing.RoutingDecision;
import ai.omniflow.routing.RoutingGroup;
import ai.omniflow.routing.RoutingPolicy;
import ai.omniflow.store.spi.LeadRepository;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import ai.omniflow.tenancy.User;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Offer expiry and the connector health sweep on db-scheduler over PostgreSQL (decision 0065): two
 * OmniFlow nodes over one database, each with its own scheduler.
 */
@DisplayName("Offer expiry and the health sweep on db-scheduler over PostgreSQL")
@ExtendWith(PostgresTestDatabase.class)
class OfferExpirySchedulerTest {
  private static final Duration OFFER_TIMEOUT = Duration.ofSeconds(3);

  private final TestDatabase db;
  private final OmniFlow nodeA;
  private final OmniFlow nodeB;

  OfferExpirySchedulerTest(TestDatabase db) {
    this.db = db;
    this.nodeA = node();
    this.nodeB = node();
  }

  private OmniFlow node() {
    return OmniFlow.builder()
        .store(JdbcStore.create(db.appDataSource(), db.schema()))
        .packCatalog(PackCatalog.of(List.of(LeadTestPack.pack())))
        .build();
  }

  private record Org(Actor owner, UUID claimUser, UUID backupUser) {}

  /**
   * An org whose leads are offered first to group {@code claim} (one agent, who never claims) for
   * three seconds, then fall back to group {@code backup}, whose agent takes them all.
   */
  private Org org() {
    UUID org = UUID.randomUUID();
    User u = new User(UUID.randomUUID(), org + "@example.test", "Owner", Instant.EPOCH);
    nodeA.tenancy().createOrg(org, "Org", u);
    Actor owner = Actor.of(org, u.id(), Role.OWNER);
    nodeA.packs().select(owner, LeadTestPack.SLUG);
    UUID ana = member(owner);
    UUID bo = member(owner);
    Agent a = agent(owner, ana);
    Agent b = agent(owner, bo);
    nodeA
        .routing()
        .createGroup(
            owner,
            new RoutingGroup(
                "backup",
                "Backup",
                RoutingPolicy.ROUND_ROBIN,
                List.of(b.id()),
                RoutingGroup.DEFAULT_OFFER_TIMEOUT,
                null));
    nodeA
        .routing()
        .createGroup(
            owner,
            new RoutingGroup(
                "claim",
                "Claim",
                RoutingPolicy.FIRST_TO_CLAIM,
                List.of(a.id()),
                OFFER_TIMEOUT,
                "backup"));
    nodeA
        .routing()
        .setConfig(
            owner,
            new RoutingConfig(
                List.of(), "claim", false, ai.omniflow.routing.LastResort.POND, null));
    return new Org(owner, ana, bo);
  }

  private UUID member(Actor owner) {
    User u = new User(UUID.randomUUID(), UUID.randomUUID() + "@example.test", "M", Instant.EPOCH);
    nodeA.tenancy().addMember(owner, u, Role.AGENT);
    return u.id();
  }

  private Agent agent(Actor owner, UUID user) {
    return nodeA
        .routing()
        .createAgent(
            owner,
            new Agent(
                UUID.randomUUID(),
                user,
                "Agent " + user.toString().substring(0, 4),
                true,
                1,
                1000,
                Set.of(),
                Availability.ALWAYS));
  }

  /** A lead offered to group {@code claim}, made through node A. */
  private Lead offeredLead(Actor owner, int i) {
    UUID thread =
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
                    "Is it still available?",
                    Instant.now(),
                    Referral.NONE))
            .threadId();
    Lead lead = nodeA.leads().fromThread(owner, thread).lead();
    RoutingDecision d = nodeA.leads().route(owner, lead.id()).decision();
    assertThat(d.outcome()).isEqualTo(RoutingDecision.Outcome.OFFERED);
    return lead;
  }

  private SlaScheduler scheduler(String name, OmniFlow node, Duration polling) {
    return SlaScheduler.builder(db.appDataSource(), db.schema(), node.sla())
        .leads(node.leads())
        .connectorHealthChecks(node.tenancy(), node.connectors(), Duration.ofSeconds(1))
        .name(name)
        .threads(4)
        .pollingInterval(polling)
        .heartbeat(Duration.ofMillis(250), 4)
        .shutdownMaxWait(Duration.ZERO)
        .build();
  }

  private long pendingExpiries(Actor owner) throws Exception {
    return Long.parseLong(
        RawSql.column(
                db.adminDataSource(),
                "select count(*)::text from "
                    + db.schema()
                    + ".scheduled_tasks where task_name = ? and task_instance like ?",
                LeadRepository.OFFER_EXPIRY_TASK,
                owner.orgId() + "/%")
            .get(0));
  }

  /** How many {@code lead.routed} events each lead of the org has. */
  private Map<String, Long> routings(Actor owner) throws Exception {
    return RawSql.column(
            db.adminDataSource(),
            "select subject_id from "
                + db.schema()
                + ".events where org_id = ? and type = 'lead.routed'",
            owner.orgId())
        .stream()
        .collect(Collectors.groupingBy(s -> s, Collectors.counting()));
  }

  private void awaitNoExpiries(Actor owner, Duration max) throws Exception {
    long deadline = System.nanoTime() + max.toNanos();
    while (pendingExpiries(owner) > 0 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
  }

  private LeadOffer offer(Actor owner, UUID lead) {
    return JdbcStore.create(db.appDataSource(), db.schema())
        .inTransaction(owner, tx -> tx.leads().offer(lead))
        .orElseThrow();
  }

  private List<String> pendingIds(Actor owner) throws Exception {
    return RawSql.column(
        db.adminDataSource(),
        "select task_instance from "
            + db.schema()
            + ".scheduled_tasks where task_name = ? and task_instance like ?",
        LeadRepository.OFFER_EXPIRY_TASK,
        owner.orgId() + "/%");
  }

  @Test
  void makingAnOfferSchedulesItsExpiryInTheSameTransactionAndClaimingItCancelsIt()
      throws Exception {
    Org org = org();
    Lead lead = offeredLead(org.owner(), 0);
    assertThat(pendingIds(org.owner()))
        .containsExactly(LeadRepository.offerExpiryId(offer(org.owner(), lead.id())));

    Thread.sleep(5); // the new offer expires later, so it has an id of its own
    nodeA.leads().route(org.owner(), lead.id()); // offered again: the expiry moves with it
    assertThat(pendingIds(org.owner()))
        .containsExactly(LeadRepository.offerExpiryId(offer(org.owner(), lead.id())));

    nodeA.leads().claim(Actor.of(org.owner().orgId(), org.claimUser(), Role.AGENT), lead.id());
    assertThat(pendingIds(org.owner())).isEmpty();
  }

  @Test
  void twoNodesExpireEachOfAHundredOffersExactlyOnce() throws Exception {
    Org org = org();
    int leads = 100;
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < leads; i++) {
      ids.add(offeredLead(org.owner(), i).id());
    }
    assertThat(pendingExpiries(org.owner())).isEqualTo(leads);
    Thread.sleep(OFFER_TIMEOUT.toMillis());

    try (SlaScheduler a = scheduler("node-a", nodeA, Duration.ofMillis(200));
        SlaScheduler b = scheduler("node-b", nodeB, Duration.ofMillis(200))) {
      a.start();
      b.start();
      awaitNoExpiries(org.owner(), Duration.ofMinutes(3));
      // Running an expiry again, as a revived execution would, changes nothing.
      for (UUID id : ids.subList(0, 5)) {
        assertThat(nodeA.leads().expireOffer(org.owner().orgId(), id, Instant.now())).isEmpty();
      }
    }

    assertThat(pendingExpiries(org.owner())).isZero();
    Map<String, Long> routed = routings(org.owner());
    assertThat(routed).hasSize(leads);
    // One routing made each offer, and exactly one more expired it to the backup group.
    assertThat(routed.values()).allMatch(n -> n == 2L);
    for (UUID id : ids) {
      assertThat(nodeA.leads().get(org.owner(), id).ownerUserId()).isEqualTo(org.backupUser());
    }
  }

  @Test
  void anOfferExpiresWithinTwoSecondsOfItsTimeNotFifteen() throws Exception {
    Org org = org();
    try (SlaScheduler a = scheduler("node-a", nodeA, Duration.ofSeconds(1));
        SlaScheduler b = scheduler("node-b", nodeB, Duration.ofSeconds(1))) {
      a.start();
      b.start();
      Lead lead = offeredLead(org.owner(), 0);
      Instant expiresAt =
          JdbcStore.create(db.appDataSource(), db.schema())
              .inTransaction(org.owner(), tx -> tx.leads().offer(lead.id()))
              .orElseThrow()
              .expiresAt();
      awaitNoExpiries(org.owner(), Duration.ofSeconds(30));

      assertThat(nodeA.leads().get(org.owner(), lead.id()).ownerUserId())
          .isEqualTo(org.backupUser());
      Instant routedAt =
          Instant.parse(
              RawSql.column(
                      db.adminDataSource(),
                      "select to_char(max(occurred_at) at time zone 'UTC',"
                          + " 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') from "
                          + db.schema()
                          + ".events where org_id = ? and type = 'lead.routed'",
                      org.owner().orgId())
                  .get(0));
      Duration late = Duration.between(expiresAt, routedAt);
      System.out.println("offer expired " + late.toMillis() + " ms after its time");
      assertThat(late)
          .isGreaterThanOrEqualTo(Duration.ZERO)
          .isLessThanOrEqualTo(Duration.ofSeconds(2));
    }
  }

  @Test
  void theHealthSweepIsOneRecurringExecutionThatOneNodeAtATimeRuns() throws Exception {
    try (SlaScheduler a = scheduler("node-a", nodeA, Duration.ofMillis(200));
        SlaScheduler b = scheduler("node-b", nodeB, Duration.ofMillis(200))) {
      a.start();
      b.start();
      Thread.sleep(3_000);
      List<String> rows =
          RawSql.column(
              db.adminDataSource(),
              "select task_instance || ' ' || (last_success is not null) from "
                  + db.schema()
                  + ".scheduled_tasks where task_name = ?",
              SlaScheduler.HEALTH_CHECK_TASK);
      assertThat(rows).containsExactly("recurring true");
    }
  }
}
