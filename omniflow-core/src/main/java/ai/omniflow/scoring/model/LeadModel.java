package ai.omniflow.scoring.model;

import ai.omniflow.store.spi.JsonValues;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A fitted logistic-regression lead model: the chance a lead is won, explained feature by feature.
 * Made by {@link LeadModelTrainer} (use it only when the report's status is {@link
 * TrainingStatus#TRAINED}) or read back with {@link #fromJson}.
 *
 * <pre>{@code
 * LeadModel model = report.model();
 * Prediction p = model.predict(input);
 * p.probability();     // e.g. 0.73
 * p.contributions();   // e.g. [pre_approved = true 1.0 +0.92, intent: showing_request 1.0 +0.61, …]
 * Map<String, Object> stored = model.toJson();   // JSON-shaped, e.g. for a JSONB column
 * LeadModel same = LeadModel.fromJson(stored);
 * }</pre>
 *
 * <p>The log-odds of winning is {@code intercept + Σ weight × (value − mean) / scale} over the
 * features of its {@link FeatureEncoder}; each term is a feature's contribution, so a lead at the
 * training average of a feature gets 0 from it. Immutable and thread-safe.
 */
public final class LeadModel {
  /** The name written in {@link #toJson()}'s {@code format}. */
  public static final String FORMAT = "omniflow.lead-model";

  /** The version of {@link #toJson()}'s shape; {@link #fromJson} reads only this one. */
  public static final int FORMAT_VERSION = 1;

  private final FeatureEncoder encoder;
  private final double intercept;
  private final double[] weights;
  // the features with a non-zero weight, so predict skips the others
  private final int[] active;

  /**
   * @throws IllegalArgumentException if the weights do not match the features or are not finite
   */
  LeadModel(FeatureEncoder encoder, double intercept, double[] weights) {
    if (weights.length != encoder.size()) {
      throw new IllegalArgumentException(
          weights.length + " weights for " + encoder.size() + " features");
    }
    if (!Double.isFinite(intercept) || Arrays.stream(weights).anyMatch(w -> !Double.isFinite(w))) {
      throw new IllegalArgumentException("weights must be finite");
    }
    this.encoder = encoder;
    this.intercept = intercept;
    this.weights = weights.clone();
    this.active =
        java.util.stream.IntStream.range(0, weights.length).filter(i -> weights[i] != 0).toArray();
  }

  /**
   * The chance {@code input} is won with each feature's contribution to the log-odds.
   *
   * @throws IllegalArgumentException naming the field if a field value has the wrong type
   */
  public Prediction predict(ModelInput input) {
    double[] x = encoder.encode(input);
    double z = intercept;
    List<FeatureContribution> contributions = new ArrayList<>(active.length);
    List<String> names = encoder.featureNames();
    for (int i : active) {
      double c = weights[i] * ((x[i] - encoder.means[i]) / encoder.scales[i]);
      z += c;
      if (c != 0) {
        contributions.add(new FeatureContribution(names.get(i), x[i], c));
      }
    }
    contributions.sort(
        Comparator.comparingDouble((FeatureContribution c) -> Math.abs(c.contribution()))
            .reversed());
    return new Prediction(sigmoid(z), intercept, contributions);
  }

  /**
   * The chance {@code input} is won, without the explanation: {@code predict(input).probability()},
   * for batch rescoring.
   *
   * @throws IllegalArgumentException naming the field if a field value has the wrong type
   */
  public double probability(ModelInput input) {
    return sigmoid(logOdds(encoder.encode(input)));
  }

  double logOdds(double[] x) {
    double z = intercept;
    for (int i : active) {
      z += weights[i] * ((x[i] - encoder.means[i]) / encoder.scales[i]);
    }
    return z;
  }

  /** The log-odds of a lead at the training average of every feature. */
  public double intercept() {
    return intercept;
  }

  /** The feature names in order, as {@link FeatureEncoder#featureNames()}. */
  public List<String> featureNames() {
    return encoder.featureNames();
  }

  /** Each feature's weight per standard deviation, in feature order; 0 for unused features. */
  public Map<String, Double> weights() {
    Map<String, Double> map = new LinkedHashMap<>();
    List<String> names = encoder.featureNames();
    for (int i = 0; i < weights.length; i++) {
      map.put(names.get(i), weights[i]);
    }
    return Collections.unmodifiableMap(map);
  }

  /** The encoder that turns inputs into this model's features. */
  public FeatureEncoder encoder() {
    return encoder;
  }

  /**
   * This model as a JSON-shaped map (strings, numbers, booleans, lists, maps) with {@code format}
   * {@value #FORMAT} and {@code format_version} {@value #FORMAT_VERSION}; {@link #fromJson} reads
   * it back into a model that predicts the same.
   */
  public Map<String, @Nullable Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("format", FORMAT);
    json.put("format_version", FORMAT_VERSION);
    json.put("intercept", intercept);
    List<Object> features = new ArrayList<>();
    List<FeatureEncoder.Feature> fs = encoder.features();
    for (int i = 0; i < fs.size(); i++) {
      FeatureEncoder.Feature f = fs.get(i);
      Map<String, Object> feature = new LinkedHashMap<>();
      feature.put("name", f.name());
      feature.put("kind", f.kind().json());
      if (f.field() != null) {
        feature.put("field", f.field());
      }
      if (f.category() != null) {
        feature.put("category", f.category());
      }
      feature.put("mean", f.mean());
      feature.put("scale", f.scale());
      feature.put("weight", weights[i]);
      features.add(feature);
    }
    json.put("features", features);
    return JsonValues.copyObject(json);
  }

  /**
   * Reads a model written by {@link #toJson()}.
   *
   * @throws IllegalArgumentException if {@code json} is not a lead model of format version {@value
   *     #FORMAT_VERSION}, or is malformed (the message names the part)
   */
  public static LeadModel fromJson(Map<String, ?> json) {
    JsonFields.checkFormat(json, FORMAT, FORMAT_VERSION);
    double intercept = JsonFields.number(json, "intercept");
    List<?> list = JsonFields.list(json, "features");
    List<FeatureEncoder.Feature> features = new ArrayList<>(list.size());
    double[] weights = new double[list.size()];
    for (int i = 0; i < list.size(); i++) {
      Map<String, ?> f = JsonFields.object(list.get(i), "features[" + i + "]");
      try {
        features.add(
            new FeatureEncoder.Feature(
                FeatureEncoder.Kind.fromJson(JsonFields.string(f, "kind")),
                JsonFields.optionalString(f, "field"),
                JsonFields.optionalString(f, "category"),
                JsonFields.number(f, "mean"),
                JsonFields.number(f, "scale")));
        weights[i] = JsonFields.number(f, "weight");
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("features[" + i + "]: " + e.getMessage(), e);
      }
    }
    return new LeadModel(new FeatureEncoder(features), intercept, weights);
  }

  static double sigmoid(double z) {
    if (z >= 0) {
      return 1 / (1 + Math.exp(-z));
    }
    double e = Math.exp(z);
    return e / (1 + e);
  }

  /** Models are equal when their features, standardization and weights are. */
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof LeadModel m
        && Double.compare(intercept, m.intercept) == 0
        && Arrays.equals(weights, m.weights)
        && encoder.features().equals(m.encoder.features());
  }

  @Override
  public int hashCode() {
    return 31 * encoder.features().hashCode() + Arrays.hashCode(weights);
  }

  @Override
  public String toString() {
    return "LeadModel[" + encoder.size() + " features, " + active.length + " used]";
  }
}
