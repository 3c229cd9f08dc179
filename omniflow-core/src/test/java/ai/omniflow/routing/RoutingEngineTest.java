package ai.omniflow.routing;

import static ai.omniflow.routing.RoutingFixtures.NOW;
import static ai.omniflow.routing.RoutingFixtures.agent;
import static ai.omniflow.routing.RoutingFixtures.engine;
import static ai.omniflow.routing.RoutingFixtures.engineTo;
import static ai.omniflow.routing.RoutingFixtures.facts;
import static ai.omniflow.routing.RoutingFixtures.id;
import static ai.omniflow.routing.RoutingFixtures.ids;
import static ai.omniflow.routing.RoutingFixtures.leaf;
import static ai.omniflow.routing.RoutingFixtures.paused;
import static ai.omniflow.routing.RoutingFixtures.snapshot;
import static ai.omniflow.routing.RoutingFixtures.weighted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.fields.Operator;
import ai.omniflow.routing.RoutingDecision.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RoutingEngineTest {
  final Agent ana = agent(1, "Ana", 10);
  final Agent bo = agent(2, "Bo", 10);
  final Agent cy = agent(3, "Cy", 10);

  @Nested
  @DisplayName("round robin")
  class RoundRobin {
    @Test
    void picksTheMemberWithTheFewestAssignmentsTiesByMemberOrder() {
      RoutingGroup team =
          RoutingGroup.of("team", RoutingPolicy.ROUND_ROBIN, ids(List.of(ana, bo, cy)));
      RoutingSnapshot s =
          RoutingSnapshot.of(
              List.of(ana, bo, cy),
              List.of(team),
              List.of(
                  new RoutingCounter("team", ana.id(), 2),
                  new RoutingCounter("team", bo.id(), 1),
                  new RoutingCounter("team", cy.id(), 1)),
              Map.of());
      RoutingEngine e = engineTo("team");
      RoutingDecision d = e.decide(RoutingRequest.of(facts(e)), s, NOW);
      assertThat(d.outcome()).isEqualTo(Outcome.ASSIGNED);
      assertThat(d.agent()).isEqualTo(bo.id());
      assertThat(d.counterGroup()).isEqualTo("team");
      assertThat(d.explanation())
          .containsExactly(
              "no rule matched → default group team",
              "round robin: Bo has 1 assigned, the fewest in group team");
    }

    @Test
    void cyclesThroughTheMembersWhenTheCountersAreApplied() {
      RoutingGroup team =
          RoutingGroup.of("team", RoutingPolicy.ROUND_ROBIN, ids(List.of(ana, bo, cy)));
      RoutingSnapshot s = snapshot(List.of(ana, bo, cy), List.of(team));
      RoutingEngine e = engineTo("team");
      StringBuilder order = new StringBuilder();
      for (int k = 0; k < 6; k++) {
        RoutingDecision d = e.decide(RoutingRequest.of(facts(e)), s, NOW);
        order.append(s.agent(d.agent()).name().charAt(0));
        s = s.apply(d);
      }
      assertThat(order.toString()).isEqualTo("ABCABC");
    }
  }

  @Nested
  @DisplayName("weighted")
  class Weighted {
    @Test
    void givesAnAgentOfWeightThreeThreeLeadsForEachOneOfWeightOne() {
      Agent heavy = weighted(agent(1, "Ana", 100), 3);
      Agent light = agent(2, "Bo", 100);
      RoutingGroup team =
          RoutingGroup.of("team", RoutingPolicy.WEIGHTED, ids(List.of(heavy, light)));
      RoutingSnapshot s = snapshot(List.of(heavy, light), List.of(team));
      RoutingEngine e = engineTo("team");
      int toAna = 0;
      for (int k = 0; k < 40; k++) {
        RoutingDecision d = e.decide(RoutingRequest.of(facts(e)), s, NOW);
        toAna += d.agent().equals(heavy.id()) ? 1 : 0;
        s = s.apply(d);
      }
      assertThat(toAna).isEqualTo(30);
    }
  }

  @Nested
  @DisplayName("least loaded")
  class LeastLoaded {
    @Test
    void picksTheLowestShareOfCapacityAndExplainsIt() {
      Agent big = agent(1, "Ana", 10);
      Agent small = agent(2, "Bo", 2);
      RoutingGroup team =
          RoutingGroup.of("team", RoutingPolicy.LEAST_LOADED, ids(List.of(small, big)));
      RoutingSnapshot s =
          RoutingSnapshot.of(
              List.of(big, small), List.of(team), List.of(), Map.of(big.id(), 3, small.id(), 1));
      RoutingEngine e = engineTo("team");
      RoutingDecision d = e.decide(RoutingRequest.of(facts(e)), s, NOW);
      assertThat(d.agent()).isEqualTo(big.id());
      assertThat(d.explanation()).contains("least-loaded: Ana 3/10 open");
    }

    @Test
    void neverAssignsAFullAgent() {
      RoutingGroup team = RoutingGroup.of("team", RoutingPolicy.LEAST_LOADED, ids(List.of(ana)));
      RoutingSnapshot s =
          RoutingSnapshot.of(List.of(ana), List.of(team), List.of(), Map.of(ana.id(), 10));
      RoutingEngine e = engineTo("team");
      RoutingDecision d = e.decide(RoutingRequest.of(facts(e)), s, NOW);
      assertThat(d.outcome()).isEqualTo(Outcome.POND);
      assertThat(d.explanation())
          .containsExactly(
              "no rule matched → default group team",
              "skipped Ana: full (10/10 open)",
              "group team: nobody available, no next group",
              "no agent available → pond");
    }
  }

  @Nested
  @DisplayName("first to claim")
  class FirstToClaim {
    @Test
    void offersToEveryAvailableMemberUntilTheTimeout() {
      RoutingGroup team =
          new RoutingGroup(
              "team",
              "Team",
              RoutingPolicy.FIRST_TO_CLAIM,
              ids(List.of(ana, bo, cy)),
              Duration.ofMinutes(2),
              null);
      RoutingSnapshot s = snapshot(List.of(ana, paused(bo), cy), List.of(team));
      RoutingEngine e = engineTo("team");
      RoutingDecision d = e.decide(RoutingRequest.of(facts(e)), s, NOW);
      assertThat(d.outcome()).isEqualTo(Outcome.OFFERED);
      assertThat(d.offeredTo()).containsExactly(ana.id(), cy.id());
      assertThat(d.offerExpiresAt()).isEqualTo(NOW.plusSeconds(120));
      assertThat(d.counterGroup()).isNull();
      assertThat(d.explanation())
          .contains(
              "skipped Bo: paused",
              "first-to-claim: offered to Ana, Cy in group team until " + NOW.plusSeconds(120));
    }

    @Test
    void aClaimIsRefusedAfterExpiryOrByAnOutsiderOrUnavailableAgent() {
      RoutingGroup team =
          RoutingGroup.of("team", RoutingPolicy.FIRST_TO_CLAIM, ids(List.of(ana, bo)));
      RoutingSnapshot s = snapshot(List.of(ana, paused(bo), cy), List.of(team));
      Instant expires = NOW.plusSeconds(60);
      assertThat(s.claimRefusal("team", ana.id(), expires, NOW)).isNull();
      assertThat(s.claimRefusal("team", ana.id(), expires, expires))
          .isEqualTo("the offer expired at " + expires);
      assertThat(s.claimRefusal("team", cy.id(), expires, NOW))
          .isEqualTo("not a member of group team");
      assertThat(s.claimRefusal("team", bo.id(), expires, NOW)).isEqualTo("paused");
    }

    @Test
    void anExpiredOfferFallsBackToTheNextGroup() {
      RoutingGroup first =
          new RoutingGroup(
              "first",
              "First",
              RoutingPolicy.FIRST_TO_CLAIM,
              ids(List.of(ana)),
              Duration.ofMinutes(2),
              "second");
      RoutingGroup second = RoutingGroup.of("second", RoutingPolicy.ROUND_ROBIN, ids(List.of(bo)));
      RoutingSnapshot s = snapshot(List.of(ana, bo), List.of(first, second));
      RoutingEngine e = engineTo("first");
      RoutingDecision d = e.decide(RoutingRequest.of(facts(e)).withExpiredOffer("first"), s, NOW);
      assertThat(d.agent()).isEqualTo(bo.id());
      assertThat(d.explanation().get(0))
          .isEqualTo("offer to group first expired unclaimed → next group second");
    }
  }

  @Nested
  @DisplayName("rules, sticky and fallbacks")
  class RulesAndFallbacks {
    final RoutingGroup sf =
        new RoutingGroup(
            "sf",
            "SF",
            RoutingPolicy.ROUND_ROBIN,
            List.of(id(1)),
            RoutingGroup.DEFAULT_OFFER_TIMEOUT,
            "ne");
    final RoutingGroup ne = RoutingGroup.of("ne", RoutingPolicy.ROUND_ROBIN, List.of(id(2)));
    final RoutingGroup team = RoutingGroup.of("team", RoutingPolicy.ROUND_ROBIN, List.of(id(3)));
    final RoutingEngine e =
        engine(
            new RoutingConfig(
                List.of(
                    new RoutingRule("zip_941", leaf("zip", Operator.STARTS_WITH, "941"), "sf"),
                    new RoutingRule("spanish", leaf("language", Operator.EQ, "es"), "ne"),
                    new RoutingRule("hot", leaf("score", Operator.GTE, 80), "ne")),
                "team",
                true,
                LastResort.POND,
                null));

    @Test
    void theFirstMatchingRuleChoosesTheGroup() {
      RoutingSnapshot s = snapshot(List.of(ana, bo, cy), List.of(sf, ne, team));
      RoutingDecision d =
          e.decide(
              RoutingRequest.of(e.facts().set("zip", "94110").set("score", 90).build()), s, NOW);
      assertThat(d.agent()).isEqualTo(ana.id());
      assertThat(d.rule()).isEqualTo("zip_941");
      assertThat(d.explanation().get(0)).isEqualTo("rule 'zip_941' → group sf");
    }

    @Test
    void languageAndScoreAreFieldsRulesMayRead() {
      RoutingSnapshot s = snapshot(List.of(ana, bo, cy), List.of(sf, ne, team));
      assertThat(
              e.decide(RoutingRequest.of(e.facts().set("language", "es").build()), s, NOW).rule())
          .isEqualTo("spanish");
      assertThat(e.decide(RoutingRequest.of(e.facts().set("score", 85).build()), s, NOW).rule())
          .isEqualTo("hot");
      assertThat(e.decide(RoutingRequest.of(e.facts().set("score", 20).build()), s, NOW).agent())
          .isEqualTo(cy.id());
    }

    @Test
    void anUnavailableGroupFallsBackToItsNextGroup() {
      RoutingSnapshot s = snapshot(List.of(paused(ana), bo, cy), List.of(sf, ne, team));
      RoutingDecision d =
          e.decide(RoutingRequest.of(e.facts().set("zip", "94110").build()), s, NOW);
      assertThat(d.agent()).isEqualTo(bo.id());
      assertThat(d.group()).isEqualTo("ne");
      assertThat(d.explanation())
          .containsExactly(
              "rule 'zip_941' → group sf",
              "skipped Ana: paused",
              "group sf: nobody available → next group ne",
              "round robin: Bo has 0 assigned, the fewest in group ne");
    }

    @Test
    void aReturningContactGoesBackToItsPreviousOwnerWhenAvailable() {
      RoutingSnapshot s = snapshot(List.of(ana, bo, cy), List.of(sf, ne, team));
      RoutingDecision d =
          e.decide(
              RoutingRequest.of(e.facts().set("zip", "94110").build()).withPreviousOwner(cy.id()),
              s,
              NOW);
      assertThat(d.agent()).isEqualTo(cy.id());
      assertThat(d.sticky()).isTrue();
      assertThat(d.counterGroup()).isNull();
      assertThat(d.explanation()).containsExactly("sticky: previous owner Cy available → assigned");
    }

    @Test
    void anUnavailablePreviousOwnerIsExplainedAndRoutingGoesOn() {
      Instant back = NOW.plus(Duration.ofDays(3));
      Agent away =
          cy.withAvailability(
              new Availability(
                  java.time.ZoneOffset.UTC,
                  List.of(),
                  List.of(new TimeOff(NOW.minusSeconds(60), back)),
                  false));
      RoutingSnapshot s = snapshot(List.of(ana, bo, away), List.of(sf, ne, team));
      RoutingDecision d =
          e.decide(
              RoutingRequest.of(e.facts().set("zip", "94110").build()).withPreviousOwner(cy.id()),
              s,
              NOW);
      assertThat(d.agent()).isEqualTo(ana.id());
      assertThat(d.explanation().get(0))
          .isEqualTo("sticky: previous owner Cy unavailable (out of office until " + back + ")");
    }

    @Test
    void reRoutingNeverAssignsTheExcludedAgent() {
      RoutingSnapshot s = snapshot(List.of(ana, bo, cy), List.of(sf, ne, team));
      RoutingDecision d =
          e.decide(
              RoutingRequest.of(e.facts().set("zip", "94110").build())
                  .withPreviousOwner(ana.id())
                  .withExcludedAgent(ana.id()),
              s,
              NOW);
      assertThat(d.agent()).isEqualTo(bo.id());
      assertThat(d.explanation()).contains("skipped Ana: excluded (re-route)");
    }

    @Test
    void nobodyAvailableSendsTheLeadToThePondWithTheReason() {
      RoutingSnapshot s = snapshot(List.of(paused(ana), paused(bo), cy), List.of(sf, ne, team));
      RoutingDecision d =
          e.decide(RoutingRequest.of(e.facts().set("zip", "94110").build()), s, NOW);
      assertThat(d.outcome()).isEqualTo(Outcome.POND);
      assertThat(d.agent()).isNull();
      assertThat(d.explanation()).last().isEqualTo("no agent available → pond");
    }

    @Test
    void theAccountOwnerIsTheLastResortWhenConfigured() {
      var owner = id(99);
      RoutingEngine toOwner =
          engine(new RoutingConfig(List.of(), "missing", false, LastResort.ACCOUNT_OWNER, owner));
      RoutingDecision d =
          toOwner.decide(RoutingRequest.of(facts(toOwner)), snapshot(List.of(ana), List.of()), NOW);
      assertThat(d.outcome()).isEqualTo(Outcome.ACCOUNT_OWNER);
      assertThat(d.accountOwner()).isEqualTo(owner);
      assertThat(d.explanation())
          .containsExactly(
              "no rule matched → default group missing",
              "group missing does not exist",
              "no agent available → account owner");
    }

    @Test
    void aRuleNamingAGroupTheOrgLacksFallsToTheDefaultGroup() {
      RoutingSnapshot s = snapshot(List.of(ana, bo, cy), List.of(ne, team));
      RoutingDecision d =
          e.decide(RoutingRequest.of(e.facts().set("zip", "94110").build()), s, NOW);
      assertThat(d.agent()).isEqualTo(cy.id());
      assertThat(d.explanation())
          .startsWith("rule 'zip_941' → group sf", "group sf does not exist → default group team");
    }

    @Test
    void aFallbackCycleEnds() {
      RoutingGroup a =
          new RoutingGroup(
              "a",
              "A",
              RoutingPolicy.ROUND_ROBIN,
              List.of(id(1)),
              RoutingGroup.DEFAULT_OFFER_TIMEOUT,
              "b");
      RoutingGroup b =
          new RoutingGroup(
              "b",
              "B",
              RoutingPolicy.ROUND_ROBIN,
              List.of(id(2)),
              RoutingGroup.DEFAULT_OFFER_TIMEOUT,
              "a");
      RoutingEngine toA = engineTo("a");
      RoutingDecision d =
          toA.decide(
              RoutingRequest.of(facts(toA)),
              snapshot(List.of(paused(ana), paused(bo)), List.of(a, b)),
              NOW);
      assertThat(d.outcome()).isEqualTo(Outcome.POND);
    }
  }

  @Test
  void aRuleReadingAnUnknownFieldDoesNotCompile() {
    assertThatThrownBy(
            () ->
                engine(
                    new RoutingConfig(
                        List.of(new RoutingRule("x", leaf("zipp", Operator.EQ, "1"), "sf")),
                        null,
                        false,
                        LastResort.POND,
                        null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("/rules/0/when/field : unknown field 'zipp'");
  }

  @Test
  void theExplanationOfAnInactiveAgentSaysSo() {
    Agent off =
        new Agent(ana.id(), null, "Ana", false, 1, 10, java.util.Set.of(), Availability.ALWAYS);
    RoutingSnapshot s = snapshot(List.of(off), List.of());
    assertThat(s.unavailableReason(ana.id(), NOW)).isEqualTo("inactive");
    assertThat(s.unavailableReason(bo.id(), NOW)).isEqualTo("not an agent");
  }

  @Test
  void leadOwnersAreUsersAndMapToAgentsByUserId() {
    UUID user = UUID.randomUUID();
    Agent withLogin =
        new Agent(id(7), user, "Dee", true, 1, 3, java.util.Set.of(), Availability.ALWAYS);
    RoutingSnapshot s = snapshot(List.of(ana, withLogin), List.of());
    assertThat(s.agentOfUser(user)).isEqualTo(withLogin);
    assertThat(s.agentOfUser(UUID.randomUUID())).isNull();
    assertThat(
            RoutingSnapshot.openCountsByAgent(
                List.of(ana, withLogin), Map.of(user, 2, UUID.randomUUID(), 9)))
        .isEqualTo(Map.of(withLogin.id(), 2));
  }

  @Nested
  @DisplayName("the lead's language")
  class Language {
    final Agent ana = speaking(agent(1, "Ana", 10), "en");
    final Agent bo = speaking(agent(2, "Bo", 10), "es", "en");
    final Agent cy = speaking(agent(3, "Cy", 10), "es-MX");

    Agent speaking(Agent a, String... languages) {
      return new Agent(
          a.id(), a.userId(), a.name(), true, 1, a.capacity(), Set.of(languages), a.availability());
    }

    RoutingSnapshot team(List<Agent> agents, List<RoutingCounter> counters) {
      return RoutingSnapshot.of(
          agents,
          List.of(RoutingGroup.of("team", RoutingPolicy.ROUND_ROBIN, ids(agents))),
          counters,
          Map.of());
    }

    @Test
    void aSpanishLeadGoesToTheSpeakerWithTheFewestAssignmentsEvenIfOthersHaveFewer() {
      RoutingSnapshot s =
          team(
              List.of(ana, bo, cy),
              List.of(
                  new RoutingCounter("team", ana.id(), 0),
                  new RoutingCounter("team", bo.id(), 5),
                  new RoutingCounter("team", cy.id(), 3)));
      RoutingEngine e = engineTo("team");
      RoutingDecision d = e.decide(RoutingRequest.of(facts(e)).withLanguage("es-419"), s, NOW);
      assertThat(d.agent()).as("es-MX speaks to es-419: same language").isEqualTo(cy.id());
      assertThat(d.language()).isEqualTo("es-419");
      assertThat(d.explanation())
          .containsExactly(
              "no rule matched → default group team",
              "language es-419: agents who speak it first",
              "skipped Ana: does not speak es",
              "round robin: Cy has 3 assigned, the fewest in group team");

      RoutingDecision none = e.decide(RoutingRequest.of(facts(e)), s, NOW);
      assertThat(none.agent()).as("without a language, fairness alone").isEqualTo(ana.id());
      assertThat(none.language()).isNull();
    }

    @Test
    void whenNoSpeakerIsAvailableTheLeadFallsBackToEveryoneStillWithinCapacity() {
      Agent fullCy = speaking(agent(3, "Cy", 0), "es");
      RoutingSnapshot s =
          team(List.of(ana, paused(bo), fullCy, speaking(agent(4, "Di", 10), "fr")), List.of());
      RoutingEngine e = engineTo("team");
      RoutingDecision d = e.decide(RoutingRequest.of(facts(e)).withLanguage("es"), s, NOW);
      assertThat(d.outcome()).isEqualTo(Outcome.ASSIGNED);
      assertThat(d.agent()).isEqualTo(ana.id());
      assertThat(d.language()).as("not picked for the language").isNull();
      assertThat(d.explanation())
          .contains(
              "language es: nobody who speaks it is available → everyone",
              "group team: nobody who speaks it available, no next group")
          .last()
          .isEqualTo("round robin: Ana has 0 assigned, the fewest in group team");
    }

    @Test
    void aSpeakerInTheNextGroupOfTheChainComesBeforeANonSpeakerInTheFirst() {
      RoutingGroup first =
          new RoutingGroup(
              "first",
              "First",
              RoutingPolicy.ROUND_ROBIN,
              List.of(ana.id()),
              RoutingGroup.DEFAULT_OFFER_TIMEOUT,
              "second");
      RoutingGroup second = RoutingGroup.of("second", RoutingPolicy.LEAST_LOADED, List.of(bo.id()));
      RoutingSnapshot s = snapshot(List.of(ana, bo), List.of(first, second));
      RoutingEngine e = engineTo("first");
      RoutingDecision d = e.decide(RoutingRequest.of(facts(e)).withLanguage("es"), s, NOW);
      assertThat(d.agent()).isEqualTo(bo.id());
      assertThat(d.group()).isEqualTo("second");
      assertThat(d.counterGroup()).isEqualTo("second");
    }

    @Test
    void aFirstToClaimOfferGoesOnlyToSpeakersAndStickyStillComesFirst() {
      RoutingGroup claim =
          new RoutingGroup(
              "claim",
              "Claim",
              RoutingPolicy.FIRST_TO_CLAIM,
              ids(List.of(ana, bo, cy)),
              Duration.ofMinutes(5),
              null);
      RoutingSnapshot s = snapshot(List.of(ana, bo, cy), List.of(claim));
      RoutingEngine e = engineTo("claim");
      RoutingDecision offer = e.decide(RoutingRequest.of(facts(e)).withLanguage("es"), s, NOW);
      assertThat(offer.outcome()).isEqualTo(Outcome.OFFERED);
      assertThat(offer.offeredTo()).containsExactly(bo.id(), cy.id());

      RoutingDecision sticky =
          e.decide(
              RoutingRequest.of(facts(e)).withLanguage("es").withPreviousOwner(ana.id()), s, NOW);
      assertThat(sticky.agent()).isEqualTo(ana.id());
      assertThat(sticky.sticky()).isTrue();
    }

    @Test
    void aMalformedLanguageIsRefusedInTheRequestAndInAnAgent() {
      RoutingEngine e = engineTo("team");
      assertThatThrownBy(() -> RoutingRequest.of(facts(e)).withLanguage("spanish please"))
          .isInstanceOfSatisfying(
              ai.omniflow.OmniFlowException.class,
              ex -> assertThat(ex.code()).isEqualTo("invalid_language"));
      assertThatThrownBy(() -> speaking(agent(9, "Ed", 1), "es_MX"))
          .isInstanceOfSatisfying(
              ai.omniflow.OmniFlowException.class,
              ex -> assertThat(ex.code()).isEqualTo("invalid_languages"));
      assertThat(speaking(agent(9, "Ed", 1), "ES-mx").languages()).containsExactly("es-MX");
    }
  }
}
