package ai.omniflow.scoring.model;

import java.util.Objects;

/**
 * One line of a prediction's explanation.
 *
 * @param feature the feature's name, e.g. {@code budget (log)} or {@code source = instagram}
 * @param value the lead's value of the feature as its name says it (1 or 0 for an indicator, the
 *     logarithm for a {@code (log)} feature)
 * @param contribution what the feature adds to the log-odds of winning: weight × standardized
 *     value, so 0 for a lead at the training average, positive when the value makes a win likelier
 */
public record FeatureContribution(String feature, double value, double contribution) {
  public FeatureContribution {
    Objects.requireNonNull(feature, "feature");
  }
}
