package ai.omniflow.verticals.internal;

import static ai.omniflow.verticals.internal.PackValues.describe;
import static ai.omniflow.verticals.internal.PackValues.orderedSet;

import ai.omniflow.fields.Condition;
import ai.omniflow.fields.LeadField;
import ai.omniflow.scoring.RuleSet;
import ai.omniflow.scoring.ScoringGroup;
import ai.omniflow.scoring.ScoringRule;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads a pack file's {@code scoring} section: group caps, the engagement half-life, the model's
 * weight and the rules. Not thread-safe; one per file.
 */
final class ScoringReader {
  static final Set<String> SCORING_KEYS =
      orderedSet("groups", "engagement_half_life", "model_weight", "rules");
  static final Set<String> GROUP_KEYS = orderedSet("cap");
  static final Set<String> RULE_KEYS = orderedSet("key", "group", "points", "when");

  private final Problems problems;
  private final PackValues values;
  private final ConditionReader conditions;

  ScoringReader(PackValues values, ConditionReader conditions) {
    this.problems = values.problems();
    this.values = values;
    this.conditions = conditions;
  }

  /** The scoring section; reports problems and returns null when there are any. */
  @Nullable RuleSet read(JsonNode node, @Nullable List<LeadField> fields) {
    ObjectNode scoring = values.mapping(node, "/scoring");
    if (scoring == null) {
      return null;
    }
    int before = problems.count();
    values.knownKeys(scoring, "/scoring", SCORING_KEYS);
    Map<ScoringGroup, Integer> caps = caps(scoring);
    Duration halfLife = null;
    String halfLifeText = values.text(scoring, "/scoring", "engagement_half_life", true);
    if (halfLifeText != null) {
      try {
        halfLife = Duration.parse(halfLifeText);
        if (halfLife.isZero() || halfLife.isNegative()) {
          problems.add("/scoring/engagement_half_life", "must be positive, e.g. P7D");
        }
      } catch (DateTimeParseException e) {
        problems.add(
            "/scoring/engagement_half_life",
            "'" + halfLifeText + "' is not an ISO-8601 duration; write e.g. P7D or PT36H");
      }
    }
    List<ScoringRule> rules = new ArrayList<>();
    List<@Nullable ObjectNode> items = values.list(scoring, "/scoring", "rules", true);
    if (items != null) {
      Map<String, String> keys = new HashMap<>();
      for (int i = 0; i < items.size(); i++) {
        String path = Problems.child("/scoring/rules", i);
        ObjectNode item = items.get(i);
        if (item == null) {
          continue;
        }
        ScoringRule rule = rule(item, path, keys, fields);
        if (rule != null) {
          rules.add(rule);
        }
      }
    }
    double modelWeight = RuleSet.DEFAULT_MODEL_WEIGHT;
    JsonNode weight = scoring.get("model_weight");
    if (weight != null) {
      if (!weight.isNumber() || weight.doubleValue() < 0 || weight.doubleValue() > 1) {
        problems.add(
            "/scoring/model_weight", "must be a number from 0 to 1, but is " + describe(weight));
      } else {
        modelWeight = weight.doubleValue();
      }
    }
    if (problems.count() != before || halfLife == null) {
      return null;
    }
    return new RuleSet(caps, halfLife, rules, modelWeight);
  }

  /** The optional {@code groups}: each group's cap; the caps that are right, the rest noted. */
  private Map<ScoringGroup, Integer> caps(ObjectNode scoring) {
    Map<ScoringGroup, Integer> caps = new EnumMap<>(ScoringGroup.class);
    JsonNode groupsNode = scoring.get("groups");
    if (groupsNode != null) {
      ObjectNode groups = values.mapping(groupsNode, "/scoring/groups");
      if (groups != null) {
        for (Map.Entry<String, JsonNode> e : groups.properties()) {
          String path = Problems.child("/scoring/groups", e.getKey());
          ScoringGroup group = ScoringGroup.of(e.getKey());
          if (group == null) {
            problems.add(path, "unknown group '" + e.getKey() + "'; use fit, engagement or intent");
            continue;
          }
          ObjectNode g = values.mapping(e.getValue(), path);
          if (g == null) {
            continue;
          }
          values.knownKeys(g, path, GROUP_KEYS);
          JsonNode cap = g.get("cap");
          if (cap == null) {
            problems.add(Problems.child(path, "cap"), "is required");
          } else if (!cap.isIntegralNumber() || !cap.canConvertToInt() || cap.intValue() < 0) {
            problems.add(
                Problems.child(path, "cap"),
                "must be a whole number of 0 or more, but is " + describe(cap));
          } else {
            caps.put(group, cap.intValue());
          }
        }
      }
    }
    return caps;
  }

  /** One rule of {@code rules}; null with the problems noted if it is wrong. */
  private @Nullable ScoringRule rule(
      ObjectNode item, String path, Map<String, String> keys, @Nullable List<LeadField> fields) {
    int ruleBefore = problems.count();
    values.knownKeys(item, path, RULE_KEYS);
    String key = values.key(item, path, keys);
    String groupName = values.text(item, path, "group", true);
    ScoringGroup group = null;
    if (groupName != null) {
      group = ScoringGroup.of(groupName);
      if (group == null) {
        problems.add(
            Problems.child(path, "group"),
            "unknown group '" + groupName + "'; use fit, engagement or intent");
      }
    }
    JsonNode pointsNode = item.get("points");
    Integer points = null;
    if (pointsNode == null) {
      problems.add(Problems.child(path, "points"), "is required");
    } else if (!pointsNode.isIntegralNumber() || !pointsNode.canConvertToInt()) {
      problems.add(
          Problems.child(path, "points"), "must be a whole number, but is " + describe(pointsNode));
    } else {
      points = pointsNode.intValue();
      if (group == ScoringGroup.ENGAGEMENT && points < 0) {
        problems.add(
            Problems.child(path, "points"),
            "an engagement rule must not be negative: its points decay with age");
      }
    }
    Condition when = conditions.when(item, path, fields);
    return problems.count() == ruleBefore
            && key != null
            && group != null
            && points != null
            && when != null
        ? new ScoringRule(key, group, points, when)
        : null;
  }
}
