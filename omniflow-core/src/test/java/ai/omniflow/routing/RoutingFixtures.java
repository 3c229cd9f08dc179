package ai.omniflow.routing;

import ai.omniflow.fields.Condition;
import ai.omniflow.fields.FieldType;
import ai.omniflow.fields.LeadField;
import ai.omniflow.fields.Operator;
import ai.omniflow.scoring.LeadFacts;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Agents, groups and facts shared by the routing tests. */
final class RoutingFixtures {
  static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

  static final List<LeadField> FIELDS =
      List.of(
          new LeadField("zip", "Zip", FieldType.TEXT, List.of()),
          new LeadField("budget", "Budget", FieldType.MONEY, List.of()));

  private RoutingFixtures() {}

  static UUID id(int n) {
    return new UUID(0x0A, n);
  }

  static Agent agent(int n, String name, int capacity) {
    return Agent.of(id(n), name, capacity);
  }

  static Agent paused(Agent a) {
    return a.withAvailability(a.availability().withPaused(true));
  }

  static Agent weighted(Agent a, int weight) {
    return new Agent(
        a.id(), a.userId(), a.name(), a.active(), weight, a.capacity(), Set.of(), a.availability());
  }

  static Condition leaf(String field, Operator op, Object... values) {
    return new Condition.Leaf(field, op, List.of(values));
  }

  static RoutingEngine engine(RoutingConfig config) {
    return RoutingEngine.compile(config, FIELDS);
  }

  static RoutingEngine engineTo(String defaultGroup) {
    return engine(new RoutingConfig(List.of(), defaultGroup, true, LastResort.POND, null));
  }

  static LeadFacts facts(RoutingEngine engine) {
    return engine.facts().build();
  }

  static RoutingSnapshot snapshot(List<Agent> agents, List<RoutingGroup> groups) {
    return RoutingSnapshot.of(agents, groups, List.of(), Map.of());
  }

  static List<UUID> ids(List<Agent> agents) {
    return agents.stream().map(Agent::id).toList();
  }
}
