package ai.omniflow.attribution;

import static ai.omniflow.attribution.Fixtures.conversions;
import static ai.omniflow.attribution.Fixtures.lost;
import static ai.omniflow.attribution.Fixtures.run;
import static ai.omniflow.attribution.Fixtures.values;
import static ai.omniflow.attribution.Fixtures.won;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import ai.omniflow.OmniFlowException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The data-driven models, on hand-computed journeys,")
class DataDrivenModelsTest {
  @Test
  @DisplayName("Markov credits each channel by its removal effect, solved exactly")
  void markovRemovalEffect() {
    // start→a 2/3, start→b 1/3; a→b 1/2, a→null 1/2; b→conversion 1.
    // P = 2/3·1/2 + 1/3 = 2/3; without a: 1/3 (effect 1/2); without b: 0 (effect 1).
    // Shares 1/3 and 2/3.
    AttributionResult r =
        run(new AttributionModel.Markov(), won("a > b", "100.00"), lost("a"), won("b", "50.00"));
    assertThat(conversions(r)).containsExactly(entry("a", "0.6667"), entry("b", "1.3333"));
    assertThat(values(r)).containsExactly(entry("a", "50.00"), entry("b", "100.00"));
  }

  @Test
  @DisplayName("Markov of order 2 tells apart paths an order-1 chain merges")
  void markovHigherOrder() {
    // Order 1: a→c and b→c both reach state c, which converts half the time.
    // Order 2: (a,c) always converts and (b,c) never, so b's removal costs nothing.
    List<Journey> js = new ArrayList<>();
    js.add(won("a > c", "10.00"));
    js.add(lost("b > c"));
    AttributionResult first = run(new AttributionModel.Markov(1), AttributionLevel.CHANNEL, js);
    AttributionResult second = run(new AttributionModel.Markov(2), AttributionLevel.CHANNEL, js);
    // order 1: P = 1/2; without a: 1/4; without b: 1/4; without c: 0 → effects 1/2, 1/2, 1.
    assertThat(conversions(first))
        .containsExactly(entry("a", "0.2500"), entry("b", "0.2500"), entry("c", "0.5000"));
    // order 2: P = 1/2; without a: 0; without b: 1/2; without c: 0 → effects 1, 0, 1.
    assertThat(conversions(second))
        .containsExactly(entry("a", "0.5000"), entry("b", "0.0000"), entry("c", "0.5000"));
  }

  @Test
  @DisplayName("Markov refuses an order outside 1 to 3")
  void markovOrderIsBounded() {
    assertThatThrownBy(() -> new AttributionModel.Markov(4))
        .isInstanceOfSatisfying(
            OmniFlowException.class, e -> assertThat(e.code()).isEqualTo("invalid_order"));
  }

  @Test
  @DisplayName("Markov with nothing converted credits nothing")
  void markovWithoutConversions() {
    AttributionResult r = run(new AttributionModel.Markov(), lost("a > b"));
    assertThat(values(r)).containsExactly(entry("a", "0.00"), entry("b", "0.00"));
  }

  @Test
  @DisplayName("the simplified Shapley value shares each conversion equally by distinct channel")
  void shapleyOverChannelSets() {
    AttributionResult r =
        run(new AttributionModel.Shapley(), won("a > b > a", "90.00"), won("b > c", "30.00"));
    assertThat(values(r))
        .containsExactly(entry("a", "45.00"), entry("b", "60.00"), entry("c", "15.00"));
    assertThat(conversions(r))
        .containsExactly(entry("a", "0.5000"), entry("b", "1.0000"), entry("c", "0.5000"));
  }

  @Test
  @DisplayName("the ordered Shapley value splits each channel's credit by where it first appeared")
  void orderedShapley() {
    AttributionResult r =
        run(new AttributionModel.Shapley(true), won("a > b > a", "90.00"), won("b > c", "30.00"));
    assertThat(values(r))
        .containsExactly(
            entry("a@1", "45.00"),
            entry("b@1", "15.00"),
            entry("b@2", "45.00"),
            entry("c@2", "15.00"));
    assertThat(r.model().wireName()).isEqualTo("shapley_ordered");
  }

  @Test
  @DisplayName("every model is known by its wire name, and an unknown name is refused without echo")
  void wireNames() {
    assertThat(AttributionModel.all().stream().map(AttributionModel::wireName))
        .containsExactly(
            "first_touch",
            "last_touch",
            "last_non_direct",
            "linear",
            "time_decay",
            "u_shaped",
            "w_shaped",
            "full_path",
            "markov",
            "shapley",
            "shapley_ordered");
    assertThat(AttributionModel.parse("markov")).isEqualTo(new AttributionModel.Markov(1));
    String hostile = "<script>".repeat(1000);
    assertThatThrownBy(() -> AttributionModel.parse(hostile))
        .isInstanceOfSatisfying(
            OmniFlowException.class,
            e -> {
              assertThat(e.code()).isEqualTo("invalid_model");
              assertThat(e.getMessage()).doesNotContain("<script>");
            });
  }
}
