package ai.omniflow.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.OmniFlowException;
import ai.omniflow.tenancy.Actor;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The routing repository: agents with their availability, groups, the org's configuration and
 * counters. Not API: {@link StoreCompatibilityKit} runs it as a nested suite.
 */
abstract class RoutingSuite extends StoreSuite {
  private ai.omniflow.routing.Agent agent(String name) {
    var zone = java.time.ZoneId.of("America/Los_Angeles");
    return new ai.omniflow.routing.Agent(
        UUID.randomUUID(),
        UUID.randomUUID(),
        name,
        true,
        2,
        10,
        java.util.Set.of("en", "es"),
        new ai.omniflow.routing.Availability(
            zone,
            List.of(
                new ai.omniflow.routing.Shift(
                    java.time.DayOfWeek.FRIDAY,
                    java.time.LocalTime.of(22, 0),
                    java.time.LocalTime.of(6, 30))),
            List.of(new ai.omniflow.routing.TimeOff(T0, T0.plusSeconds(86_400))),
            false));
  }

  private Optional<ai.omniflow.routing.Agent> findAgent(Actor a, UUID id) {
    return store().inTransaction(a, tx -> tx.routing().findAgent(id));
  }

  private List<ai.omniflow.routing.Agent> agentsOf(Actor a) {
    return store().inTransaction(a, tx -> tx.routing().agents());
  }

  private Optional<ai.omniflow.routing.RoutingGroup> findGroup(Actor a, String key) {
    return store().inTransaction(a, tx -> tx.routing().findGroup(key));
  }

  private List<ai.omniflow.routing.RoutingGroup> groupsOf(Actor a) {
    return store().inTransaction(a, tx -> tx.routing().groups());
  }

  private Optional<ai.omniflow.routing.RoutingConfig> configOf(Actor a) {
    return store().inTransaction(a, tx -> tx.routing().config());
  }

  private List<ai.omniflow.routing.RoutingCounter> countersOf(Actor a) {
    return store().inTransaction(a, tx -> tx.routing().counters());
  }

  @Test
  void agentsAreStoredWithTheirAvailabilityUpdatedAndListedOldestFirst() {
    Actor a = newOrg();
    var ana = agent("Ana");
    var bo = ai.omniflow.routing.Agent.of(UUID.randomUUID(), "Bo", 0);
    write(
        a,
        tx -> {
          tx.routing().insertAgent(ana);
          tx.routing().insertAgent(bo);
        });
    assertThat(findAgent(a, ana.id())).contains(ana);
    assertThat(agentsOf(a)).containsExactly(ana, bo);
    var paused = ana.withAvailability(ana.availability().withPaused(true));
    write(a, tx -> tx.routing().updateAgent(paused));
    assertThat(findAgent(a, ana.id())).contains(paused);
    assertKind(
        () -> write(a, tx -> tx.routing().insertAgent(bo)),
        OmniFlowException.Kind.CONFLICT,
        "agent_exists");
    assertKind(
        () -> write(a, tx -> tx.routing().updateAgent(agent("Cy"))),
        OmniFlowException.Kind.NOT_FOUND,
        "not_found");
  }

  @Test
  void groupsAreStoredByKeyUpdatedAndListedOldestFirst() {
    Actor a = newOrg();
    var ana = agent("Ana");
    var bo = agent("Bo");
    var sf =
        new ai.omniflow.routing.RoutingGroup(
            "sf",
            "San Francisco",
            ai.omniflow.routing.RoutingPolicy.FIRST_TO_CLAIM,
            List.of(bo.id(), ana.id()),
            java.time.Duration.ofSeconds(90),
            "team");
    var team =
        ai.omniflow.routing.RoutingGroup.of(
            "team", ai.omniflow.routing.RoutingPolicy.ROUND_ROBIN, List.of(ana.id()));
    write(
        a,
        tx -> {
          tx.routing().insertAgent(ana);
          tx.routing().insertAgent(bo);
          tx.routing().insertGroup(sf);
          tx.routing().insertGroup(team);
        });
    assertThat(findGroup(a, "sf")).contains(sf);
    assertThat(groupsOf(a)).containsExactly(sf, team);
    var bigger =
        ai.omniflow.routing.RoutingGroup.of(
            "team", ai.omniflow.routing.RoutingPolicy.LEAST_LOADED, List.of(ana.id(), bo.id()));
    write(a, tx -> tx.routing().updateGroup(bigger));
    assertThat(findGroup(a, "team")).contains(bigger);
    assertKind(
        () -> write(a, tx -> tx.routing().insertGroup(team)),
        OmniFlowException.Kind.CONFLICT,
        "group_exists");
    assertKind(
        () ->
            write(
                a,
                tx ->
                    tx.routing()
                        .updateGroup(
                            ai.omniflow.routing.RoutingGroup.of(
                                "nope", ai.omniflow.routing.RoutingPolicy.WEIGHTED, List.of()))),
        OmniFlowException.Kind.NOT_FOUND,
        "not_found");
  }

