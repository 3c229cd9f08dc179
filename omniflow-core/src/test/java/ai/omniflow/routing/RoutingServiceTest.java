package ai.omniflow.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.OmniFlow;
import ai.omniflow.OmniFlowException;
import ai.omniflow.PageRequest;
import ai.omniflow.events.DomainEvent;
import ai.omniflow.fields.Condition;
import ai.omniflow.fields.FieldType;
import ai.omniflow.fields.LeadField;
import ai.omniflow.fields.Operator;
import ai.omniflow.pack.PackCatalog;
import ai.omniflow.pack.VerticalPack;
import ai.omniflow.store.InMemoryStore;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import ai.omniflow.tenancy.User;
import ai.omniflow.testing.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RoutingServiceTest {
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
  static final RoutingConfig PACK_ROUTING =
      new RoutingConfig(
          List.of(
              new RoutingRule(
                  "sf", new Condition.Leaf("zip", Operator.STARTS_WITH, List.of("941")), "sf")),
          "team",
          true,
          LastResort.POND,
          null);
  static final VerticalPack PACK =
      new VerticalPack(
          "homes",
          "Homes",
          "1.0.0",
          "Houses",
          List.of(new LeadField("zip", "Zip", FieldType.TEXT, List.of())),
          List.of(
              new VerticalPack.Stage("new", "New", null),
              new VerticalPack.Stage("won", "Won", "won"),
              new VerticalPack.Stage("lost", "Lost", "lost")),
          List.of(new VerticalPack.Intent("hi", "Hi", List.of("hi"), List.of())),
          Map.of(),
          VerticalPack.DEFAULT_NEGATION_WORDS,
          Map.of(),
          null,
          PACK_ROUTING);

  final InMemoryStore store = new InMemoryStore();
  OmniFlow omniFlow;
  RoutingService routing;
  Actor owner;
  Actor agentActor;
  Actor viewer;

  @BeforeEach
  void setUp() {
    omniFlow =
        OmniFlow.builder()
            .store(store)
            .packCatalog(PackCatalog.of(List.of(PACK)))
            .clock(clock)
            .build();
    routing = omniFlow.routing();
    UUID org = UUID.randomUUID();
    User u = new User(UUID.randomUUID(), org + "@example.test", "Owner", clock.instant());
    omniFlow.tenancy().createOrg(org, "Org", u);
    owner = Actor.of(org, u.id(), Role.OWNER);
    agentActor = member(Role.AGENT);
    viewer = member(Role.VIEWER);
  }

  Actor member(Role role) {
    User u = new User(UUID.randomUUID(), UUID.randomUUID() + "@example.test", "M", clock.instant());
    omniFlow.tenancy().addMember(owner, u, role);
    return Actor.of(owner.orgId(), u.id(), role);
  }

  static void assertCode(Runnable call, String code) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(OmniFlowException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  List<String> eventTypes() {
    return omniFlow.events().list(owner, PageRequest.of(100, 0)).items().stream()
        .map(DomainEvent::type)
        .toList();
  }

  @Test
  void anOwnerAddsAgentsAndGroupsAndEachChangeIsRecorded() {
    Agent ana = routing.createAgent(owner, Agent.of(UUID.randomUUID(), "Ana", 10));
    RoutingGroup team =
        routing.createGroup(
            owner, RoutingGroup.of("team", RoutingPolicy.ROUND_ROBIN, List.of(ana.id())));
    assertThat(routing.agents(viewer)).containsExactly(ana);
    assertThat(routing.groups(viewer)).containsExactly(team);
    assertThat(eventTypes()).contains("agent.created", "routing_group.created");
  }

  @Test
  void onlyOwnersAndAdminsManageRouting() {
    assertCode(
        () -> routing.createAgent(agentActor, Agent.of(UUID.randomUUID(), "Ana", 10)), "forbidden");
    assertCode(
        () -> routing.createGroup(viewer, RoutingGroup.of("t", RoutingPolicy.WEIGHTED, List.of())),
        "forbidden");
  }

  @Test
  void anAgentSetsItsOwnAvailabilityButNotAnothers() {
    Agent own =
        routing.createAgent(
            owner,
            new Agent(
                UUID.randomUUID(),
                agentActor.userId(),
                "Me",
                true,
                1,
                5,
                Set.of(),
                Availability.ALWAYS));
    Agent other = routing.createAgent(owner, Agent.of(UUID.randomUUID(), "Other", 5));
    Agent paused =
        routing.setAvailability(agentActor, own.id(), Availability.ALWAYS.withPaused(true));
    assertThat(paused.availability().paused()).isTrue();
    assertCode(
        () -> routing.setAvailability(agentActor, other.id(), Availability.ALWAYS), "forbidden");
    assertCode(
        () -> routing.setAvailability(owner, UUID.randomUUID(), Availability.ALWAYS), "not_found");
    assertThat(eventTypes()).contains("agent.availability_changed");
  }

  @Test
  void aGroupWithAnUnknownAgentOrFallbackIsRefusedAndNothingIsWritten() {
    assertCode(
        () ->
            routing.createGroup(
                owner,
                RoutingGroup.of("team", RoutingPolicy.ROUND_ROBIN, List.of(UUID.randomUUID()))),
        "unknown_agent");
    assertCode(
        () ->
            routing.createGroup(
                owner,
                new RoutingGroup(
                    "team",
                    "Team",
                    RoutingPolicy.ROUND_ROBIN,
                    List.of(),
                    RoutingGroup.DEFAULT_OFFER_TIMEOUT,
                    "nowhere")),
        "unknown_group");
    assertThat(routing.groups(owner)).isEmpty();
    routing.createGroup(owner, RoutingGroup.of("team", RoutingPolicy.ROUND_ROBIN, List.of()));
    assertCode(
        () ->
            routing.createGroup(owner, RoutingGroup.of("team", RoutingPolicy.WEIGHTED, List.of())),
        "group_exists");
  }

  @Test
  void anAgentsUserMustBeAMember() {
    assertCode(
        () ->
            routing.createAgent(
                owner,
                new Agent(
                    UUID.randomUUID(),
                    UUID.randomUUID(),
                    "Ghost",
                    true,
                    1,
                    5,
                    Set.of(),
                    Availability.ALWAYS)),
        "unknown_user");
  }

  @Test
  void theConfigurationInForceIsTheOrgsOwnElseThePacksElseTheDefault() {
    assertThat(routing.config(owner)).isEqualTo(RoutingConfig.DEFAULT);
    omniFlow.packs().select(owner, "homes");
    assertThat(routing.config(owner)).isEqualTo(PACK_ROUTING);
    RoutingConfig own = new RoutingConfig(List.of(), "vip", false, LastResort.POND, null);
    routing.setConfig(owner, own);
    assertThat(routing.config(viewer)).isEqualTo(own);
    routing.setConfig(owner, null);
    assertThat(routing.config(owner)).isEqualTo(PACK_ROUTING);
    assertThat(eventTypes()).contains("routing.config_changed");
  }

  @Test
  void aConfigurationWhoseRulesReadUnknownFieldsIsRefused() {
    omniFlow.packs().select(owner, "homes");
    RoutingConfig bad =
        new RoutingConfig(
            List.of(
                new RoutingRule(
                    "x", new Condition.Leaf("budget", Operator.GT, List.of(1)), "team")),
            null,
            true,
            LastResort.POND,
            null);
    assertThatThrownBy(() -> routing.setConfig(owner, bad))
        .isInstanceOfSatisfying(
            OmniFlowException.class,
            e -> {
              assertThat(e.code()).isEqualTo("invalid_routing");
              assertThat(e.getMessage()).contains("/rules/0/when/field : unknown field 'budget'");
            });
  }

  @Test
  void routingInsideOnesOwnTransactionLocksDecidesAndRecordsTheDecision() {
    omniFlow.packs().select(owner, "homes");
    Agent ana = routing.createAgent(owner, Agent.of(UUID.randomUUID(), "Ana", 10));
    Agent bo = routing.createAgent(owner, Agent.of(UUID.randomUUID(), "Bo", 10));
    routing.createGroup(
        owner, RoutingGroup.of("team", RoutingPolicy.ROUND_ROBIN, List.of(ana.id(), bo.id())));
    UUID lead = UUID.randomUUID();
    RoutingDecision d =
        store.inTransaction(
            owner,
            tx -> {
              routing.within().lock(tx);
              RoutingSnapshot state = routing.within().snapshot(tx, Map.of(ana.id(), 1));
              RoutingEngine engine = routing.within().engine(tx);
              RoutingDecision decision =
                  engine.decide(
                      RoutingRequest.of(engine.facts().set("zip", "10001").build()),
                      state,
                      clock.instant());
              routing.within().record(tx, lead, decision);
              return decision;
            });
    assertThat(d.agent()).isEqualTo(ana.id());
    List<RoutingCounter> counters = store.inTransaction(owner, tx -> tx.routing().counters());
    assertThat(counters).containsExactly(new RoutingCounter("team", ana.id(), 1));
    DomainEvent routed =
        omniFlow.events().list(owner, PageRequest.of(100, 0)).items().stream()
            .filter(e -> e.type().equals("lead.routed"))
            .findFirst()
            .orElseThrow();
    assertThat(routed.subjectId()).isEqualTo(lead.toString());
    assertThat(routed.payload().get("explanation"))
        .isEqualTo(
            List.of(
                "no rule matched → default group team",
                "round robin: Ana has 0 assigned, the fewest in group team"));
  }

  @Test
  void routeWithinRunsTheWholeSequenceAndTheSecondLeadGoesToTheNextAgent() {
    omniFlow.packs().select(owner, "homes");
    Agent ana = routing.createAgent(owner, Agent.of(UUID.randomUUID(), "Ana", 1));
    Agent bo = routing.createAgent(owner, Agent.of(UUID.randomUUID(), "Bo", 1));
    routing.createGroup(
        owner, RoutingGroup.of("team", RoutingPolicy.ROUND_ROBIN, List.of(ana.id(), bo.id())));
    java.util.Map<UUID, Integer> open = new java.util.HashMap<>();
    List<RoutingDecision> ds = new java.util.ArrayList<>();
    for (int k = 0; k < 3; k++) {
      ds.add(
          store.inTransaction(
              owner,
              tx -> {
                RoutingEngine e = routing.within().engine(tx);
                RoutingDecision d =
                    routing
                        .within()
                        .route(
                            tx,
                            UUID.randomUUID(),
                            RoutingRequest.of(e.facts().set("zip", "94110").build()),
                            () -> Map.copyOf(open));
                if (d.agent() != null) {
                  open.merge(d.agent(), 1, Integer::sum);
                }
                return d;
              }));
    }
    assertThat(ds.get(0).agent()).isEqualTo(ana.id());
    assertThat(ds.get(1).agent()).isEqualTo(bo.id());
    assertThat(ds.get(2).outcome()).isEqualTo(RoutingDecision.Outcome.POND);
    assertThat(ds.get(2).explanation())
        .containsExactly(
            "rule 'sf' → group sf",
            "group sf does not exist → default group team",
            "skipped Ana: full (1/1 open)",
            "skipped Bo: full (1/1 open)",
            "group team: nobody available, no next group",
            "no agent available → pond");
  }
}
