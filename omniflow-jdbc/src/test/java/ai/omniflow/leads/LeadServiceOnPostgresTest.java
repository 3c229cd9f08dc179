package ai.omniflow.leads;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.OmniFlow;
import ai.omniflow.PageRequest;
import ai.omniflow.connector.spi.Referral;
import ai.omniflow.inbox.IngestResult;
import ai.omniflow.jdbc.JdbcStore;
import ai.omniflow.jdbc.testing.PostgresTestDatabase;
import ai.omniflow.jdbc.testing.TestDatabase;
import ai.omniflow.store.spi.OrgRepository;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.Actor;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The lead service's tests, on PostgreSQL as the application role, plus real concurrency. */
@DisplayName("Leads on PostgreSQL")
@ExtendWith(PostgresTestDatabase.class)
class LeadServiceOnPostgresTest extends LeadServiceTest {
  private final TestDatabase db;

  LeadServiceOnPostgresTest(TestDatabase db) {
    this.db = db;
  }

  @Override
  protected Store newStore() {
    return JdbcStore.create(db.appDataSource(), db.schema());
  }

  /**
   * The JDBC store schedules the rescoring in the selection's transaction, one execution for the
   * org; this runs its batches through the same use case the scheduler's task calls
   * (PackRescoreSchedulerTest runs them on real scheduler nodes).
   */
  @Override
  protected void awaitPackRescore(OmniFlow node, Actor org) {
    List<String> pending = pendingRescores(org);
    assertThat(pending).as("the selection scheduled one rescoring").hasSize(1);
    String[] id = pending.get(0).split("/", -1);
    Optional<UUID> last = Optional.empty();
    do {
      last = node.leads().rescoreAfterPackChange(org.orgId(), id[1], id[2], last.orElse(null), 200);
    } while (last.isPresent());
  }

  private List<String> pendingRescores(Actor org) {
    try (Connection c = db.adminDataSource().getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "select task_instance from "
                    + db.schema()
                    + ".scheduled_tasks where task_name = ? and task_instance like ?")) {
      s.setString(1, OrgRepository.PACK_RESCORE_TASK);
      s.setString(2, org.orgId() + "/%");
      List<String> out = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void twoConversionsOfTheSameThreadAtTheSameMomentMakeOneLead() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 20; round++) {
        Actor org = newOrg();
        IngestResult r = dm(org, "same" + round, "Hi there", ago(5), Referral.NONE);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<LeadService.Conversion>> futures = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
          futures.add(
              pool.submit(
                  () -> {
                    start.await();
                    return omniFlow.leads().fromThread(org, r.threadId());
                  }));
        }
        start.countDown();
        List<LeadService.Conversion> out = new ArrayList<>();
        for (Future<LeadService.Conversion> f : futures) {
          out.add(f.get(30, TimeUnit.SECONDS));
        }

        assertThat(out.get(0).lead().id()).as("round %d", round).isEqualTo(out.get(1).lead().id());
        assertThat(out).filteredOn(LeadService.Conversion::created).hasSize(1);
        assertThat(omniFlow.leads().list(org, LeadFilter.ALL, PageRequest.first()).total())
            .isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void moneyComesBackExactlyAsItWasRecorded() {
    Lead l = newLead(owner, "exact");
    omniFlow
        .leads()
        .recordOutcome(
            owner,
            l.id(),
            new LeadOutcome(
                LeadOutcome.Status.WON, new BigDecimal("1234567.891"), "KWD", ago(1), null));

    LeadOutcome back = omniFlow.leads().get(owner, l.id()).outcome();

    assertThat(back.amount()).isEqualTo(new BigDecimal("1234567.891"));
    assertThat(back.currency()).isEqualTo("KWD");
  }

  @Test
  void twoNodesRoutingAtOnceKeepCapacityAndRoundRobin() throws Exception {
    // A second node: its own OmniFlow and connection pool on the same database.
    ai.omniflow.OmniFlow other =
        ai.omniflow.OmniFlow.builder()
            .store(JdbcStore.create(db.appDataSource(), db.schema()))
            .clock(clock)
            .packCatalog(ai.omniflow.pack.PackCatalog.of(List.of(LeadTestPack.pack())))
            .build();
    List<ai.omniflow.routing.Agent> agents = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Actor m = member(owner, ai.omniflow.tenancy.Role.AGENT);
      agents.add(
          omniFlow
              .routing()
              .createAgent(
                  owner,
                  new ai.omniflow.routing.Agent(
                      java.util.UUID.randomUUID(),
                      m.userId(),
                      "A" + i,
                      true,
                      1,
                      i == 0 ? 3 : 100,
                      java.util.Set.of(),
                      ai.omniflow.routing.Availability.ALWAYS)));
    }
    omniFlow
        .routing()
        .createGroup(
            owner,
            ai.omniflow.routing.RoutingGroup.of(
                "team",
                ai.omniflow.routing.RoutingPolicy.ROUND_ROBIN,
                agents.stream().map(ai.omniflow.routing.Agent::id).toList()));
    omniFlow
        .routing()
        .setConfig(
            owner,
            new ai.omniflow.routing.RoutingConfig(
                List.of(), "team", false, ai.omniflow.routing.LastResort.POND, null));
    List<Lead> leads = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      leads.add(newLead(owner, "par" + i));
    }

    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<LeadService.RoutedLead>> futures = new ArrayList<>();
      for (int i = 0; i < leads.size(); i++) {
        ai.omniflow.OmniFlow node = i % 2 == 0 ? omniFlow : other;
        java.util.UUID id = leads.get(i).id();
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return node.leads().route(owner, id);
                }));
      }
      start.countDown();
      for (Future<LeadService.RoutedLead> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    java.util.Map<java.util.UUID, Integer> counts = new java.util.HashMap<>();
    for (Lead l : omniFlow.leads().list(owner, LeadFilter.ALL, PageRequest.of(100, 0)).items()) {
      assertThat(l.ownerUserId()).isNotNull();
      counts.merge(l.ownerUserId(), 1, Integer::sum);
    }
    assertThat(counts.get(agents.get(0).userId())).as("capacity 3").isEqualTo(3);
    // The other 27 leads went round robin over three agents: 9 each, within one.
    for (int i = 1; i < 4; i++) {
      assertThat(counts.get(agents.get(i).userId())).isBetween(8, 10);
    }
  }
}