  @Test
  void theOrgsRoutingConfigurationRoundTripsAndCanBeRemoved() {
    Actor a = newOrg();
    assertThat(configOf(a)).isEmpty();
    var config =
        new ai.omniflow.routing.RoutingConfig(
            List.of(
                new ai.omniflow.routing.RoutingRule(
                    "zip_941",
                    new ai.omniflow.fields.Condition.All(
                        List.of(
                            new ai.omniflow.fields.Condition.Leaf(
                                "zip", ai.omniflow.fields.Operator.STARTS_WITH, List.of("941")),
                            new ai.omniflow.fields.Condition.Not(
                                new ai.omniflow.fields.Condition.Leaf(
                                    "score",
                                    ai.omniflow.fields.Operator.BETWEEN,
                                    List.of(10L, 20L))))),
                    "sf")),
            "team",
            false,
            ai.omniflow.routing.LastResort.ACCOUNT_OWNER,
            a.userId());
    write(a, tx -> tx.routing().saveConfig(config));
    assertThat(configOf(a)).contains(config);
    write(a, tx -> tx.routing().saveConfig(null));
    assertThat(configOf(a)).isEmpty();
  }

  @Test
  void countersStartAtZeroIncrementAndAFailedTransactionLeavesThemAlone() {
    Actor a = newOrg();
    var ana = agent("Ana");
    write(
        a,
        tx -> {
          tx.routing().insertAgent(ana);
          tx.routing()
              .insertGroup(
                  ai.omniflow.routing.RoutingGroup.of(
                      "team", ai.omniflow.routing.RoutingPolicy.ROUND_ROBIN, List.of(ana.id())));
        });
    assertThat(countersOf(a)).isEmpty();
    write(
        a,
        tx -> {
          tx.routing().lock();
          tx.routing().incrementCounter("team", ana.id());
          tx.routing().incrementCounter("team", ana.id());
        });
    assertThatThrownBy(
            () ->
                write(
                    a,
                    tx -> {
                      tx.routing().incrementCounter("team", ana.id());
                      throw new Boom();
                    }))
        .isInstanceOf(Boom.class);
    assertThat(countersOf(a))
        .containsExactly(new ai.omniflow.routing.RoutingCounter("team", ana.id(), 2));
  }

  @Test
  void anotherOrgSeesNoneOfIt() {
    Actor a = newOrg();
    Actor b = newOrg();
    var ana = agent("Ana");
    write(
        a,
        tx -> {
          tx.routing().insertAgent(ana);
          tx.routing()
              .insertGroup(
                  ai.omniflow.routing.RoutingGroup.of(
                      "team", ai.omniflow.routing.RoutingPolicy.ROUND_ROBIN, List.of(ana.id())));
          tx.routing().incrementCounter("team", ana.id());
          tx.routing().saveConfig(ai.omniflow.routing.RoutingConfig.DEFAULT);
        });
    assertThat(agentsOf(b)).isEmpty();
    assertThat(findAgent(b, ana.id())).isEmpty();
    assertThat(groupsOf(b)).isEmpty();
    assertThat(findGroup(b, "team")).isEmpty();
    assertThat(countersOf(b)).isEmpty();
    assertThat(configOf(b)).isEmpty();
    assertKind(
        () -> write(b, tx -> tx.routing().updateAgent(ana)),
        OmniFlowException.Kind.NOT_FOUND,
        "not_found");
    // the same group key in another org is another group
    write(
        b,
        tx ->
            tx.routing()
                .insertGroup(
                    ai.omniflow.routing.RoutingGroup.of(
                        "team", ai.omniflow.routing.RoutingPolicy.WEIGHTED, List.of())));
  }
}
