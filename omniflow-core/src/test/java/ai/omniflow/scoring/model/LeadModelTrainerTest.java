package ai.omniflow.scoring.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LeadModelTrainerTest {
  static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  static final TrainingOptions OPTIONS = TrainingOptions.defaults().withSeed(11);

  static final List<ClosedLead> SIGNAL = GeneratedLeads.withSignal(2400, 1);
  static final TrainingReport SIGNAL_REPORT =
      LeadModelTrainer.train(GeneratedLeads.FIELDS, SIGNAL, OPTIONS, NOW);

  @Nested
  @DisplayName("on data with a known signal")
  class KnownSignal {
    @Test
    void theGeneratedDataHasEnoughOfEachClass() {
      assertThat(SIGNAL_REPORT.outcomes().won()).isGreaterThanOrEqualTo(400);
      assertThat(SIGNAL_REPORT.outcomes().lost()).isGreaterThanOrEqualTo(400);
    }

    @Test
    void theModelIsTrainedWithAHeldOutAucOfAtLeast08() {
      assertThat(SIGNAL_REPORT.status()).isEqualTo(TrainingStatus.TRAINED);
      assertThat(SIGNAL_REPORT.trained()).isTrue();
      assertThat(SIGNAL_REPORT.heldOutAuc()).isGreaterThanOrEqualTo(0.8);
      assertThat(SIGNAL_REPORT.model()).isNotNull();
      assertThat(SIGNAL_REPORT.reason()).startsWith("held-out AUC 0.");
    }

    @Test
    void theFeaturesThatDriveWinningHaveTheLargestWeightsWithTheRightSigns() {
      Map<String, Double> w = SIGNAL_REPORT.model().weights();
      assertThat(w.get("pre_approved = true")).isPositive();
      assertThat(w.get("timeline = Within 3 months")).isPositive();
      assertThat(w.get("budget (log)")).isPositive();
      assertThat(w.get("intent: showing_request")).isPositive();
      assertThat(w.get("first response (log minutes)")).isNegative();
      Set<String> topFive =
          w.entrySet().stream()
              .sorted(Comparator.comparingDouble(e -> -Math.abs(e.getValue())))
              .limit(5)
              .map(Map.Entry::getKey)
              .collect(Collectors.toSet());
      assertThat(topFive)
          .containsExactlyInAnyOrder(
              "pre_approved = true",
              "timeline = Within 3 months",
              "budget (log)",
              "intent: showing_request",
              "first response (log minutes)");
    }

    @Test
    void aWellSpecifiedModelIsWellCalibratedOnTheHeldOutSplit() {
      assertThat(SIGNAL_REPORT.expectedCalibrationError()).isLessThan(0.1);
      assertThat(SIGNAL_REPORT.calibration()).isNotEmpty();
      assertThat(SIGNAL_REPORT.calibration().stream().mapToInt(CalibrationBin::count).sum())
          .isEqualTo(SIGNAL_REPORT.heldOut().total());
      assertThat(SIGNAL_REPORT.brierScore()).isLessThan(0.2);
    }

    @Test
    void theHeldOutSplitKeepsTheClassRatio() {
      OutcomeCounts all = SIGNAL_REPORT.outcomes();
      assertThat(SIGNAL_REPORT.heldOut().won()).isEqualTo(Math.round(all.won() * 0.25));
      assertThat(SIGNAL_REPORT.heldOut().lost()).isEqualTo(Math.round(all.lost() * 0.25));
      assertThat(SIGNAL_REPORT.training().won() + SIGNAL_REPORT.heldOut().won())
          .isEqualTo(all.won());
      assertThat(SIGNAL_REPORT.training().lost() + SIGNAL_REPORT.heldOut().lost())
          .isEqualTo(all.lost());
    }

    @Test
    void theSameOutcomesAndSeedGiveAnEqualReport() {
      TrainingReport again = LeadModelTrainer.train(GeneratedLeads.FIELDS, SIGNAL, OPTIONS, NOW);
      assertThat(again).isEqualTo(SIGNAL_REPORT);
      assertThat(again.toJson()).isEqualTo(SIGNAL_REPORT.toJson());
    }

    @Test
    void anotherSeedHoldsOutOtherLeads() {
      TrainingReport other =
          LeadModelTrainer.train(GeneratedLeads.FIELDS, SIGNAL, OPTIONS.withSeed(12), NOW);
      assertThat(other.heldOut()).isEqualTo(SIGNAL_REPORT.heldOut());
      assertThat(other.heldOutAuc()).isNotEqualTo(SIGNAL_REPORT.heldOutAuc());
    }
  }

  @Test
  void labelsIndependentOfTheLeadsAreRefusedForLowQualityWithoutAModel() {
    TrainingReport report =
        LeadModelTrainer.train(GeneratedLeads.FIELDS, GeneratedLeads.noise(1200, 2), OPTIONS, NOW);
    assertThat(report.status()).isEqualTo(TrainingStatus.REFUSED_LOW_QUALITY);
    assertThat(report.model()).isNull();
    assertThat(report.heldOutAuc()).isLessThan(0.7);
    assertThat(report.reason()).contains("below the minimum 0.700");
  }

  @Test
  void fewerOutcomesOfOneClassThanTheMinimumAreRefusedNamingTheCounts() {
    TrainingReport report =
        LeadModelTrainer.train(
            GeneratedLeads.FIELDS, GeneratedLeads.counts(49, 200, 3), OPTIONS, NOW);
    assertThat(report.status()).isEqualTo(TrainingStatus.REFUSED_TOO_FEW_OUTCOMES);
    assertThat(report.reason())
        .isEqualTo("needs at least 50 won and 50 lost outcomes; has 49 won and 200 lost");
    assertThat(report.outcomes()).isEqualTo(new OutcomeCounts(49, 200));
    assertThat(report.model()).isNull();
    assertThat(report.heldOutAuc()).isNull();
    assertThat(report.trainedAt()).isEqualTo(NOW);
  }

  @Test
  void exactlyTheMinimumOfEachClassIsEnoughToTry() {
    TrainingReport report =
        LeadModelTrainer.train(
            GeneratedLeads.FIELDS, GeneratedLeads.counts(50, 50, 4), OPTIONS, NOW);
    assertThat(report.status()).isNotEqualTo(TrainingStatus.REFUSED_TOO_FEW_OUTCOMES);
    assertThat(report.heldOut()).isEqualTo(new OutcomeCounts(13, 13));
  }

  @Test
  void aFeatureThatNeverVariesInTrainingGetsWeightZero() {
    List<ClosedLead> noOutbound =
        SIGNAL.stream()
            .map(
                c -> {
                  ModelInput i = c.input();
                  return new ClosedLead(
                      new ModelInput(
                          i.fields(),
                          i.sourceChannel(),
                          i.intents(),
                          i.firstResponseTime(),
                          i.inboundCount(),
                          0),
                      c.won());
                })
            .toList();
    TrainingReport report = LeadModelTrainer.train(GeneratedLeads.FIELDS, noOutbound, OPTIONS, NOW);
    assertThat(report.model().weights().get("outbound messages (log)")).isZero();
  }

  @Test
  void aValueOfTheWrongTypeInTrainingDataIsRefusedNamingTheField() {
    List<ClosedLead> leads = new java.util.ArrayList<>(SIGNAL);
    leads.set(
        5,
        new ClosedLead(
            new ModelInput(Map.of("pre_approved", "yes"), null, Set.of(), null, 1, 0), true));
    assertThatThrownBy(() -> LeadModelTrainer.train(GeneratedLeads.FIELDS, leads, OPTIONS, NOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pre_approved");
  }

  @Test
  void optionsOutsideTheirRangesAreRefused() {
    assertThatThrownBy(() -> new TrainingOptions(1, 1, 0.25, 0.7, 0))
        .hasMessageContaining("minPerClass");
    assertThatThrownBy(() -> new TrainingOptions(50, 0, 0.25, 0.7, 0)).hasMessageContaining("l2");
    assertThatThrownBy(() -> new TrainingOptions(50, 1, 1, 0.7, 0))
        .hasMessageContaining("holdoutFraction");
    assertThatThrownBy(() -> new TrainingOptions(50, 1, 0.25, 1.5, 0))
        .hasMessageContaining("minAuc");
  }

  @Test
  void aReportReadBackFromJsonEqualsTheOneWritten() {
    assertThat(TrainingReport.fromJson(SIGNAL_REPORT.toJson(), SIGNAL_REPORT.model().toJson()))
        .isEqualTo(SIGNAL_REPORT);
    assertThat(SIGNAL_REPORT.toJson())
        .doesNotContainKey("model")
        .containsEntry("status", "trained");
    TrainingReport refused =
        LeadModelTrainer.train(
            GeneratedLeads.FIELDS, GeneratedLeads.counts(49, 200, 3), OPTIONS, NOW);
    assertThat(TrainingReport.fromJson(refused.toJson(), null)).isEqualTo(refused);
    assertThat(refused.toJson()).containsEntry("status", "refused_too_few_outcomes");
  }

  @Test
  void aReportOfAnotherFormatVersionIsRefused() {
    Map<String, Object> json = new java.util.LinkedHashMap<>(SIGNAL_REPORT.toJson());
    json.put("format_version", 7);
    assertThatThrownBy(() -> TrainingReport.fromJson(json, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("format version 7");
  }

  @Test
  void aReportCarriesAModelExactlyWhenItsStatusIsTrained() {
    TrainingReport r = SIGNAL_REPORT;
    assertThatThrownBy(
            () ->
                new TrainingReport(
                    TrainingStatus.REFUSED_LOW_QUALITY,
                    r.reason(),
                    r.outcomes(),
                    r.training(),
                    r.heldOut(),
                    r.heldOutAuc(),
                    r.brierScore(),
                    r.calibration(),
                    r.expectedCalibrationError(),
                    r.options(),
                    r.trainedAt(),
                    r.model()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("model");
  }
}
