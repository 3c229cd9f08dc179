package ai.omniflow.attribution;

import static ai.omniflow.attribution.Fixtures.conversions;
import static ai.omniflow.attribution.Fixtures.lost;
import static ai.omniflow.attribution.Fixtures.run;
import static ai.omniflow.attribution.Fixtures.values;
import static ai.omniflow.attribution.Fixtures.won;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The rule-based models, on hand-computed journeys,")
class RuleBasedModelsTest {
  @Test
  @DisplayName("first touch gives the whole conversion to the first channel")
  void firstTouchCreditsTheFirstChannel() {
    AttributionResult r = run(new AttributionModel.FirstTouch(), won("a > b > c", "100.00"));
    assertThat(values(r))
        .containsExactly(entry("a", "100.00"), entry("b", "0.00"), entry("c", "0.00"));
    assertThat(conversions(r)).containsEntry("a", "1.0000");
  }

  @Test
  @DisplayName("last touch gives the whole conversion to the last channel")
  void lastTouchCreditsTheLastChannel() {
    AttributionResult r = run(new AttributionModel.LastTouch(), won("a > b > c", "100.00"));
    assertThat(values(r))
        .containsExactly(entry("a", "0.00"), entry("b", "0.00"), entry("c", "100.00"));
  }

  @Test
  @DisplayName(
      "last non-direct skips direct touches at the end, and falls back to direct when all are")
  void lastNonDirectSkipsDirect() {
    AttributionResult r =
        run(
            new AttributionModel.LastNonDirect(),
            won("a > b > direct > direct", "80.00"),
            won("direct > direct", "20.00"));
    assertThat(values(r))
        .containsExactly(entry("a", "0.00"), entry("b", "80.00"), entry("direct", "20.00"));
    AttributionResult custom =
        run(new AttributionModel.LastNonDirect(Set.of("seo")), won("a > seo", "5.00"));
    assertThat(values(custom)).containsEntry("a", "5.00");
  }

  @Test
  @DisplayName("linear splits equally, the odd cent going to the first channel by name")
  void linearSplitsEqually() {
    AttributionResult r = run(new AttributionModel.Linear(), won("c > b > a", "100.00"));
    assertThat(values(r))
        .containsExactly(entry("a", "33.34"), entry("b", "33.33"), entry("c", "33.33"));
    assertThat(conversions(r))
        .containsExactly(entry("a", "0.3334"), entry("b", "0.3333"), entry("c", "0.3333"));
  }

  @Test
  @DisplayName("linear counts a channel once per touch")
  void linearCountsRepeatedTouches() {
    AttributionResult r = run(new AttributionModel.Linear(), won("a > b > a > a", "100.00"));
    assertThat(values(r)).containsExactly(entry("a", "75.00"), entry("b", "25.00"));
  }

  @Test
  @DisplayName("time decay halves a touch's weight with every half-life before the conversion")
  void timeDecayHalvesPerHalfLife() {
    Instant t0 = Instant.parse("2026-05-01T00:00:00Z");
    Journey j =
        Journey.converted(
            new BigDecimal("70.00"),
            List.of(
                Touch.of("a", null, t0),
                Touch.of("b", null, t0.plus(Duration.ofDays(7))),
                Touch.of("c", null, t0.plus(Duration.ofDays(14)))));
    AttributionResult r = run(new AttributionModel.TimeDecay(), j);
    // weights 1/4, 1/2, 1 → 1/7, 2/7, 4/7
    assertThat(values(r))
        .containsExactly(entry("a", "10.00"), entry("b", "20.00"), entry("c", "40.00"));
    assertThat(conversions(r))
        .containsExactly(entry("a", "0.1429"), entry("b", "0.2857"), entry("c", "0.5714"));
  }

  @Test
  @DisplayName("time decay measures ages back from the conversion's time when the journey has one")
  void timeDecayMeasuresFromTheConversion() {
    Instant t0 = Instant.parse("2026-05-01T00:00:00Z");
    Journey j =
        Journey.converted(
                new BigDecimal("30.00"),
                List.of(Touch.of("a", null, t0), Touch.of("b", null, t0.plus(Duration.ofDays(7)))))
            .withConvertedAt(t0.plus(Duration.ofDays(14)));
    // ages 14 and 7 days → 1/4 and 1/2 → 1/3 and 2/3
    assertThat(values(run(new AttributionModel.TimeDecay(), j)))
        .containsExactly(entry("a", "10.00"), entry("b", "20.00"));
  }

  @Test
  @DisplayName("time decay counts each untimed step as the untimed step's duration")
  void timeDecayOnUntimedPaths() {
    AttributionModel m = new AttributionModel.TimeDecay(Duration.ofDays(1), Duration.ofDays(1));
    assertThat(values(run(m, won("a > b > c", "70.00"))))
        .containsExactly(entry("a", "10.00"), entry("b", "20.00"), entry("c", "40.00"));
  }

