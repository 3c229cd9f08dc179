package ai.omniflow.verticals;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.pack.PackCatalog;
import ai.omniflow.pack.VerticalPack;
import ai.omniflow.scoring.CompiledRules;
import ai.omniflow.scoring.Contribution;
import ai.omniflow.scoring.RuleScorer;
import ai.omniflow.scoring.Score;
import ai.omniflow.scoring.ScoringGroup;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ShippedScoringTest {
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private final PackCatalog catalog = PackCatalog.of(ClasspathPackSource.shipped());

  @Test
  void bothShippedPacksHaveScoringAndRealEstateHasTwentyRules() {
    assertThat(catalog.require("real-estate").scoring().rules()).hasSize(20);
    assertThat(catalog.require("generic").compiledScoring()).isPresent();
  }

  @Test
  void aReadyBuyerAskingForAShowingScoresHighWithEveryPointExplained() {
    VerticalPack pack = catalog.require("real-estate");
    CompiledRules rules = pack.compiledScoring().orElseThrow();
    Score s =
        RuleScorer.score(
            rules
                .facts()
                .set("budget", new BigDecimal("650000"))
                .set("pre_approved", true)
                .set("timeline", "As soon as possible")
                .set("zip", "94110")
                .set("property_type", "Condo")
                .set("source_channel", "referral")
                .engagement(NOW.minus(Duration.ofDays(7)))
                .lastIntent("showing_request")
                .build(),
            rules,
            NOW);
    // fit 15+15+15+5+3+5 = 58, capped at 50; engagement (5+5) halved; intent 25
    assertThat(s.subtotal(ScoringGroup.FIT)).isEqualTo(50);
    assertThat(s.subtotal(ScoringGroup.ENGAGEMENT)).isEqualTo(6);
    assertThat(s.subtotal(ScoringGroup.INTENT)).isEqualTo(25);
    assertThat(s.total()).isEqualTo(81);
    assertThat(s.contributions()).contains(new Contribution("cap:fit", ScoringGroup.FIT, -8));
  }

  @Test
  void aBrowserWhoOptedOutScoresLow() {
    CompiledRules rules = catalog.require("real-estate").compiledScoring().orElseThrow();
    Score s =
        RuleScorer.score(
            rules.facts().set("timeline", "Just browsing").lastIntent("opt_out").build(),
            rules,
            NOW);
    assertThat(s.total()).isEqualTo(-35);
  }
}
