package ai.omniflow.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.jdbc.testing.PostgresTestDatabase;
import ai.omniflow.jdbc.testing.TestDatabase;
import ai.omniflow.routing.Agent;
import ai.omniflow.routing.RoutingConfig;
import ai.omniflow.routing.RoutingCounter;
import ai.omniflow.routing.RoutingDecision;
import ai.omniflow.routing.RoutingEngine;
import ai.omniflow.routing.RoutingGroup;
import ai.omniflow.routing.RoutingPolicy;
import ai.omniflow.routing.RoutingRequest;
import ai.omniflow.routing.RoutingSnapshot;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Membership;
import ai.omniflow.tenancy.Org;
import ai.omniflow.tenancy.Role;
import ai.omniflow.tenancy.User;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Routing from several "nodes" at once (two stores on two connection pools, several threads each)
 * for one org on PostgreSQL: the flow the lead service runs — lock the org's routing state, read
 * agents, groups and counters, decide, record the assignment, bump the counter — keeps every agent
 * within capacity and round robin within one. Assignments are recorded as counters here (the lead
 * table is another feature's), so an agent's open leads are the sum of its counters.
 */
@DisplayName("Routing on PostgreSQL from two nodes at once")
@ExtendWith(PostgresTestDatabase.class)
class RoutingConcurrencyTest {
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private final Store nodeA;
  private final Store nodeB;

  RoutingConcurrencyTest(TestDatabase db) {
    this.nodeA = JdbcStore.create(db.appDataSource(), db.schema());
    this.nodeB = JdbcStore.create(db.appDataSource(), db.schema());
  }

  private Actor newOrg() {
    UUID orgId = UUID.randomUUID();
    UUID userId = UUID.randomUUID();
    Actor actor = Actor.of(orgId, userId, Role.OWNER);
    nodeA.inTransaction(
        actor,
        tx -> {
          tx.orgs().insert(new Org(orgId, "Org", null, null, NOW));
          tx.users().insert(new User(userId, userId + "@example.test", "Owner", NOW));
          tx.memberships().insert(new Membership(orgId, userId, Role.OWNER, NOW));
          return null;
        });
    return actor;
  }

  /** One routing transaction; returns the assigned agent or null. */
  private static UUID route(Store store, Actor actor, RoutingEngine engine) {
    return store.inTransaction(
        actor,
        tx -> {
          tx.routing().lock();
          List<RoutingCounter> counters = tx.routing().counters();
          Map<UUID, Integer> open = new HashMap<>();
          for (RoutingCounter c : counters) {
            open.merge(c.agent(), (int) c.assigned(), Integer::sum);
          }
          RoutingSnapshot snapshot =
              RoutingSnapshot.of(tx.routing().agents(), tx.routing().groups(), counters, open);
          RoutingDecision d =
              engine.decide(RoutingRequest.of(engine.facts().build()), snapshot, NOW);
          if (d.counterGroup() != null) {
            tx.routing().incrementCounter(d.counterGroup(), d.agent());
          }
          return d.agent();
        });
  }

  @Test
  void parallelRoutingNeverExceedsACapacityAndKeepsRoundRobinWithinOne() throws Exception {
    Actor actor = newOrg();
    List<Agent> agents = new ArrayList<>();
    for (int n = 0; n < 5; n++) {
      agents.add(Agent.of(UUID.randomUUID(), "Agent " + n, n == 0 ? 3 : 1000));
    }
    nodeA.inTransaction(
        actor,
        tx -> {
          agents.forEach(tx.routing()::insertAgent);
          tx.routing()
              .insertGroup(
                  RoutingGroup.of(
                      "team", RoutingPolicy.ROUND_ROBIN, agents.stream().map(Agent::id).toList()));
          return null;
        });
    RoutingEngine engine =
        RoutingEngine.compile(
            new RoutingConfig(List.of(), "team", false, ai.omniflow.routing.LastResort.POND, null),
            List.of());
    int threads = 8;
    int perThread = 25;
    AtomicInteger pond = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Store store = t % 2 == 0 ? nodeA : nodeB;
        Callable<Void> work =
            () -> {
              for (int k = 0; k < perThread; k++) {
                if (route(store, actor, engine) == null) {
                  pond.incrementAndGet();
                }
              }
              return null;
            };
        done.add(pool.submit(work));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    List<RoutingCounter> counters = nodeA.inTransaction(actor, tx -> tx.routing().counters());
    Map<UUID, Long> byAgent = new HashMap<>();
    counters.forEach(c -> byAgent.put(c.agent(), c.assigned()));
    long total = byAgent.values().stream().mapToLong(Long::longValue).sum();
    assertThat(total + pond.get()).isEqualTo(threads * perThread);
    assertThat(pond.get()).isZero();
    // the small agent fills up and is never given a fourth lead
    assertThat(byAgent.get(agents.get(0).id())).isEqualTo(3);
    // the others stay within one of each other
    List<Long> rest =
        agents.subList(1, agents.size()).stream()
            .map(a -> byAgent.getOrDefault(a.id(), 0L))
            .toList();
    assertThat(
            rest.stream().mapToLong(Long::longValue).max().getAsLong()
                - rest.stream().mapToLong(Long::longValue).min().getAsLong())
        .isLessThanOrEqualTo(1);
  }
}
