package ai.omniflow.leads;

import ai.omniflow.OmniFlowException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One line of a {@link LeadScore}'s explanation: a fired rule or cap with its points, the learned
 * model's intercept, one model feature's contribution, or the blend of rule score and model.
 *
 * <p>This file is the one place explanation lines become JSON-shaped maps ({@link #toJson()},
 * {@link #toJson(List)}) and come back ({@link #fromJson(List)}), for the store's {@code jsonb}
 * column and the REST view alike; each map carries its {@code kind} ({@code rule}, {@code cap},
 * {@code model_intercept}, {@code model_feature}, {@code blend}; docs/scoring.md).
 *
 * <pre>{@code
 * for (ExplanationLine line : score.explanation()) {
 *   if (line instanceof ExplanationLine.RuleLine r) {
 *     System.out.println(r.key() + " +" + r.points());
 *   }
 * }
 * }</pre>
 *
 * <p>Lines are immutable records, validated in their constructors.
 */
public sealed interface ExplanationLine
    permits ExplanationLine.RuleLine,
        ExplanationLine.ModelInterceptLine,
        ExplanationLine.FeatureLine,
        ExplanationLine.BlendLine {

  /** The longest rule key, group key or feature name a line holds. */
  int MAX_NAME = 200;

  /** The most lines one explanation holds. */
  int MAX_LINES = 2_000;

  /** This line as a JSON-shaped map, {@code kind} first; the shape docs/scoring.md gives. */
  Map<String, @Nullable Object> toJson();

  /**
   * A rule that fired, or a cap that brought a group down ({@code key} starting with {@code cap:}),
   * with the points it added (negative for a cap).
   *
   * <p>Throws {@link IllegalArgumentException} if {@code key} or {@code group} is blank or longer
   * than {@value #MAX_NAME} characters
   */
  record RuleLine(String key, String group, int points) implements ExplanationLine {
    public RuleLine {
      name(key, "key");
      name(group, "group");
    }

    /** Whether this is a cap's line rather than a rule's. */
    public boolean isCap() {
      return key.startsWith("cap:");
    }

    @Override
    public Map<String, @Nullable Object> toJson() {
      Map<String, @Nullable Object> m = new LinkedHashMap<>();
      m.put("kind", isCap() ? "cap" : "rule");
      m.put("key", key);
      m.put("group", group);
      m.put("points", points);
      return m;
    }
  }

  /**
   * The learned model's intercept, in log-odds.
   *
   * <p>Throws {@link IllegalArgumentException} if {@code contribution} is not finite
   */
  record ModelInterceptLine(double contribution) implements ExplanationLine {
    public ModelInterceptLine {
      finite(contribution, "contribution");
    }

    @Override
    public Map<String, @Nullable Object> toJson() {
      Map<String, @Nullable Object> m = new LinkedHashMap<>();
      m.put("kind", "model_intercept");
      m.put("contribution", contribution);
      return m;
    }
  }

  /**
   * One model feature: its encoded value and its contribution in log-odds.
   *
   * <p>Throws {@link IllegalArgumentException} if {@code feature} is blank or longer than {@value
   * #MAX_NAME} characters, or a number is not finite
   */
  record FeatureLine(String feature, double value, double contribution) implements ExplanationLine {
    public FeatureLine {
      name(feature, "feature");
      finite(value, "value");
      finite(contribution, "contribution");
    }

    @Override
    public Map<String, @Nullable Object> toJson() {
      Map<String, @Nullable Object> m = new LinkedHashMap<>();
      m.put("kind", "model_feature");
      m.put("feature", feature);
      m.put("value", value);
      m.put("contribution", contribution);
      return m;
    }
  }

  /**
   * The arithmetic of a blended score: {@code score = round(rulesWeight * rulesScore + modelWeight
   * * 100 * modelProbability)}.
   *
   * <p>Throws {@link IllegalArgumentException} if a weight or the probability is outside [0, 1], or
   * {@code modelVersion} is below 1
   */
  record BlendLine(
      int rulesScore,
      double rulesWeight,
      double modelProbability,
      double modelWeight,
      int modelVersion,
      int score)
      implements ExplanationLine {
    public BlendLine {
      unit(rulesWeight, "rulesWeight");
      unit(modelProbability, "modelProbability");
      unit(modelWeight, "modelWeight");
      if (modelVersion < 1) {
        throw new IllegalArgumentException("modelVersion must be at least 1");
      }
    }

    @Override
    public Map<String, @Nullable Object> toJson() {
      Map<String, @Nullable Object> m = new LinkedHashMap<>();
      m.put("kind", "blend");
      m.put("rules_score", rulesScore);
      m.put("rules_weight", rulesWeight);
      m.put("model_probability", modelProbability);
      m.put("model_weight", modelWeight);
      m.put("model_version", modelVersion);
      m.put("score", score);
      return m;
    }
  }

  /** Each line as {@link #toJson()} gives it, in order. */
  static List<Map<String, @Nullable Object>> toJson(List<ExplanationLine> lines) {
    List<Map<String, @Nullable Object>> out = new ArrayList<>(lines.size());
    for (ExplanationLine l : lines) {
      out.add(l.toJson());
    }
    return out;
  }

  /**
   * The lines {@link #toJson(List)} wrote, read back.
   *
   * @throws OmniFlowException {@code invalid_explanation} (invalid input) if there are more than
   *     {@value #MAX_LINES} lines, or a line has an unknown kind, a missing or mistyped field, or a
   *     value its record refuses; the message names the line and field, never their content
   */
  static List<ExplanationLine> fromJson(List<? extends Map<String, ?>> json) {
    if (json.size() > MAX_LINES) {
      throw invalid("more than " + MAX_LINES + " lines");
    }
    List<ExplanationLine> out = new ArrayList<>(json.size());
    for (int i = 0; i < json.size(); i++) {
      Map<String, ?> m = json.get(i);
      String at = "line " + i;
      Object kind = m.get("kind");
      try {
        out.add(
            switch (kind instanceof String k ? k : "") {
              case "rule", "cap" ->
                  new RuleLine(text(m, "key", at), text(m, "group", at), integer(m, "points", at));
              case "model_intercept" -> new ModelInterceptLine(number(m, "contribution", at));
              case "model_feature" ->
                  new FeatureLine(
                      text(m, "feature", at),
                      number(m, "value", at),
                      number(m, "contribution", at));
              case "blend" ->
                  new BlendLine(
                      integer(m, "rules_score", at),
                      number(m, "rules_weight", at),
                      number(m, "model_probability", at),
                      number(m, "model_weight", at),
                      integer(m, "model_version", at),
                      integer(m, "score", at));
              default -> throw invalid(at + " has no known kind");
            });
      } catch (IllegalArgumentException e) {
        throw invalid(at + ": " + e.getMessage());
      }
    }
    return List.copyOf(out);
  }

  private static String text(Map<String, ?> m, String field, String at) {
    if (m.get(field) instanceof String s) {
      return s;
    }
    throw invalid(at + " needs text " + field);
  }

  private static double number(Map<String, ?> m, String field, String at) {
    if (m.get(field) instanceof Number n) {
      return n.doubleValue();
    }
    throw invalid(at + " needs number " + field);
  }

  private static int integer(Map<String, ?> m, String field, String at) {
    if (m.get(field) instanceof Number n) {
      double d = n.doubleValue();
      if (d == Math.rint(d) && d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE) {
        return (int) d;
      }
    }
    throw invalid(at + " needs integer " + field);
  }

  private static OmniFlowException invalid(String what) {
    return OmniFlowException.invalidInput(
        LeadErrors.INVALID_EXPLANATION, "The score explanation is malformed: " + what + ".");
  }

  private static void name(String value, String field) {
    Objects.requireNonNull(value, field);
    if (value.isBlank() || value.length() > MAX_NAME) {
      throw new IllegalArgumentException(
          field + " must be 1 to " + MAX_NAME + " characters, not blank");
    }
  }

  private static void finite(double value, String field) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(field + " must be finite");
    }
  }

  private static void unit(double value, String field) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(field + " must be between 0 and 1");
    }
  }
}
