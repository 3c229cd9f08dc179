package ai.omniflow.scoring.model;

import ai.omniflow.fields.LeadField;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns a {@link ModelInput} into the numbers a {@link LeadModel} weighs. Fitted on training
 * inputs: the pack's lead fields give most features, the source channels and intents seen in
 * training give the rest, and each feature's mean and standard deviation (from training only)
 * standardize it.
 *
 * <table>
 *   <caption>Features</caption>
 *   <tr><th>from</th><th>features, by name</th></tr>
 *   <tr><td>number or money field {@code budget}</td>
 *       <td>{@code budget (log)}: ln(1 + max(0, x)), the training mean when missing;
 *           {@code budget missing}: 1 or 0</td></tr>
 *   <tr><td>boolean field {@code pre_approved}</td>
 *       <td>{@code pre_approved = true}, {@code pre_approved missing}</td></tr>
 *   <tr><td>choice field {@code timeline}</td>
 *       <td>{@code timeline = <option>} per option (all 0 when missing or not an option)</td></tr>
 *   <tr><td>text or date field {@code notes}</td><td>{@code notes given}</td></tr>
 *   <tr><td>source channel seen in training</td><td>{@code source channel = instagram}</td></tr>
 *   <tr><td>intent key seen in training</td><td>{@code intent: showing_request}</td></tr>
 *   <tr><td>first response time</td>
 *       <td>{@code first response (log minutes)} (the training mean when there was no reply),
 *           {@code first response missing}</td></tr>
 *   <tr><td>message counts</td>
 *       <td>{@code inbound messages (log)}, {@code outbound messages (log)}</td></tr>
 * </table>
 *
 * <pre>{@code
 * FeatureEncoder encoder = FeatureEncoder.fit(pack.leadFields(), trainingInputs);
 * encoder.featureNames();          // [budget (log), budget missing, …]
 * double[] values = encoder.encode(input);
 * }</pre>
 *
 * <p>Field keys in an input that are not lead fields here are ignored. Immutable and thread-safe.
 */
public final class FeatureEncoder {

  /** What a feature is computed from; its lower-case name is its JSON form. */
  enum Kind {
    NUMBER_LOG,
    NUMBER_MISSING,
    BOOLEAN_TRUE,
    BOOLEAN_MISSING,
    CHOICE,
    TEXT_GIVEN,
    DATE_GIVEN,
    SOURCE,
    INTENT,
    RESPONSE_LOG,
    RESPONSE_MISSING,
    INBOUND_LOG,
    OUTBOUND_LOG;

    String json() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Kind fromJson(String s) {
      for (Kind k : values()) {
        if (k.json().equals(s)) {
          return k;
        }
      }
      throw new IllegalArgumentException("unknown feature kind '" + s + "'");
    }

    boolean needsField() {
      return ordinal() <= DATE_GIVEN.ordinal();
    }

    boolean needsCategory() {
      return this == CHOICE || this == SOURCE || this == INTENT;
    }
  }

  /**
   * One feature: its kind, the lead field it reads (for field kinds), its category (choice option,
   * channel or intent key) and the mean and scale that standardize it.
   */
  record Feature(
      Kind kind, @Nullable String field, @Nullable String category, double mean, double scale) {
    Feature {
      Objects.requireNonNull(kind, "kind");
      if (kind.needsField() != (field != null)) {
        throw new IllegalArgumentException(
            "feature kind " + kind.json() + (field == null ? " needs a field" : " takes no field"));
      }
      if (kind.needsCategory() != (category != null)) {
        throw new IllegalArgumentException(
            "feature kind "
                + kind.json()
                + (category == null ? " needs a category" : " takes no category"));
      }
      if (!Double.isFinite(mean) || !(scale > 0) || !Double.isFinite(scale)) {
        throw new IllegalArgumentException(
            "feature " + kind.json() + " needs a finite mean and a positive scale");
      }
    }

    String name() {
      return switch (kind) {
        case NUMBER_LOG -> field + " (log)";
        case NUMBER_MISSING, BOOLEAN_MISSING -> field + " missing";
        case BOOLEAN_TRUE -> field + " = true";
        case CHOICE -> field + " = " + category;
        case TEXT_GIVEN, DATE_GIVEN -> field + " given";
        case SOURCE -> "source channel = " + category;
        case INTENT -> "intent: " + category;
        case RESPONSE_LOG -> "first response (log minutes)";
        case RESPONSE_MISSING -> "first response missing";
        case INBOUND_LOG -> "inbound messages (log)";
        case OUTBOUND_LOG -> "outbound messages (log)";
      };
    }

    Feature standardizedBy(double newMean, double newScale) {
      return new Feature(kind, field, category, newMean, newScale);
    }
  }