  @Test
  @DisplayName("U-shaped gives 40 % to each end and 20 % to the middle, 50/50 for two touches")
  void uShaped() {
    assertThat(values(run(new AttributionModel.UShaped(), won("a > b > c > d", "100.00"))))
        .containsExactly(
            entry("a", "40.00"), entry("b", "10.00"), entry("c", "10.00"), entry("d", "40.00"));
    assertThat(values(run(new AttributionModel.UShaped(), won("a > b", "100.00"))))
        .containsExactly(entry("a", "50.00"), entry("b", "50.00"));
    assertThat(values(run(new AttributionModel.UShaped(), won("a", "100.00"))))
        .containsExactly(entry("a", "100.00"));
  }

  @Test
  @DisplayName(
      "W-shaped gives 30 % to the first touch, the lead's and the opportunity's, 10 % to the rest")
  void wShapedWithMarkers() {
    Journey j = won("a > b > c > d > e", "100.00").withLeadAt(1).withOpportunityAt(3);
    assertThat(values(run(new AttributionModel.WShaped(), j)))
        .containsExactly(
            entry("a", "30.00"),
            entry("b", "30.00"),
            entry("c", "5.00"),
            entry("d", "30.00"),
            entry("e", "5.00"));
  }

  @Test
  @DisplayName(
      "W-shaped without markers takes the lead at the first touch and the opportunity at the last")
  void wShapedWithoutMarkers() {
    assertThat(values(run(new AttributionModel.WShaped(), won("a > b > c > d", "100.00"))))
        .containsExactly(
            entry("a", "60.00"), entry("b", "5.00"), entry("c", "5.00"), entry("d", "30.00"));
    // two touches: no rest, so 60/30 is scaled to 2/3 and 1/3
    assertThat(values(run(new AttributionModel.WShaped(), won("a > b", "90.00"))))
        .containsExactly(entry("a", "60.00"), entry("b", "30.00"));
  }

  @Test
  @DisplayName("full path gives 22.5 % to each of four roles and 10 % to the rest")
  void fullPath() {
    Journey j = won("a > b > c > d > e", "100.00").withLeadAt(1).withOpportunityAt(3);
    assertThat(values(run(new AttributionModel.FullPath(), j)))
        .containsExactly(
            entry("a", "22.50"),
            entry("b", "22.50"),
            entry("c", "10.00"),
            entry("d", "22.50"),
            entry("e", "22.50"));
  }

  @Test
  @DisplayName("journeys that did not convert add no credit but count as journeys")
  void lostJourneysAddNoCredit() {
    AttributionResult r =
        run(new AttributionModel.Linear(), won("a", "10.00"), lost("b > a"), lost("c"));
    assertThat(values(r))
        .containsExactly(entry("a", "10.00"), entry("b", "0.00"), entry("c", "0.00"));
    assertThat(r.journeys()).isEqualTo(3);
    assertThat(r.conversions()).isEqualByComparingTo("1");
  }

  @Test
  @DisplayName("at campaign level credit goes to each campaign within its channel")
  void campaignLevel() {
    Journey j =
        Journey.converted(
            new BigDecimal("90.00"),
            List.of(
                Touch.of("fb", "spring", null),
                Touch.of("fb", "summer", null),
                Touch.of("sms", null, null)));
    AttributionResult r = run(new AttributionModel.Linear(), AttributionLevel.CAMPAIGN, List.of(j));
    assertThat(values(r))
        .containsExactly(
            entry("fb/spring", "30.00"), entry("fb/summer", "30.00"), entry("sms", "30.00"));
  }

  @Test
  @DisplayName(
      "at content or agent level credit goes to each content or agent within its channel, the"
          + " campaign ignored")
  void contentAndAgentLevels() {
    Touch spring = Touch.of("fb", "spring", null).withContent("post-1").withAgent("ana");
    Touch summer = Touch.of("fb", "summer", null).withContent("post-1").withAgent("bo");
    Touch sms = Touch.of("sms", null, null);
    Journey j = Journey.converted(new BigDecimal("90.00"), List.of(spring, summer, sms));
    AttributionResult byContent =
        run(new AttributionModel.Linear(), AttributionLevel.CONTENT, List.of(j));
    assertThat(values(byContent))
        .containsExactly(entry("fb/post-1", "60.00"), entry("sms", "30.00"));
    assertThat(byContent.credits().get(0).content()).isEqualTo("post-1");
    assertThat(byContent.credits().get(0).campaign()).isNull();
    AttributionResult byAgent =
        run(new AttributionModel.Linear(), AttributionLevel.AGENT, List.of(j));
    assertThat(values(byAgent))
        .containsExactly(entry("fb/ana", "30.00"), entry("fb/bo", "30.00"), entry("sms", "30.00"));
    assertThat(byAgent.credits().get(1).agent()).isEqualTo("bo");
    assertThat(byAgent.credits().get(1).content()).isNull();
  }
}
