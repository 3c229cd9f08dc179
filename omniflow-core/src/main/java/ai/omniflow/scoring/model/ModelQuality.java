package ai.omniflow.scoring.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How well predicted probabilities match outcomes: discrimination (AUC), accuracy (Brier score) and
 * calibration. {@link LeadModelTrainer} applies these to the held-out split.
 *
 * <pre>{@code
 * double auc = ModelQuality.auc(new double[] {0.9, 0.2, 0.6}, new boolean[] {true, false, false});
 * // 1.0: every won lead is ranked above every lost one
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class ModelQuality {
  private ModelQuality() {}

  /**
   * The area under the ROC curve: the chance that a random won lead scores higher than a random
   * lost one, ties counting half (the Mann–Whitney statistic over average ranks). 1 is perfect, 0.5
   * is chance, 0 is perfectly inverted.
   *
   * @throws IllegalArgumentException if the arrays differ in length, a score is NaN, or there is no
   *     won or no lost lead
   */
  public static double auc(double[] scores, boolean[] won) {
    int n = check(scores, won);
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
    double rankSumWon = 0;
    long nWon = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
        j++;
      }
      double averageRank = (i + j) / 2.0 + 1; // ranks are 1-based
      for (int k = i; k <= j; k++) {
        if (won[order[k]]) {
          rankSumWon += averageRank;
          nWon++;
        }
      }
      i = j + 1;
    }
    long nLost = n - nWon;
    if (nWon == 0 || nLost == 0) {
      throw new IllegalArgumentException("AUC needs at least one won and one lost lead");
    }
    return (rankSumWon - nWon * (nWon + 1) / 2.0) / ((double) nWon * nLost);
  }

  /**
   * The mean squared difference between the predicted probability and the outcome (1 won, 0 lost):
   * 0 is perfect, 0.25 is what always predicting 0.5 scores.
   *
   * @throws IllegalArgumentException if the arrays differ in length, are empty, or a probability is
   *     outside [0, 1]
   */
  public static double brierScore(double[] probabilities, boolean[] won) {
    int n = checkProbabilities(probabilities, won);
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double d = probabilities[i] - (won[i] ? 1 : 0);
      sum += d * d;
    }
    return sum / n;
  }

  /**
   * A calibration table over {@code bins} equal-width probability bins; empty bins are left out.
   *
   * @throws IllegalArgumentException if the arrays differ in length, are empty, a probability is
   *     outside [0, 1], or {@code bins} is not positive
   */
  public static List<CalibrationBin> calibration(double[] probabilities, boolean[] won, int bins) {
    int n = checkProbabilities(probabilities, won);
    if (bins <= 0) {
      throw new IllegalArgumentException("bins must be positive");
    }
    int[] count = new int[bins];
    double[] predicted = new double[bins];
    int[] wins = new int[bins];
    for (int i = 0; i < n; i++) {
      int b = Math.min(bins - 1, (int) (probabilities[i] * bins));
      count[b]++;
      predicted[b] += probabilities[i];
      wins[b] += won[i] ? 1 : 0;
    }
    List<CalibrationBin> table = new ArrayList<>();
    for (int b = 0; b < bins; b++) {
      if (count[b] > 0) {
        table.add(
            new CalibrationBin(
                (double) b / bins,
                (double) (b + 1) / bins,
                count[b],
                Math.min(1, predicted[b] / count[b]),
                (double) wins[b] / count[b]));
      }
    }
    return List.copyOf(table);
  }

  /**
   * The expected calibration error of a table: the count-weighted mean of |mean predicted −
   * observed rate| over its bins; 0 when the table is empty.
   */
  public static double expectedCalibrationError(List<CalibrationBin> table) {
    long total = 0;
    double sum = 0;
    for (CalibrationBin bin : table) {
      total += bin.count();
      sum += bin.count() * Math.abs(bin.meanPredicted() - bin.observedRate());
    }
    return total == 0 ? 0 : sum / total;
  }

  private static int check(double[] scores, boolean[] won) {
    if (scores.length != won.length) {
      throw new IllegalArgumentException(scores.length + " scores but " + won.length + " outcomes");
    }
    for (double s : scores) {
      if (Double.isNaN(s)) {
        throw new IllegalArgumentException("a score is NaN");
      }
    }
    return scores.length;
  }

  private static int checkProbabilities(double[] probabilities, boolean[] won) {
    int n = check(probabilities, won);
    if (n == 0) {
      throw new IllegalArgumentException("no probabilities");
    }
    for (double p : probabilities) {
      if (!(p >= 0 && p <= 1)) {
        throw new IllegalArgumentException("probability " + p + " is not in [0, 1]");
      }
    }
    return n;
  }
}
