package ai.omniflow.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.OmniFlow;
import ai.omniflow.OmniFlowException;
import ai.omniflow.jdbc.JdbcStore;
import ai.omniflow.jdbc.testing.PostgresTestDatabase;
import ai.omniflow.jdbc.testing.TestDatabase;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The last-owner rule under real concurrency: two owners of one org, each demoting or removing the
 * other at the same moment, from two nodes (two stores on their own pools). Without the org row
 * lock both transactions would see "another owner remains" and the org would end with none.
 */
@DisplayName("The last owner on PostgreSQL, under concurrent demotions and removals")
@ExtendWith(PostgresTestDatabase.class)
class LastOwnerOnPostgresTest {
  private static final int ROUNDS = 15;
  private final OmniFlow nodeA;
  private final OmniFlow nodeB;
  private final Clock clock = Clock.systemUTC();

  LastOwnerOnPostgresTest(TestDatabase db) {
    nodeA =
        OmniFlow.builder()
            .store(JdbcStore.create(db.appDataSource(), db.schema()))
            .clock(clock)
            .build();
    nodeB =
        OmniFlow.builder()
            .store(JdbcStore.create(db.appDataSource(), db.schema()))
            .clock(clock)
            .build();
  }

  @Test
  void twoOwnersDemotingEachOtherAtOnceLeaveExactlyOneOwner() throws Exception {
    race((node, pair) -> node.tenancy().changeRole(pair.actor(), pair.other(), Role.ADMIN));
  }

  @Test
  void twoOwnersRemovingEachOtherAtOnceLeaveExactlyOneOwner() throws Exception {
    race((node, pair) -> node.tenancy().removeMember(pair.actor(), pair.other()));
  }

  private record Pair(Actor actor, UUID other) {}

  private void race(BiConsumer<OmniFlow, Pair> act) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < ROUNDS; round++) {
        UUID org = UUID.randomUUID();
        User first =
            new User(UUID.randomUUID(), "a-" + org + "@example.test", "A", clock.instant());
        nodeA.tenancy().createOrg(org, "Org", first);
        Actor a = Actor.of(org, first.id(), Role.OWNER);
        User second =
            new User(UUID.randomUUID(), "b-" + org + "@example.test", "B", clock.instant());
        nodeA.tenancy().addMember(a, second, Role.OWNER);
        Actor b = Actor.of(org, second.id(), Role.OWNER);

        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> outcomes = new ArrayList<>();
        outcomes.add(
            pool.submit(() -> attempt(go, () -> act.accept(nodeA, new Pair(a, b.userId())))));
        outcomes.add(
            pool.submit(() -> attempt(go, () -> act.accept(nodeB, new Pair(b, a.userId())))));
        go.countDown();
        List<String> codes = new ArrayList<>();
        for (Future<String> f : outcomes) {
          codes.add(f.get(60, TimeUnit.SECONDS));
        }

        assertThat(codes).as("round %d", round).containsExactlyInAnyOrder("done", "last_owner");
        long owners =
            nodeA.tenancy().members(Actor.system(org)).stream()
                .filter(m -> m.role() == Role.OWNER)
                .count();
        assertThat(owners).as("round %d", round).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static String attempt(CountDownLatch go, Runnable work) throws InterruptedException {
    go.await();
    try {
      work.run();
      return "done";
    } catch (OmniFlowException e) {
      return e.code();
    }
  }
}