  /** The features of one lead field, by index into the feature vector (-1 if absent). */
  private static final class FieldSlot {
    final String key;
    @Nullable Kind type; // NUMBER_LOG, BOOLEAN_TRUE, CHOICE, TEXT_GIVEN or DATE_GIVEN
    int log = -1;
    int missing = -1;
    int bool = -1;
    int given = -1;
    final Map<String, Integer> options = new HashMap<>();

    FieldSlot(String key) {
      this.key = key;
    }

    void type(Kind kind) {
      if (type != null && type != kind) {
        throw new IllegalArgumentException(
            "field '" + key + "' has features of two types: " + type.json() + ", " + kind.json());
      }
      type = kind;
    }
  }

  private final List<Feature> features;
  private final List<String> names;
  private final FieldSlot[] slots;
  private final Map<String, Integer> sources = new HashMap<>();
  private final Map<String, Integer> intents = new HashMap<>();
  private final int responseLog;
  private final int responseMissing;
  private final int inboundLog;
  private final int outboundLog;
  final double[] means;
  final double[] scales;

  /**
   * @throws IllegalArgumentException if two features have the same name or a field's features
   *     disagree on its type
   */
  FeatureEncoder(List<Feature> features) {
    this.features = List.copyOf(features);
    int n = this.features.size();
    this.means = new double[n];
    this.scales = new double[n];
    List<String> nameList = new ArrayList<>(n);
    Set<String> seen = new HashSet<>();
    Map<String, FieldSlot> byKey = new LinkedHashMap<>();
    int response = -1;
    int responseNone = -1;
    int inbound = -1;
    int outbound = -1;
    for (int i = 0; i < n; i++) {
      Feature f = this.features.get(i);
      String name = f.name();
      if (!seen.add(name)) {
        throw new IllegalArgumentException("feature '" + name + "' appears twice");
      }
      nameList.add(name);
      means[i] = f.mean();
      scales[i] = f.scale();
      if (f.kind().needsField()) {
        FieldSlot slot = byKey.computeIfAbsent(f.field(), FieldSlot::new);
        switch (f.kind()) {
          case NUMBER_LOG -> {
            slot.type(Kind.NUMBER_LOG);
            slot.log = i;
          }
          case NUMBER_MISSING -> {
            slot.type(Kind.NUMBER_LOG);
            slot.missing = i;
          }
          case BOOLEAN_TRUE -> {
            slot.type(Kind.BOOLEAN_TRUE);
            slot.bool = i;
          }
          case BOOLEAN_MISSING -> {
            slot.type(Kind.BOOLEAN_TRUE);
            slot.missing = i;
          }
          case CHOICE -> {
            slot.type(Kind.CHOICE);
            slot.options.put(f.category(), i);
          }
          case TEXT_GIVEN, DATE_GIVEN -> {
            slot.type(f.kind());
            slot.given = i;
          }
          default -> throw new AssertionError(f.kind());
        }
      } else {
        switch (f.kind()) {
          case SOURCE -> sources.put(f.category(), i);
          case INTENT -> intents.put(f.category(), i);
          case RESPONSE_LOG -> response = i;
          case RESPONSE_MISSING -> responseNone = i;
          case INBOUND_LOG -> inbound = i;
          case OUTBOUND_LOG -> outbound = i;
          default -> throw new AssertionError(f.kind());
        }
      }
    }
    this.responseLog = response;
    this.responseMissing = responseNone;
    this.inboundLog = inbound;
    this.outboundLog = outbound;
    this.names = List.copyOf(nameList);
    this.slots = byKey.values().toArray(FieldSlot[]::new);
  }

  /**
   * Fits an encoder: features from the pack's lead fields and from the source channels and intents
   * in {@code training}, standardized by their means and standard deviations over {@code training}.
   * A feature that is constant in training gets scale 1; its standardized value is then always 0 in
   * training, so the trainer gives it weight 0.
   *
   * @param fields the pack's lead fields
   * @param training the inputs of the training split (never the held-out split)
   * @throws IllegalArgumentException if an input has a value of the wrong type for its field
   */
  public static FeatureEncoder fit(List<LeadField> fields, Collection<ModelInput> training) {
    return EncoderFit.fit(fields, training);
  }

