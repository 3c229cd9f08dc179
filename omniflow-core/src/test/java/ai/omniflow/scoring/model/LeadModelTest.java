package ai.omniflow.scoring.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.omniflow.testing.PropertyCheck;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LeadModelTest {
  static final LeadModel MODEL = LeadModelTrainerTest.SIGNAL_REPORT.model();

  static ModelInput lead(Map<String, Object> fields) {
    return new ModelInput(
        fields, "instagram", Set.of("showing_request"), Duration.ofMinutes(5), 3, 2);
  }

  @Test
  void theInterceptPlusTheContributionsIsTheLogOddsOfTheProbability() {
    PropertyCheck.forAll(
        500,
        GeneratedLeads::input,
        input -> {
          Prediction p = MODEL.predict(input);
          double logit = Math.log(p.probability() / (1 - p.probability()));
          assertThat(p.logOdds()).isCloseTo(logit, within(1e-9));
          assertThat(p.probability()).isEqualTo(MODEL.probability(input));
        });
  }

  @Test
  void contributionsAreNonZeroAndLargestFirst() {
    PropertyCheck.forAll(
        200,
        GeneratedLeads::input,
        input -> {
          List<FeatureContribution> cs = MODEL.predict(input).contributions();
          assertThat(cs).isNotEmpty().allSatisfy(c -> assertThat(c.contribution()).isNotZero());
          for (int i = 1; i < cs.size(); i++) {
            assertThat(Math.abs(cs.get(i - 1).contribution()))
                .isGreaterThanOrEqualTo(Math.abs(cs.get(i).contribution()));
          }
        });
  }

  @Test
  void aContributionIsItsWeightTimesTheStandardizedValueAndCarriesTheRawValue() {
    Prediction p = MODEL.predict(lead(Map.of("pre_approved", true)));
    FeatureContribution c =
        p.contributions().stream()
            .filter(x -> x.feature().equals("pre_approved = true"))
            .findFirst()
            .orElseThrow();
    assertThat(c.value()).isEqualTo(1.0);
    assertThat(c.contribution()).isPositive();
    assertThat(p.contributions())
        .noneMatch(x -> x.feature().equals("budget (log)"))
        .anyMatch(x -> x.feature().equals("budget missing"));
  }

  @Test
  void aPreApprovedLeadAskingForAShowingIsLikelierToWinThanOneWithout() {
    Map<String, Object> base = Map.of("budget", new BigDecimal("300000"), "timeline", "6+ months");
    Map<String, Object> better = new HashMap<>(base);
    better.put("pre_approved", true);
    ModelInput weak = new ModelInput(base, "sms", Set.of(), Duration.ofHours(6), 1, 1);
    ModelInput strong =
        new ModelInput(better, "sms", Set.of("showing_request"), Duration.ofMinutes(2), 1, 1);
    assertThat(MODEL.probability(strong)).isGreaterThan(MODEL.probability(weak) + 0.3);
  }

  @Test
  void aLeadWithNothingKnownGetsAProbabilityNotNaN() {
    ModelInput empty = new ModelInput(Map.of(), null, Set.of(), null, 0, 0);
    Prediction p = MODEL.predict(empty);
    assertThat(p.probability()).isBetween(0.0, 1.0);
    Map<String, Object> nulls = new HashMap<>();
    for (var f : GeneratedLeads.FIELDS) {
      nulls.put(f.key(), null);
    }
    assertThat(MODEL.probability(new ModelInput(nulls, null, Set.of(), null, 0, 0)))
        .isEqualTo(p.probability());
  }

  @Test
  void unknownFieldKeysChannelsIntentsAndOptionsAreIgnored() {
    ModelInput known = lead(Map.of("budget", 500000));
    ModelInput extra =
        new ModelInput(
            Map.of("budget", 500000, "favourite_colour", "green"),
            "instagram",
            Set.of("showing_request"),
            Duration.ofMinutes(5),
            3,
            2);
    assertThat(MODEL.predict(extra)).isEqualTo(MODEL.predict(known));
    ModelInput strange =
        new ModelInput(
            Map.of("timeline", "someday"), "carrier_pigeon", Set.of("haggle"), null, 0, 0);
    ModelInput plain = new ModelInput(Map.of(), null, Set.of(), null, 0, 0);
    assertThat(MODEL.probability(strange)).isEqualTo(MODEL.probability(plain));
  }

  @Test
  void aValueOfTheWrongTypeIsRefusedNamingTheField() {
    assertThatThrownBy(() -> MODEL.predict(lead(Map.of("budget", "a lot"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'budget'")
        .hasMessageContaining("a number");
    assertThatThrownBy(() -> MODEL.predict(lead(Map.of("pre_approved", "yes"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'pre_approved'");
    assertThatThrownBy(() -> MODEL.predict(lead(Map.of("timeline", 3))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'timeline'");
    assertThatThrownBy(() -> MODEL.probability(lead(Map.of("move_date", "next spring"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'move_date'");
    assertThatThrownBy(() -> MODEL.probability(lead(Map.of("beds", Double.NaN))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'beds'");
  }

  @Test
  void datesMayBeGivenAsLocalDatesOrIsoText() {
    assertThat(MODEL.probability(lead(Map.of("move_date", "2026-09-01"))))
        .isEqualTo(
            MODEL.probability(lead(Map.of("move_date", java.time.LocalDate.of(2026, 9, 1)))));
  }

  @Test
  void aModelReadBackFromJsonTextPredictsExactlyTheSame() throws Exception {
    ObjectMapper mapper =
        new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    String text = mapper.writeValueAsString(MODEL.toJson());
    @SuppressWarnings("unchecked")
    Map<String, Object> read = mapper.readValue(text, Map.class);
    LeadModel back = LeadModel.fromJson(read);
    assertThat(back).isEqualTo(MODEL);
    assertThat(back.featureNames()).isEqualTo(MODEL.featureNames());
    PropertyCheck.forAll(
        200,
        GeneratedLeads::input,
        input -> assertThat(back.predict(input)).isEqualTo(MODEL.predict(input)));
  }

  @Test
  void aModelOfAnotherFormatVersionIsRefusedWithAClearMessage() {
    Map<String, Object> json = new LinkedHashMap<>(MODEL.toJson());
    json.put("format_version", 2);
    assertThatThrownBy(() -> LeadModel.fromJson(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unsupported omniflow.lead-model format version 2; this OmniFlow reads version 1"
                + " (retrain the model)");
    json.put("format", "something-else");
    assertThatThrownBy(() -> LeadModel.fromJson(json))
        .hasMessageContaining("not a omniflow.lead-model");
  }

  @Test
  void aMalformedModelIsRefusedNamingThePart() {
    Map<String, Object> json = new LinkedHashMap<>(MODEL.toJson());
    List<Object> features = new java.util.ArrayList<>((List<?>) json.get("features"));
    Map<String, Object> first = new LinkedHashMap<>((Map<String, ?>) features.get(0));
    first.put("kind", "telepathy");
    features.set(0, first);
    json.put("features", features);
    assertThatThrownBy(() -> LeadModel.fromJson(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("features[0]")
        .hasMessageContaining("telepathy");
  }

  @Test
  void aModelToJsonHoldsOnlyJsonValues() {
    Map<String, Object> json = MODEL.toJson();
    assertThat(json)
        .containsEntry("format", "omniflow.lead-model")
        .containsEntry("format_version", 1);
    assertThat(ai.omniflow.store.spi.JsonValues.copyObject(json)).isEqualTo(json);
  }

  @Test
  void predictionsStayFiniteForExtremeInputs() {
    PropertyCheck.forAll(
        200,
        (Random r) ->
            new ModelInput(
                Map.of("budget", new BigDecimal("1E+" + r.nextInt(300)), "beds", -r.nextInt(1000)),
                null,
                Set.of(),
                Duration.ofDays(r.nextInt(100_000)),
                r.nextInt(Integer.MAX_VALUE),
                r.nextInt(Integer.MAX_VALUE)),
        input -> {
          Prediction p = MODEL.predict(input);
          assertThat(p.probability()).isBetween(0.0, 1.0);
          assertThat(p.logOdds()).isFinite();
        });
  }
}
