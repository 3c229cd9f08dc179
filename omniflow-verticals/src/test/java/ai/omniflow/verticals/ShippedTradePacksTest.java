package ai.omniflow.verticals;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.assist.Facts;
import ai.omniflow.assist.Guardrails;
import ai.omniflow.assist.Suggestion;
import ai.omniflow.assist.SuggestionRequest;
import ai.omniflow.assist.TemplateReplySuggester;
import ai.omniflow.pack.PackCatalog;
import ai.omniflow.pack.VerticalPack;
import ai.omniflow.routing.Agent;
import ai.omniflow.routing.RoutingDecision;
import ai.omniflow.routing.RoutingEngine;
import ai.omniflow.routing.RoutingGroup;
import ai.omniflow.routing.RoutingPolicy;
import ai.omniflow.routing.RoutingRequest;
import ai.omniflow.routing.RoutingSnapshot;
import ai.omniflow.scoring.CompiledRules;
import ai.omniflow.scoring.RuleScorer;
import ai.omniflow.scoring.Score;
import ai.omniflow.scoring.ScoringGroup;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The home-services and med-spa packs' rules, routing and replies on realistic example leads. */
class ShippedTradePacksTest {
  private static final Instant NOW = Instant.parse("2026-12-05T22:30:00Z");
  private static final PackCatalog CATALOG = PackCatalog.of(ClasspathPackSource.shipped());
  private static final TemplateReplySuggester SUGGESTER = TemplateReplySuggester.ofDefaults();
  private static final Facts FACTS =
      Facts.builder()
          .put(Facts.CONTACT_FIRST_NAME, "Dana")
          .put(Facts.AGENT_NAME, "Luis Ortega")
          .put(Facts.ORG_NAME, "Bright Home Pros")
          .put(Facts.BOOKING_LINK, "https://book.example/bright")
          .build();

  private static Suggestion suggest(VerticalPack pack, String text) {
    return SUGGESTER.suggest(
        new SuggestionRequest(pack, text, FACTS, Guardrails.of("sms", NOW, NOW)));
  }

  /** One agent per group, named after it, so a decision's agent names the group it went to. */
  private static RoutingSnapshot groups(String... keys) {
    List<Agent> agents =
        java.util.stream.IntStream.range(0, keys.length)
            .mapToObj(i -> Agent.of(new UUID(7, i), keys[i], 10))
            .toList();
    List<RoutingGroup> groups =
        java.util.stream.IntStream.range(0, keys.length)
            .mapToObj(
                i ->
                    RoutingGroup.of(
                        keys[i], RoutingPolicy.ROUND_ROBIN, List.of(agents.get(i).id())))
            .toList();
    return RoutingSnapshot.of(agents, groups, List.of(), Map.of());
  }

  private static String groupOf(RoutingDecision d, String... keys) {
    for (int i = 0; i < keys.length; i++) {
      if (new UUID(7, i).equals(d.agent())) {
        return keys[i];
      }
    }
    return "none";
  }

  @Nested
  @DisplayName("home-services")
  class HomeServices {
    private final VerticalPack pack = CATALOG.require("home-services");
    private final CompiledRules rules = pack.compiledScoring().orElseThrow();
    private final RoutingEngine routing = RoutingEngine.compile(pack.routing(), pack.leadFields());
    private final String[] keys = {"on_call", "spanish", "hot", "dispatch"};

    @Test
    void aHomeownerWithABurstPipeAtNightScoresHighAndGoesToTheOnCallTechnicians() {
      Score s =
          RuleScorer.score(
              rules
                  .facts()
                  .set("service", "Plumbing")
                  .set("urgency", "Emergency")
                  .set("zip", "78745")
                  .set("homeowner", true)
                  .engagement(NOW)
                  .lastIntent("emergency_request")
                  .build(),
              rules,
              NOW);
      // fit 20 + 5 + 5 + 10; engagement 5; intent 30
      assertThat(s.subtotal(ScoringGroup.FIT)).isEqualTo(40);
      assertThat(s.subtotal(ScoringGroup.ENGAGEMENT)).isEqualTo(5);
      assertThat(s.subtotal(ScoringGroup.INTENT)).isEqualTo(30);
      assertThat(s.total()).isEqualTo(75);

      RoutingDecision d =
          routing.decide(
              RoutingRequest.of(
                  routing.facts().lastIntent("emergency_request").set("language", "es").build()),
              groups(keys),
              NOW);
      assertThat(groupOf(d, keys)).isEqualTo("on_call");
      assertThat(d.explanation().get(0)).isEqualTo("rule 'emergency_job' → group on_call");
    }

    @Test
    void aRenterAskingForACleaningQuoteWithNoRushScoresLowAndGoesToDispatch() {
      Score s =
          RuleScorer.score(
              rules
                  .facts()
                  .set("service", "Cleaning")
                  .set("urgency", "Flexible")
                  .set("homeowner", false)
                  .lastIntent("quote_request")
                  .build(),
              rules,
              NOW);
      assertThat(s.total()).isEqualTo(3 + 5 - 5 + 15);
      RoutingDecision d =
          routing.decide(
              RoutingRequest.of(routing.facts().set("score", s.total()).build()),
              groups(keys),
              NOW);
      assertThat(groupOf(d, keys)).isEqualTo("dispatch");
    }

