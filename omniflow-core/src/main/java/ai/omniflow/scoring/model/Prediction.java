package ai.omniflow.scoring.model;

import java.util.List;

/**
 * A learned model's prediction for one lead with its explanation: the intercept plus the sum of the
 * contributions is the log-odds of {@code probability}.
 *
 * <pre>{@code
 * Prediction p = model.predict(input);
 * p.probability();        // e.g. 0.73
 * p.contributions();      // e.g. [pre_approved = true +0.9, intent: showing_request +0.6, …]
 * }</pre>
 *
 * @param probability the chance the lead is won, in [0, 1]
 * @param intercept the log-odds of a lead at the training average of every feature
 * @param contributions each feature with a non-zero contribution, largest magnitude first
 */
public record Prediction(
    double probability, double intercept, List<FeatureContribution> contributions) {
  /**
   * @throws IllegalArgumentException if {@code probability} is not in [0, 1] or a number is not
   *     finite
   */
  public Prediction {
    if (!(probability >= 0 && probability <= 1)) {
      throw new IllegalArgumentException("probability must be in [0, 1], was " + probability);
    }
    if (!Double.isFinite(intercept)) {
      throw new IllegalArgumentException("intercept must be finite");
    }
    contributions = List.copyOf(contributions);
  }

  /** The log-odds of winning: the intercept plus the sum of the contributions. */
  public double logOdds() {
    double sum = intercept;
    for (FeatureContribution c : contributions) {
      sum += c.contribution();
    }
    return sum;
  }
}
