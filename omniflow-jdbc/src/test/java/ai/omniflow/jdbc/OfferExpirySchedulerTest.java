package ai.omniflow.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.OmniFlow;
import ai.omniflow.jdbc.testing.PostgresTestDatabase;
import ai.omniflow.jdbc.testing.TestDatabase;
import ai.omniflow.leads.Lead;
import ai.omniflow.leads.LeadOffer;
import ai.omniflow.leads.LeadTestPack;
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
  private final SchedulerNodes nodes;
  private final OmniFlow nodeA;
  private final OmniFlow nodeB;

  OfferExpirySchedulerTest(TestDatabase db) {
    this.db = db;
    this.nodes = new SchedulerNodes(db);
    this.nodeA = nodes.node(LeadTestPack.pack());
    this.nodeB = nodes.node(LeadTestPack.pack());
  }

  private record Org(Actor owner, UUID claimUser, UUID backupUser) {}

  /**
   * An org whose leads are offered first to group {@code claim} (one agent, who never claims) for
   * three seconds, then fall back to group {@code backup}, whose agent takes them all.
   */
  private Org org() {
    Actor owner = nodes.newOrg(nodeA, LeadTestPack.SLUG);
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
    Lead lead = nodes.lead(nodeA, owner, i, "Is it still available?", Instant.now());
    RoutingDecision d = nodeA.leads().route(owner, lead.id()).decision();
    assertThat(d.outcome()).isEqualTo(RoutingDecision.Outcome.OFFERED);
    return lead;
  }

  private SlaScheduler.Builder scheduler(String name, OmniFlow node, Duration polling) {
    return nodes
        .scheduler(name, node)
        .leads(node.leads())
        .connectorHealthChecks(node.tenancy(), node.connectors(), Duration.ofSeconds(1))
        .pollingInterval(polling);
  }

  private long pendingExpiries(Actor owner) throws Exception {
    return pendingIds(owner).size();
  }

  /** How many {@code lead.routed} events each lead of the org has. */
  private Map<String, Long> routings(Actor owner) throws Exception {
    return nodes.events(owner, "subject_id", "lead.routed");
  }

  private void awaitNoExpiries(Actor owner, Duration max) throws Exception {
    nodes.await(max, () -> pendingExpiries(owner) == 0);
  }

  private LeadOffer offer(Actor owner, UUID lead) {
    return JdbcStore.create(db.appDataSource(), db.schema())
        .inTransaction(owner, tx -> tx.leads().offer(lead))
        .orElseThrow();
  }

  private List<String> pendingIds(Actor owner) throws Exception {
    return nodes.pendingRuns(owner, LeadRepository.OFFER_EXPIRY_TASK);
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

    nodes.whileRunning(
        () -> {
          awaitNoExpiries(org.owner(), Duration.ofMinutes(3));
          // Running an expiry again, as a revived execution would, changes nothing.
          for (UUID id : ids.subList(0, 5)) {
            assertThat(nodeA.leads().expireOffer(org.owner().orgId(), id, Instant.now())).isEmpty();
          }
        },
        scheduler("node-a", nodeA, Duration.ofMillis(200)),
        scheduler("node-b", nodeB, Duration.ofMillis(200)));

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
    nodes.whileRunning(
        () -> {
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
        },
        scheduler("node-a", nodeA, Duration.ofSeconds(1)),
        scheduler("node-b", nodeB, Duration.ofSeconds(1)));
  }

  @Test
  void theHealthSweepIsOneRecurringExecutionThatOneNodeAtATimeRuns() throws Exception {
    nodes.whileRunning(
        () -> {
          Thread.sleep(3_000);
          List<String> rows =
              RawSql.column(
                  db.adminDataSource(),
                  "select task_instance || ' ' || (last_success is not null) from "
                      + db.schema()
                      + ".scheduled_tasks where task_name = ?",
                  SlaScheduler.HEALTH_CHECK_TASK);
          assertThat(rows).containsExactly("recurring true");
        },
        scheduler("node-a", nodeA, Duration.ofMillis(200)),
        scheduler("node-b", nodeB, Duration.ofMillis(200)));
  }
}
