package ai.omniflow.scoring.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How {@link LeadModelTrainer} trains and judges a model.
 *
 * <pre>{@code
 * TrainingOptions options = TrainingOptions.defaults().withSeed(42);
 * }</pre>
 *
 * @param minPerClass the fewest won and the fewest lost outcomes to train on (default 50); below it
 *     the model is refused
 * @param l2 the strength of the L2 (ridge) penalty on the standardized weights (default 1.0); the
 *     intercept is not penalized
 * @param holdoutFraction the share of each class held out to judge the model (default 0.25)
 * @param minAuc the lowest held-out AUC at which the model is used (default 0.7)
 * @param seed seeds the held-out split: the same outcomes, options and seed give the same report
 */
public record TrainingOptions(
    int minPerClass, double l2, double holdoutFraction, double minAuc, long seed) {

  /**
   * @throws IllegalArgumentException if {@code minPerClass < 2}, {@code l2} is not positive and
   *     finite, {@code holdoutFraction} is not strictly between 0 and 1, or {@code minAuc} is not
   *     in [0, 1]
   */
  public TrainingOptions {
    if (minPerClass < 2) {
      throw new IllegalArgumentException("minPerClass must be at least 2, was " + minPerClass);
    }
    if (!(l2 > 0) || !Double.isFinite(l2)) {
      throw new IllegalArgumentException("l2 must be positive and finite, was " + l2);
    }
    if (!(holdoutFraction > 0 && holdoutFraction < 1)) {
      throw new IllegalArgumentException(
          "holdoutFraction must be between 0 and 1, was " + holdoutFraction);
    }
    if (!(minAuc >= 0 && minAuc <= 1)) {
      throw new IllegalArgumentException("minAuc must be in [0, 1], was " + minAuc);
    }
  }

  /** At least 50 per class, l2 1.0, a quarter held out, AUC at least 0.7, seed 0. */
  public static TrainingOptions defaults() {
    return new TrainingOptions(50, 1.0, 0.25, 0.7, 0L);
  }

  /** These options with another seed. */
  public TrainingOptions withSeed(long newSeed) {
    return new TrainingOptions(minPerClass, l2, holdoutFraction, minAuc, newSeed);
  }

  /** These options with another minimum per class. */
  public TrainingOptions withMinPerClass(int newMinPerClass) {
    return new TrainingOptions(newMinPerClass, l2, holdoutFraction, minAuc, seed);
  }

  /** These options with another minimum AUC. */
  public TrainingOptions withMinAuc(double newMinAuc) {
    return new TrainingOptions(minPerClass, l2, holdoutFraction, newMinAuc, seed);
  }

  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("min_per_class", minPerClass);
    json.put("l2", l2);
    json.put("holdout_fraction", holdoutFraction);
    json.put("min_auc", minAuc);
    json.put("seed", seed);
    return json;
  }

  static TrainingOptions fromJson(Map<String, ?> json) {
    return new TrainingOptions(
        JsonFields.integer(json, "min_per_class"),
        JsonFields.number(json, "l2"),
        JsonFields.number(json, "holdout_fraction"),
        JsonFields.number(json, "min_auc"),
        JsonFields.longInteger(json, "seed"));
  }
}
