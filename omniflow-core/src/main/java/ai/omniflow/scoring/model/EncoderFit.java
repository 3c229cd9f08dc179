package ai.omniflow.scoring.model;

import ai.omniflow.fields.LeadField;
import ai.omniflow.scoring.model.FeatureEncoder.Feature;
import ai.omniflow.scoring.model.FeatureEncoder.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * How {@link FeatureEncoder#fit} fits an encoder: which features the pack's lead fields and the
 * training inputs give, then two passes over the training inputs, the first for the means that
 * stand in for missing log values, the second for every feature's mean and standard deviation.
 */
final class EncoderFit {
  private EncoderFit() {}

  /** See {@link FeatureEncoder#fit}. */
  static FeatureEncoder fit(List<LeadField> fields, Collection<ModelInput> training) {
    List<Feature> features = new ArrayList<>();
    for (LeadField field : fields) {
      String key = field.key();
      switch (field.type()) {
        case NUMBER, MONEY -> {
          features.add(new Feature(Kind.NUMBER_LOG, key, null, 0, 1));
          features.add(new Feature(Kind.NUMBER_MISSING, key, null, 0, 1));
        }
        case BOOLEAN -> {
          features.add(new Feature(Kind.BOOLEAN_TRUE, key, null, 0, 1));
          features.add(new Feature(Kind.BOOLEAN_MISSING, key, null, 0, 1));
        }
        case CHOICE -> {
          for (String option : field.options()) {
            features.add(new Feature(Kind.CHOICE, key, option, 0, 1));
          }
        }
        case TEXT -> features.add(new Feature(Kind.TEXT_GIVEN, key, null, 0, 1));
        case DATE -> features.add(new Feature(Kind.DATE_GIVEN, key, null, 0, 1));
      }
    }
    TreeSet<String> channels = new TreeSet<>();
    TreeSet<String> intentKeys = new TreeSet<>();
    for (ModelInput input : training) {
      if (input.sourceChannel() != null) {
        channels.add(input.sourceChannel());
      }
      intentKeys.addAll(input.intents());
    }
    for (String channel : channels) {
      features.add(new Feature(Kind.SOURCE, null, channel, 0, 1));
    }
    for (String intent : intentKeys) {
      features.add(new Feature(Kind.INTENT, null, intent, 0, 1));
    }
    features.add(new Feature(Kind.RESPONSE_LOG, null, null, 0, 1));
    features.add(new Feature(Kind.RESPONSE_MISSING, null, null, 0, 1));
    features.add(new Feature(Kind.INBOUND_LOG, null, null, 0, 1));
    features.add(new Feature(Kind.OUTBOUND_LOG, null, null, 0, 1));

    // Pass 1: means of the log features over the inputs that have a value, used for missing ones.
    FeatureEncoder raw = new FeatureEncoder(features);
    int n = features.size();
    int[] missingOf = missingIndexes(features);
    double[] presentSum = new double[n];
    int[] presentCount = new int[n];
    double[] x = new double[n];
    for (ModelInput input : training) {
      raw.encodeInto(input, x);
      for (int i = 0; i < n; i++) {
        if (missingOf[i] >= 0 && x[missingOf[i]] == 0) {
          presentSum[i] += x[i];
          presentCount[i]++;
        }
      }
    }
    List<Feature> imputing = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      double fill = presentCount[i] == 0 ? 0 : presentSum[i] / presentCount[i];
      imputing.add(features.get(i).standardizedBy(fill, 1));
    }
    // Pass 2: mean and standard deviation of every feature, missing values filled in.
    FeatureEncoder filled = new FeatureEncoder(imputing);
    double[] sum = new double[n];
    double[] sumSq = new double[n];
    int count = 0;
    for (ModelInput input : training) {
      filled.encodeInto(input, x);
      for (int i = 0; i < n; i++) {
        sum[i] += x[i];
      }
      count++;
    }
    double[] mean = new double[n];
    for (int i = 0; i < n; i++) {
      mean[i] = count == 0 ? 0 : sum[i] / count;
    }
    for (ModelInput input : training) {
      filled.encodeInto(input, x);
      for (int i = 0; i < n; i++) {
        double d = x[i] - mean[i];
        sumSq[i] += d * d;
      }
    }
    List<Feature> standardized = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      double sd = count == 0 ? 0 : Math.sqrt(sumSq[i] / count);
      standardized.add(features.get(i).standardizedBy(mean[i], sd > 1e-12 ? sd : 1));
    }
    return new FeatureEncoder(standardized);
  }

  /**
   * For each log feature (of a number field, or the first response), the index of the feature that
   * says its value is missing; -1 for every other feature.
   */
  private static int[] missingIndexes(List<Feature> features) {
    int[] out = new int[features.size()];
    Arrays.fill(out, -1);
    Map<String, Integer> numberMissing = new HashMap<>();
    int responseMissing = -1;
    for (int i = 0; i < features.size(); i++) {
      Feature f = features.get(i);
      if (f.kind() == Kind.NUMBER_MISSING) {
        numberMissing.put(f.field(), i);
      } else if (f.kind() == Kind.RESPONSE_MISSING) {
        responseMissing = i;
      }
    }
    for (int i = 0; i < features.size(); i++) {
      Feature f = features.get(i);
      if (f.kind() == Kind.NUMBER_LOG) {
        out[i] = numberMissing.getOrDefault(f.field(), -1);
      } else if (f.kind() == Kind.RESPONSE_LOG) {
        out[i] = responseMissing;
      }
    }
    return out;
  }
}
