package ai.omniflow.scoring.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.omniflow.testing.PropertyCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelQualityTest {
  static final boolean[] Y = {true, false, true, false};

  @Test
  void aucIsOneWhenEveryWonLeadScoresAboveEveryLostOne() {
    assertThat(ModelQuality.auc(new double[] {0.9, 0.1, 0.8, 0.2}, Y)).isEqualTo(1.0);
  }

  @Test
  void aucIsZeroWhenTheRankingIsInverted() {
    assertThat(ModelQuality.auc(new double[] {0.1, 0.9, 0.2, 0.8}, Y)).isEqualTo(0.0);
  }

  @Test
  void aucIsOneHalfWhenAllScoresAreEqual() {
    assertThat(ModelQuality.auc(new double[] {0.3, 0.3, 0.3, 0.3}, Y)).isEqualTo(0.5);
  }

  @Test
  void tiesBetweenAWonAndALostLeadCountHalf() {
    // pairs (won, lost): (0.8,0.8) half, (0.8,0.1) 1, (0.5,0.8) 0, (0.5,0.1) 1 → 2.5 / 4
    assertThat(ModelQuality.auc(new double[] {0.8, 0.8, 0.5, 0.1}, Y)).isEqualTo(0.625);
  }

  @Test
  void aucEqualsTheShareOfWonLostPairsRankedRightCountedByBruteForce() {
    PropertyCheck.forAll(
        300,
        r -> {
          int n = 2 + r.nextInt(30);
          double[] s = new double[n];
          boolean[] y = new boolean[n];
          for (int i = 0; i < n; i++) {
            s[i] = r.nextInt(5); // many ties
            y[i] = i == 0 || (i != 1 && r.nextBoolean());
          }
          return new Object[] {s, y};
        },
        in -> {
          double[] s = (double[]) in[0];
          boolean[] y = (boolean[]) in[1];
          double pairs = 0;
          double right = 0;
          for (int i = 0; i < s.length; i++) {
            for (int j = 0; j < s.length; j++) {
              if (y[i] && !y[j]) {
                pairs++;
                right += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
              }
            }
          }
          assertThat(ModelQuality.auc(s, y)).isCloseTo(right / pairs, within(1e-12));
        });
  }

  @Test
  void aucNeedsBothClasses() {
    assertThatThrownBy(() -> ModelQuality.auc(new double[] {0.1, 0.2}, new boolean[] {true, true}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("one won and one lost");
  }

  @Test
  void theBrierScoreIsTheMeanSquaredError() {
    assertThat(ModelQuality.brierScore(new double[] {1, 0, 0.5, 0.5}, Y)).isEqualTo(0.125);
  }

  @Test
  void calibrationGroupsPredictionsIntoBinsAndLeavesEmptyBinsOut() {
    double[] p = {0.05, 0.08, 0.55, 0.95, 1.0};
    boolean[] y = {false, true, true, true, true};
    List<CalibrationBin> table = ModelQuality.calibration(p, y, 10);
    assertThat(table)
        .extracting(CalibrationBin::from, CalibrationBin::count)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(0.0, 2),
            org.assertj.core.groups.Tuple.tuple(0.5, 1),
            org.assertj.core.groups.Tuple.tuple(0.9, 2));
    assertThat(table.get(0).meanPredicted()).isCloseTo(0.065, within(1e-12));
    assertThat(table.get(0).observedRate()).isEqualTo(0.5);
    // (2·|0.065−0.5| + 1·|0.55−1| + 2·|0.975−1|) / 5
    assertThat(ModelQuality.expectedCalibrationError(table))
        .isCloseTo((2 * 0.435 + 0.45 + 2 * 0.025) / 5, within(1e-12));
  }

  @Test
  void probabilitiesOutsideZeroToOneAreRefused() {
    assertThatThrownBy(() -> ModelQuality.brierScore(new double[] {1.2}, new boolean[] {true}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
