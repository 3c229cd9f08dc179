package ai.omniflow.verticals;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.pack.PackCatalog;
import ai.omniflow.pack.VerticalPack;
import ai.omniflow.routing.Agent;
import ai.omniflow.routing.LastResort;
import ai.omniflow.routing.RoutingDecision;
import ai.omniflow.routing.RoutingEngine;
import ai.omniflow.routing.RoutingGroup;
import ai.omniflow.routing.RoutingPolicy;
import ai.omniflow.routing.RoutingRequest;
import ai.omniflow.routing.RoutingSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ShippedRoutingTest {
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private final PackCatalog catalog = PackCatalog.of(ClasspathPackSource.shipped());

  @Test
  void bothShippedPacksRouteStickyToATeamGroupWithThePondLast() {
    for (String slug : List.of("real-estate", "generic")) {
      VerticalPack pack = catalog.require(slug);
      assertThat(pack.routing()).isNotNull();
      assertThat(pack.routing().defaultGroup()).isEqualTo("team");
      assertThat(pack.routing().sticky()).isTrue();
      assertThat(pack.routing().lastResort()).isEqualTo(LastResort.POND);
      RoutingEngine.compile(pack.routing(), pack.leadFields());
    }
  }

  @Test
  void aLuxuryBudgetGoesToTheLuxuryGroupAndOtherwiseToTheTeam() {
    VerticalPack pack = catalog.require("real-estate");
    RoutingEngine engine = RoutingEngine.compile(pack.routing(), pack.leadFields());
    Agent ana = Agent.of(new UUID(1, 1), "Ana", 10);
    Agent bo = Agent.of(new UUID(1, 2), "Bo", 10);
    RoutingSnapshot s =
        RoutingSnapshot.of(
            List.of(ana, bo),
            List.of(
                RoutingGroup.of("luxury", RoutingPolicy.ROUND_ROBIN, List.of(ana.id())),
                RoutingGroup.of("team", RoutingPolicy.ROUND_ROBIN, List.of(bo.id()))),
            List.of(),
            Map.of());
    RoutingDecision lux =
        engine.decide(RoutingRequest.of(engine.facts().set("budget", 2_000_000).build()), s, NOW);
    assertThat(lux.agent()).isEqualTo(ana.id());
    assertThat(lux.explanation().get(0)).isEqualTo("rule 'luxury' → group luxury");
    RoutingDecision hot =
        engine.decide(RoutingRequest.of(engine.facts().set("score", 90).build()), s, NOW);
    assertThat(hot.agent()).isEqualTo(bo.id());
    assertThat(hot.explanation())
        .startsWith("rule 'hot_lead' → group hot", "group hot does not exist → default group team");
  }
}
