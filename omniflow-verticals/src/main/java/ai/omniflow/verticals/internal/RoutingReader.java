package ai.omniflow.verticals.internal;

import static ai.omniflow.verticals.internal.PackValues.describe;
import static ai.omniflow.verticals.internal.PackValues.orderedSet;

import ai.omniflow.fields.Condition;
import ai.omniflow.fields.LeadField;
import ai.omniflow.routing.LastResort;
import ai.omniflow.routing.RoutingConfig;
import ai.omniflow.routing.RoutingRule;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a pack file's {@code routing} section: stickiness, the default group, the last resort and
 * the rules. Not thread-safe; one per file.
 */
final class RoutingReader {
  static final Set<String> ROUTING_KEYS =
      orderedSet("sticky", "default_group", "last_resort", "rules");
  static final Set<String> ROUTING_RULE_KEYS = orderedSet("key", "when", "group");
  static final Pattern GROUP_KEY = Pattern.compile("[a-z][a-z0-9_-]{0,62}");

  private final Problems problems;
  private final PackValues values;
  private final ConditionReader conditions;

  RoutingReader(PackValues values, ConditionReader conditions) {
    this.problems = values.problems();
    this.values = values;
    this.conditions = conditions;
  }

  /** The routing section; reports problems and returns null when there are any. */
  @Nullable RoutingConfig read(JsonNode node, @Nullable List<LeadField> fields) {
    ObjectNode routing = values.mapping(node, "/routing");
    if (routing == null) {
      return null;
    }
    int before = problems.count();
    values.knownKeys(routing, "/routing", ROUTING_KEYS);
    boolean sticky = true;
    JsonNode stickyNode = routing.get("sticky");
    if (stickyNode != null) {
      if (stickyNode.isBoolean()) {
        sticky = stickyNode.booleanValue();
      } else {
        problems.add("/routing/sticky", "must be true or false, but is " + describe(stickyNode));
      }
    }
    String defaultGroup = values.text(routing, "/routing", "default_group", false);
    if (defaultGroup != null && !GROUP_KEY.matcher(defaultGroup).matches()) {
      problems.add("/routing/default_group", notAGroupKey(defaultGroup));
    }
    LastResort lastResort = LastResort.POND;
    String lastResortName = values.text(routing, "/routing", "last_resort", false);
    if (lastResortName != null) {
      LastResort l = LastResort.of(lastResortName);
      if (l == null) {
        problems.add(
            "/routing/last_resort",
            "unknown last resort '" + lastResortName + "'; use pond or account_owner");
      } else {
        lastResort = l;
      }
    }
    List<RoutingRule> rules = new ArrayList<>();
    if (routing.has("rules")) {
      List<@Nullable ObjectNode> items = values.list(routing, "/routing", "rules", false);
      if (items != null) {
        Map<String, String> keys = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
          String path = Problems.child("/routing/rules", i);
          ObjectNode item = items.get(i);
          if (item == null) {
            continue;
          }
          int ruleBefore = problems.count();
          values.knownKeys(item, path, ROUTING_RULE_KEYS);
          String key = values.key(item, path, keys);
          String group = values.text(item, path, "group", true);
          if (group != null && !GROUP_KEY.matcher(group).matches()) {
            problems.add(Problems.child(path, "group"), notAGroupKey(group));
          }
          Condition when = conditions.when(item, path, fields);
          if (problems.count() == ruleBefore && key != null && group != null && when != null) {
            rules.add(new RoutingRule(key, when, group));
          }
        }
      }
    }
    if (problems.count() != before) {
      return null;
    }
    return new RoutingConfig(rules, defaultGroup, sticky, lastResort, null);
  }

  private static String notAGroupKey(String key) {
    return "'"
        + key
        + "' is not a group key: a lower-case letter, then lower-case letters, digits, '_' or"
        + " '-', at most 63 in all";
  }
}
