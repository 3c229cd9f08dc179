package ai.omniflow.routing;

import static ai.omniflow.routing.RoutingFixtures.NOW;
import static ai.omniflow.routing.RoutingFixtures.id;
import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.routing.RoutingDecision.Outcome;
import ai.omniflow.testing.PropertyCheck;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RoutingPropertiesTest {

  record World(
      RoutingEngine engine, RoutingSnapshot snapshot, Instant now, UUID previous, UUID excluded) {}

  static Agent randomAgent(Random r, int n) {
    ZoneId zone = r.nextBoolean() ? ZoneId.of("America/New_York") : ZoneId.of("Asia/Tokyo");
    List<Shift> shifts = new ArrayList<>();
    if (r.nextInt(3) == 0) {
      for (DayOfWeek d : DayOfWeek.values()) {
        if (r.nextBoolean()) {
          shifts.add(
              new Shift(d, LocalTime.of(r.nextInt(12), 0), LocalTime.of(12 + r.nextInt(12), 0)));
        }
      }
    }
    List<TimeOff> off = new ArrayList<>();
    if (r.nextInt(5) == 0) {
      Instant f = NOW.minus(Duration.ofHours(r.nextInt(48)));
      off.add(new TimeOff(f, f.plus(Duration.ofHours(1 + r.nextInt(96)))));
    }
    return new Agent(
        id(n),
        null,
        "agent" + n,
        r.nextInt(8) != 0,
        1 + r.nextInt(5),
        r.nextInt(6),
        Set.of(),
        new Availability(zone, shifts, off, r.nextInt(6) == 0));
  }

  static World randomWorld(Random r) {
    int agents = 1 + r.nextInt(12);
    List<Agent> as = new ArrayList<>();
    Map<UUID, Integer> open = new HashMap<>();
    for (int n = 0; n < agents; n++) {
      Agent a = randomAgent(r, n);
      as.add(a);
      open.put(a.id(), r.nextInt(7));
    }
    int groups = 1 + r.nextInt(4);
    List<RoutingGroup> gs = new ArrayList<>();
    for (int g = 0; g < groups; g++) {
      List<UUID> members = new ArrayList<>();
      for (Agent a : as) {
        if (r.nextBoolean()) {
          members.add(a.id());
        }
      }
      String fallback = r.nextInt(3) == 0 ? null : "g" + r.nextInt(groups);
      if (("g" + g).equals(fallback)) {
        fallback = null;
      }
      gs.add(
          new RoutingGroup(
              "g" + g,
              "G" + g,
              RoutingPolicy.values()[r.nextInt(RoutingPolicy.values().length)],
              members,
              Duration.ofMinutes(5),
              fallback));
    }
    RoutingEngine engine =
        RoutingEngine.compile(
            new RoutingConfig(List.of(), "g0", r.nextBoolean(), LastResort.POND, null),
            RoutingFixtures.FIELDS);
    return new World(
        engine,
        RoutingSnapshot.of(as, gs, List.of(), open),
        NOW.plus(Duration.ofMinutes(r.nextInt(60 * 24 * 7))),
        r.nextBoolean() ? id(r.nextInt(agents)) : null,
        r.nextInt(4) == 0 ? id(r.nextInt(agents)) : null);
  }

  @Test
  void routingNeverAssignsNorOffersToAnUnavailablePausedInactiveFullOrExcludedAgent() {
    PropertyCheck.forAll(
        2000,
        RoutingPropertiesTest::randomWorld,
        w -> {
          RoutingSnapshot s = w.snapshot();
          for (int k = 0; k < 20; k++) {
            RoutingDecision d =
                w.engine()
                    .decide(
                        RoutingRequest.of(w.engine().facts().build())
                            .withPreviousOwner(w.previous())
                            .withExcludedAgent(w.excluded()),
                        s,
                        w.now());
            List<UUID> takers =
                d.outcome() == Outcome.ASSIGNED ? List.of(d.agent()) : d.offeredTo();
            for (UUID a : takers) {
              Agent agent = s.agent(a);
              assertThat(agent.active()).isTrue();
              assertThat(agent.availability().isAvailable(w.now())).isTrue();
              assertThat(s.openCount(a)).isLessThan(agent.capacity());
              assertThat(a).isNotEqualTo(w.excluded());
            }
            if (d.outcome() == Outcome.POND) {
              assertThat(d.explanation()).last().isEqualTo("no agent available → pond");
            }
            s = s.apply(d);
          }
        });
  }

  @Test
  void roundRobinStaysWithinOneAcrossAvailableMembers() {
    PropertyCheck.forAll(
        300,
        r -> new int[] {2 + r.nextInt(30), 1 + r.nextInt(500)},
        in -> {
          int members = in[0];
          int leads = in[1];
          List<Agent> as = new ArrayList<>();
          for (int n = 0; n < members; n++) {
            as.add(Agent.of(id(n), "a" + n, Integer.MAX_VALUE));
          }
          RoutingGroup g =
              RoutingGroup.of(
                  "team", RoutingPolicy.ROUND_ROBIN, as.stream().map(Agent::id).toList());
          RoutingSnapshot s = RoutingFixtures.snapshot(as, List.of(g));
          RoutingEngine e = RoutingFixtures.engineTo("team");
          for (int k = 0; k < leads; k++) {
            s = s.apply(e.decide(RoutingRequest.of(e.facts().build()), s, NOW));
          }
          long min = Long.MAX_VALUE;
          long max = 0;
          for (Agent a : as) {
            min = Math.min(min, s.assigned("team", a.id()));
            max = Math.max(max, s.assigned("team", a.id()));
          }
          assertThat(max - min).isLessThanOrEqualTo(1);
        });
  }

  @Test
  void weightedSharesFollowTheWeightsWithinOneLead() {
    PropertyCheck.forAll(
        300,
        r -> {
          int n = 2 + r.nextInt(6);
          int[] w = new int[n];
          for (int k = 0; k < n; k++) {
            w[k] = 1 + r.nextInt(9);
          }
          return w;
        },
        weights -> {
          List<Agent> as = new ArrayList<>();
          int total = 0;
          for (int n = 0; n < weights.length; n++) {
            as.add(
                new Agent(
                    id(n),
                    null,
                    "a" + n,
                    true,
                    weights[n],
                    Integer.MAX_VALUE,
                    Set.of(),
                    Availability.ALWAYS));
            total += weights[n];
          }
          RoutingGroup g =
              RoutingGroup.of("team", RoutingPolicy.WEIGHTED, as.stream().map(Agent::id).toList());
          RoutingSnapshot s = RoutingFixtures.snapshot(as, List.of(g));
          RoutingEngine e = RoutingFixtures.engineTo("team");
          int rounds = 7;
          for (int k = 0; k < total * rounds; k++) {
            s = s.apply(e.decide(RoutingRequest.of(e.facts().build()), s, NOW));
          }
          for (int n = 0; n < weights.length; n++) {
            assertThat(s.assigned("team", id(n)))
                .isBetween((long) weights[n] * rounds - 1, (long) weights[n] * rounds + 1);
          }
        });
  }

  @Test
  void theFallbackChainIsTriedInOrderAndEndsInThePond() {
    PropertyCheck.forAll(
        300,
        r -> {
          int len = 1 + r.nextInt(6);
          boolean[] available = new boolean[len];
          for (int k = 0; k < len; k++) {
            available[k] = r.nextInt(3) == 0;
          }
          return available;
        },
        available -> {
          List<Agent> as = new ArrayList<>();
          List<RoutingGroup> gs = new ArrayList<>();
          for (int k = 0; k < available.length; k++) {
            Agent a = Agent.of(id(k), "a" + k, 5);
            as.add(available[k] ? a : RoutingFixtures.paused(a));
            gs.add(
                new RoutingGroup(
                    "g" + k,
                    "G" + k,
                    RoutingPolicy.ROUND_ROBIN,
                    List.of(a.id()),
                    Duration.ofMinutes(5),
                    k + 1 < available.length ? "g" + (k + 1) : null));
          }
          RoutingEngine e = RoutingFixtures.engineTo("g0");
          RoutingDecision d =
              e.decide(RoutingRequest.of(e.facts().build()), RoutingFixtures.snapshot(as, gs), NOW);
          int first = -1;
          for (int k = 0; k < available.length && first < 0; k++) {
            first = available[k] ? k : -1;
          }
          if (first < 0) {
            assertThat(d.outcome()).isEqualTo(Outcome.POND);
            assertThat(d.explanation()).last().isEqualTo("no agent available → pond");
          } else {
            assertThat(d.group()).isEqualTo("g" + first);
            assertThat(d.agent()).isEqualTo(id(first));
          }
        });
  }

  @Test
  void aSnapshotReusedAcrossTimesDecidesAsAFreshOneWould() {
    PropertyCheck.forAll(
        300,
        r -> {
          World w = randomWorld(r);
          long[] minutes = new long[30];
          for (int k = 0; k < minutes.length; k++) {
            minutes[k] = r.nextInt(60 * 24 * 14) - 60 * 24 * 7;
          }
          return new Object[] {w, minutes};
        },
        in -> {
          World w = (World) in[0];
          RoutingSnapshot reused = w.snapshot();
          RoutingRequest req = RoutingRequest.of(w.engine().facts().build());
          for (long m : (long[]) in[1]) {
            Instant t = w.now().plus(Duration.ofMinutes(m));
            RoutingSnapshot fresh =
                RoutingSnapshot.of(reused.agents(), reused.groups(), List.of(), openCounts(reused));
            RoutingDecision a = w.engine().decide(req, reused, t);
            RoutingDecision b = w.engine().decide(req, fresh, t);
            assertThat(a.agent()).as("at %s", t).isEqualTo(b.agent());
            assertThat(a.offeredTo()).as("at %s", t).isEqualTo(b.offeredTo());
          }
        });
  }

  static Map<UUID, Integer> openCounts(RoutingSnapshot s) {
    Map<UUID, Integer> out = new HashMap<>();
    for (Agent a : s.agents()) {
      out.put(a.id(), s.openCount(a.id()));
    }
    return out;
  }

  @Test
  void theExplanationReplaysTheSameDecision() {
    PropertyCheck.forAll(
        500,
        RoutingPropertiesTest::randomWorld,
        w -> {
          RoutingRequest req =
              RoutingRequest.of(w.engine().facts().build())
                  .withPreviousOwner(w.previous())
                  .withExcludedAgent(w.excluded());
          RoutingDecision d = w.engine().decide(req, w.snapshot(), w.now());
          assertThat(d.explanation()).isNotEmpty();
          RoutingDecision again = w.engine().decide(req, w.snapshot(), w.now());
          assertThat(again.agent()).isEqualTo(d.agent());
          assertThat(again.outcome()).isEqualTo(d.outcome());
        });
  }
}
