package ai.omniflow.scoring.model;

/**
 * One row of a calibration table: the held-out leads whose predicted probability fell in [{@code
 * from}, {@code to}) ({@code to} included for the last bin), their mean prediction and the share of
 * them that were won. A well-calibrated model has {@code meanPredicted} close to {@code
 * observedRate} in every bin.
 */
public record CalibrationBin(
    double from, double to, int count, double meanPredicted, double observedRate) {
  /**
   * @throws IllegalArgumentException if the bounds or rates are outside [0, 1] or {@code count} is
   *     not positive
   */
  public CalibrationBin {
    if (!(0 <= from && from < to && to <= 1)) {
      throw new IllegalArgumentException("bin bounds must satisfy 0 <= from < to <= 1");
    }
    if (count <= 0) {
      throw new IllegalArgumentException("count must be positive");
    }
    if (!(meanPredicted >= 0 && meanPredicted <= 1 && observedRate >= 0 && observedRate <= 1)) {
      throw new IllegalArgumentException("rates must be in [0, 1]");
    }
  }
}