  /** The features' names, in the order of {@link #encode}'s values. */
  public List<String> featureNames() {
    return names;
  }

  /** The number of features. */
  public int size() {
    return features.size();
  }

  /**
   * The input's feature values before standardization, in the order of {@link #featureNames()}.
   *
   * @throws IllegalArgumentException naming the field if a field value has the wrong type or is not
   *     a finite number
   */
  public double[] encode(ModelInput input) {
    double[] x = new double[features.size()];
    encodeInto(input, x);
    return x;
  }

  /** The input's standardized feature values: (value − mean) / scale. */
  double[] standardized(ModelInput input) {
    double[] x = encode(input);
    for (int i = 0; i < x.length; i++) {
      x[i] = (x[i] - means[i]) / scales[i];
    }
    return x;
  }

  List<Feature> features() {
    return features;
  }

  void encodeInto(ModelInput input, double[] x) {
    java.util.Arrays.fill(x, 0);
    Map<String, @Nullable Object> fields = input.fields();
    for (FieldSlot slot : slots) {
      Object value = fields.get(slot.key);
      Kind type = Objects.requireNonNull(slot.type);
      switch (type) {
        case NUMBER_LOG -> {
          if (value == null) {
            set(x, slot.missing, 1);
            if (slot.log >= 0) {
              x[slot.log] = means[slot.log];
            }
          } else if (value instanceof Number number) {
            double d = number.doubleValue();
            if (!Double.isFinite(d)) {
              throw wrong(slot.key, "a finite number", value);
            }
            set(x, slot.log, Math.log1p(Math.max(0, d)));
          } else {
            throw wrong(slot.key, "a number", value);
          }
        }
        case BOOLEAN_TRUE -> {
          if (value == null) {
            set(x, slot.missing, 1);
          } else if (value instanceof Boolean b) {
            set(x, slot.bool, b ? 1 : 0);
          } else {
            throw wrong(slot.key, "a boolean", value);
          }
        }
        case CHOICE -> {
          if (value != null) {
            if (!(value instanceof String s)) {
              throw wrong(slot.key, "text (one of its options)", value);
            }
            Integer i = slot.options.get(s);
            if (i != null) {
              x[i] = 1;
            }
          }
        }
        case TEXT_GIVEN -> {
          if (value != null) {
            if (!(value instanceof String s)) {
              throw wrong(slot.key, "text", value);
            }
            set(x, slot.given, s.isBlank() ? 0 : 1);
          }
        }
        case DATE_GIVEN -> {
          if (value != null) {
            if (value instanceof String s) {
              try {
                LocalDate.parse(s);
              } catch (DateTimeParseException e) {
                throw wrong(slot.key, "an ISO date", value);
              }
            } else if (!(value instanceof LocalDate)) {
              throw wrong(slot.key, "a date", value);
            }
            set(x, slot.given, 1);
          }
        }
        default -> throw new AssertionError(type);
      }
    }
    String channel = input.sourceChannel();
    if (channel != null) {
      Integer i = sources.get(channel);
      if (i != null) {
        x[i] = 1;
      }
    }
    if (!intents.isEmpty()) {
      for (String intent : input.intents()) {
        Integer i = intents.get(intent);
        if (i != null) {
          x[i] = 1;
        }
      }
    }
    Duration response = input.firstResponseTime();
    if (response == null) {
      set(x, responseMissing, 1);
      if (responseLog >= 0) {
        x[responseLog] = means[responseLog];
      }
    } else {
      set(x, responseLog, Math.log1p(response.getSeconds() / 60.0));
    }
    set(x, inboundLog, Math.log1p(input.inboundCount()));
    set(x, outboundLog, Math.log1p(input.outboundCount()));
  }

  private static void set(double[] x, int i, double value) {
    if (i >= 0) {
      x[i] = value;
    }
  }

  private static IllegalArgumentException wrong(String field, String what, Object value) {
    return new IllegalArgumentException(
        "field '"
            + field
            + "' takes "
            + what
            + ", not "
            + value
            + " ("
            + value.getClass().getSimpleName()
            + ")");
  }
}
