package ai.omniflow.scoring.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FeatureEncoderTest {
  static final List<ModelInput> TRAINING =
      List.of(
          new ModelInput(
              Map.of("budget", new BigDecimal("99"), "timeline", "3-6 months"),
              "sms",
              Set.of("mortgage"),
              Duration.ofMinutes(9),
              3,
              0),
          new ModelInput(
              Map.of("pre_approved", false, "notes", "hi"),
              "instagram",
              Set.of("showing_request", "mortgage"),
              null,
              1,
              0));

  static final FeatureEncoder ENCODER = FeatureEncoder.fit(GeneratedLeads.FIELDS, TRAINING);

  @Test
  void featureNamesAreReadableAndFollowThePackThenTheChannelsAndIntentsSeenInTraining() {
    assertThat(ENCODER.featureNames())
        .containsExactly(
            "budget (log)",
            "budget missing",
            "pre_approved = true",
            "pre_approved missing",
            "timeline = Within 3 months",
            "timeline = 3-6 months",
            "timeline = 6+ months",
            "timeline = Just browsing",
            "beds (log)",
            "beds missing",
            "notes given",
            "move_date given",
            "source channel = instagram",
            "source channel = sms",
            "intent: mortgage",
            "intent: showing_request",
            "first response (log minutes)",
            "first response missing",
            "inbound messages (log)",
            "outbound messages (log)");
  }

  @Test
  void valuesAreLogsAndIndicatorsAndAMissingNumberTakesTheTrainingMean() {
    double[] x = ENCODER.encode(TRAINING.get(0));
    List<String> names = ENCODER.featureNames();
    assertThat(x[names.indexOf("budget (log)")]).isCloseTo(Math.log(100), within(1e-12));
    assertThat(x[names.indexOf("budget missing")]).isZero();
    assertThat(x[names.indexOf("timeline = 3-6 months")]).isEqualTo(1);
    assertThat(x[names.indexOf("pre_approved missing")]).isEqualTo(1);
    assertThat(x[names.indexOf("first response (log minutes)")])
        .isCloseTo(Math.log(10), within(1e-12));
    assertThat(x[names.indexOf("inbound messages (log)")]).isCloseTo(Math.log(4), within(1e-12));
    double[] y = ENCODER.encode(TRAINING.get(1));
    assertThat(y[names.indexOf("budget missing")]).isEqualTo(1);
    assertThat(y[names.indexOf("budget (log)")]).isCloseTo(Math.log(100), within(1e-12));
    assertThat(y[names.indexOf("first response missing")]).isEqualTo(1);
    assertThat(y[names.indexOf("notes given")]).isEqualTo(1);
    assertThat(y[names.indexOf("intent: showing_request")]).isEqualTo(1);
  }

  @Test
  void standardizationUsesTheTrainingMeanAndGivesConstantFeaturesScaleOne() {
    List<String> names = ENCODER.featureNames();
    int outbound = names.indexOf("outbound messages (log)");
    assertThat(ENCODER.scales[outbound]).isEqualTo(1);
    assertThat(ENCODER.means[outbound]).isZero();
    int inbound = names.indexOf("inbound messages (log)");
    assertThat(ENCODER.means[inbound]).isCloseTo((Math.log(4) + Math.log(2)) / 2, within(1e-12));
    assertThat(ENCODER.scales[inbound]).isCloseTo((Math.log(4) - Math.log(2)) / 2, within(1e-12));
  }

  @Test
  void negativeNumbersCountAsZero() {
    double[] x = ENCODER.encode(new ModelInput(Map.of("beds", -3), null, Set.of(), null, 0, 0));
    assertThat(x[ENCODER.featureNames().indexOf("beds (log)")]).isZero();
  }
}
