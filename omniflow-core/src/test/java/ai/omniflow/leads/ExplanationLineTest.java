package ai.omniflow.leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.OmniFlowException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Explanation lines and the one mapping between them and the JSON kept in stores and sent out. */
@DisplayName("Explanation lines")
class ExplanationLineTest {
  static final List<ExplanationLine> LINES =
      List.of(
          new ExplanationLine.RuleLine("pre_approved", "fit", 30),
          new ExplanationLine.RuleLine("cap:engagement", "engagement", -5),
          new ExplanationLine.ModelInterceptLine(-1.2345),
          new ExplanationLine.FeatureLine("pre_approved = true", 1.0, 0.8123),
          new ExplanationLine.BlendLine(25, 0.5, 0.71, 0.5, 3, 48));

  @Test
  void eachLineBecomesTheMapTheWireAndTheDatabaseHaveAlwaysCarried() {
    assertThat(ExplanationLine.toJson(LINES))
        .containsExactly(
            Map.of("kind", "rule", "key", "pre_approved", "group", "fit", "points", 30),
            Map.of("kind", "cap", "key", "cap:engagement", "group", "engagement", "points", -5),
            Map.of("kind", "model_intercept", "contribution", -1.2345),
            Map.of(
                "kind",
                "model_feature",
                "feature",
                "pre_approved = true",
                "value",
                1.0,
                "contribution",
                0.8123),
            Map.of(
                "kind",
                "blend",
                "rules_score",
                25,
                "rules_weight",
                0.5,
                "model_probability",
                0.71,
                "model_weight",
                0.5,
                "model_version",
                3,
                "score",
                48));
    assertThat(LINES.get(0).toJson().keySet()).first().isEqualTo("kind");
  }

  @Test
  void theMapsReadBackAsTheSameLinesWhateverNumberTypeTheJsonReaderChose() {
    assertThat(ExplanationLine.fromJson(ExplanationLine.toJson(LINES))).isEqualTo(LINES);
    Map<String, Object> asLongs = new HashMap<>(LINES.get(0).toJson());
    asLongs.put("points", 30L);
    assertThat(ExplanationLine.fromJson(List.of(asLongs))).containsExactly(LINES.get(0));
  }

  @Test
  void aMalformedLineIsRefusedNamingTheLineAndFieldButNotItsContent() {
    Map<String, Object> unknown = Map.of("kind", "telepathy-" + "x".repeat(5_000));
    assertThatThrownBy(() -> ExplanationLine.fromJson(List.of(unknown)))
        .isInstanceOfSatisfying(
            OmniFlowException.class,
            e -> {
              assertThat(e.code()).isEqualTo("invalid_explanation");
              assertThat(e.getMessage()).contains("line 0").doesNotContain("telepathy");
            });
    Map<String, Object> fractional =
        Map.of("kind", "rule", "key", "k", "group", "g", "points", 1.5);
    assertThatThrownBy(() -> ExplanationLine.fromJson(List.of(fractional)))
        .hasMessageContaining("points");
    Map<String, Object> tooLong =
        Map.of("kind", "model_feature", "feature", "f".repeat(201), "value", 1, "contribution", 0);
    assertThatThrownBy(() -> ExplanationLine.fromJson(List.of(tooLong)))
        .isInstanceOf(OmniFlowException.class)
        .hasMessageContaining("feature")
        .hasMessageNotContaining("fff");
  }

  @Test
  void linesRefuseBlankNamesNonFiniteNumbersAndWeightsOutsideZeroToOne() {
    assertThatThrownBy(() -> new ExplanationLine.RuleLine(" ", "g", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("key");
    assertThatThrownBy(() -> new ExplanationLine.ModelInterceptLine(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ExplanationLine.BlendLine(1, 1.5, 0.5, 0.5, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rulesWeight");
    assertThatThrownBy(() -> new ExplanationLine.BlendLine(1, 0.5, 0.5, 0.5, 0, 1))
        .hasMessageContaining("modelVersion");
  }

  @Test
  void anExplanationIsBoundedInLength() {
    List<Map<String, Object>> many =
        new ArrayList<>(
            Collections.nCopies(
                ExplanationLine.MAX_LINES + 1,
                Map.of("kind", "model_intercept", "contribution", 0)));
    assertThatThrownBy(() -> ExplanationLine.fromJson(many))
        .isInstanceOf(OmniFlowException.class)
        .hasMessageContaining("more than");
    List<ExplanationLine> lines =
        Collections.nCopies(
            ExplanationLine.MAX_LINES + 1, new ExplanationLine.ModelInterceptLine(0));
    assertThatThrownBy(
            () ->
                new LeadScore(
                    java.util.UUID.randomUUID(),
                    java.util.UUID.randomUUID(),
                    java.util.UUID.randomUUID(),
                    1,
                    1,
                    null,
                    null,
                    lines,
                    "requested",
                    java.time.Instant.EPOCH))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