    @Test
    void aSpanishSpeakerBookingMaintenanceGoesToTheSpanishGroup() {
      RoutingDecision d =
          routing.decide(
              RoutingRequest.of(
                  routing.facts().lastIntent("maintenance_question").set("language", "es").build()),
              groups(keys),
              NOW);
      assertThat(groupOf(d, keys)).isEqualTo("spanish");
    }

    @Test
    void anEmergencyMessageGetsASafetyFirstReplyInTheContactsLanguage() {
      Suggestion en = suggest(pack, "pipe burst in the kitchen, water everywhere!!");
      assertThat(en.intent()).isEqualTo("emergency_request");
      assertThat(en.nextAction()).isEqualTo("handoff");
      assertThat(en.reply()).contains("Luis Ortega", "call emergency services");
      Suggestion es = suggest(pack, "se reventó un tubo, hay agua por todos lados");
      assertThat(es.intent()).isEqualTo("emergency_request");
      assertThat(es.language()).isEqualTo("es");
      assertThat(es.reply()).contains("llama primero a emergencias");
    }

    @Test
    void aZipCodeQuestionAsksForTheZipAndTheDetails() {
      Suggestion s = suggest(pack, "do you guys come out to 78610?");
      assertThat(s.intent()).isEqualTo("service_area_question");
      assertThat(s.nextAction()).isEqualTo("ask_details");
    }
  }

  @Nested
  @DisplayName("med-spa")
  class MedSpa {
    private final VerticalPack pack = CATALOG.require("med-spa");
    private final CompiledRules rules = pack.compiledScoring().orElseThrow();
    private final RoutingEngine routing = RoutingEngine.compile(pack.routing(), pack.leadFields());
    private final String[] keys = {"clinical", "spanish", "hot", "front_desk"};

    @Test
    void aFirstTimeFillerClientWhoPaidHerDepositScoresHigh() {
      Score s =
          RuleScorer.score(
              rules
                  .facts()
                  .set("treatment", "Dermal filler")
                  .set("deposit_paid", true)
                  .set("budget", new BigDecimal("1200"))
                  .set("preferred_date", LocalDate.parse("2026-12-12"))
                  .set("first_visit", true)
                  .engagement(NOW)
                  .engagement(NOW)
                  .engagement(NOW)
                  .lastIntent("consultation_request")
                  .build(),
              rules,
              NOW);
      // fit 20 + 5 + 5 + 10 + 5 + 3 = 48, capped at 45; engagement 5 + 10; intent 25
      assertThat(s.subtotal(ScoringGroup.FIT)).isEqualTo(45);
      assertThat(s.subtotal(ScoringGroup.ENGAGEMENT)).isEqualTo(15);
      assertThat(s.total()).isEqualTo(85);
    }

    @Test
    void aClinicalQuestionScoresNothingAndGoesToLicensedStaffWhateverTheScore() {
      Score s = RuleScorer.score(rules.facts().lastIntent("clinical_question").build(), rules, NOW);
      assertThat(s.subtotal(ScoringGroup.INTENT)).isZero();
      RoutingDecision d =
          routing.decide(
              RoutingRequest.of(
                  routing.facts().lastIntent("clinical_question").set("score", 95).build()),
              groups(keys),
              NOW);
      assertThat(groupOf(d, keys)).isEqualTo("clinical");
    }

    @Test
    void aClinicalQuestionGetsNoAdviceOnlyAHandoffToALicensedProvider() {
      Suggestion en = suggest(pack, "i'm on blood thinners, is filler safe for me?");
      assertThat(en.intent()).isEqualTo("clinical_question");
      assertThat(en.nextAction()).isEqualTo("handoff");
      assertThat(en.reply())
          .contains("licensed provider", "can't answer health questions")
          .doesNotContainIgnoringCase("safe")
          .doesNotContainIgnoringCase("should");
      Suggestion es = suggest(pack, "estoy embarazada, ¿puedo ponerme botox?");
      assertThat(es.intent()).isEqualTo("clinical_question");
      assertThat(es.reply()).contains("profesional con licencia", "No podemos responder");
    }

    @Test
    void noLeadFieldRecordsHealthInformation() {
      assertThat(pack.leadFields())
          .extracting(f -> f.key())
          .containsExactly(
              "treatment",
              "first_visit",
              "package_interest",
              "deposit_paid",
              "budget",
              "preferred_date");
    }

    @Test
    void depositAndPackageQuestionsAreTheirOwnIntents() {
      assertThat(suggest(pack, "is the deposit refundable if i cancel?").intent())
          .isEqualTo("deposit_question");
      assertThat(suggest(pack, "do you have a laser package?").intent())
          .isEqualTo("pricing_question");
    }
  }
}
