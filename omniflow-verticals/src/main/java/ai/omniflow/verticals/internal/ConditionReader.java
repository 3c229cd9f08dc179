package ai.omniflow.verticals.internal;

import static ai.omniflow.verticals.internal.PackValues.describe;
import static ai.omniflow.verticals.internal.PackValues.orderedSet;
import static ai.omniflow.verticals.internal.PackValues.suggestion;

import ai.omniflow.fields.Condition;
import ai.omniflow.fields.LeadField;
import ai.omniflow.fields.Operator;
import ai.omniflow.fields.Problem;
import ai.omniflow.scoring.CompiledRules;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads the condition language of scoring rules, routing rules and playbook branches: {@code all},
 * {@code any}, {@code not} or a field test. Not thread-safe; one per file.
 *
 * <p>Core's {@link ai.omniflow.fields.ConditionJson} reads the same shape for the API, from JSON
 * maps; this reader is the pack file's (decision 0072: one language, one reader per input form). It
 * reads the pack file's YAML tree, speaks to pack authors ({@code unknown key 'x' (did you mean
 * …)}, {@code but is a list}), refuses an empty {@code all} or {@code any}, and keeps a number as
 * YAML wrote it; the API's reader answers in its own words, caps nesting at 32 and turns a whole
 * {@code 10.0} into {@code 10}.
 */
final class ConditionReader {
  static final Set<String> LEAF_KEYS = orderedSet("field", "op", "value", "values", "min", "max");

  private final Problems problems;
  private final PackValues values;

  ConditionReader(PackValues values) {
    this.problems = values.problems();
    this.values = values;
  }

  /**
   * A rule's required {@code when} condition, checked against the pack's lead fields when they are
   * known; {@code null} (with the problems noted) if it is missing or wrong.
   */
  @Nullable Condition when(ObjectNode item, String path, @Nullable List<LeadField> fields) {
    String whenPath = Problems.child(path, "when");
    JsonNode whenNode = item.get("when");
    if (whenNode == null) {
      problems.add(whenPath, "is required");
      return null;
    }
    Condition when = condition(whenNode, whenPath);
    if (when != null && fields != null) {
      for (Problem p : CompiledRules.problems(fields, when, whenPath)) {
        problems.add(p.path(), p.message());
      }
    }
    return when;
  }

  /**
   * A condition at {@code path}: one of {@code all} or {@code any} (a list of conditions), {@code
   * not} (one condition) or a field test ({@code field}, {@code op} and the operands the operator
   * takes); null with the problems noted if it is wrong.
   */
  @Nullable Condition condition(JsonNode node, String path) {
    ObjectNode c = values.mapping(node, path);
    if (c == null) {
      return null;
    }
    int composites = (c.has("all") ? 1 : 0) + (c.has("any") ? 1 : 0) + (c.has("not") ? 1 : 0);
    if (composites > 1 || (composites == 1 && c.size() > 1)) {
      problems.add(path, "a condition is one of all, any, not, or a field test; this mixes them");
      return null;
    }
    if (c.has("not")) {
      Condition inner = condition(c.get("not"), Problems.child(path, "not"));
      return inner == null ? null : new Condition.Not(inner);
    }
    if (c.has("all") || c.has("any")) {
      String name = c.has("all") ? "all" : "any";
      String listPath = Problems.child(path, name);
      JsonNode list = c.get(name);
      if (!list.isArray()) {
        problems.add(listPath, "must be a list of conditions, but is " + describe(list));
        return null;
      }
      if (list.isEmpty()) {
        problems.add(listPath, "needs at least one condition");
        return null;
      }
      List<Condition> parts = new ArrayList<>();
      boolean ok = true;
      for (int i = 0; i < list.size(); i++) {
        Condition part = condition(list.get(i), Problems.child(listPath, i));
        if (part == null) {
          ok = false;
        } else {
          parts.add(part);
        }
      }
      if (!ok) {
        return null;
      }
      return name.equals("all") ? new Condition.All(parts) : new Condition.Any(parts);
    }
    int before = problems.count();
    values.knownKeys(c, path, LEAF_KEYS);
    String field = values.text(c, path, "field", true);
    String opName = values.text(c, path, "op", true);
    Operator op = null;
    if (opName != null) {
      op = Operator.of(opName);
      if (op == null) {
        Set<String> ops = new LinkedHashSet<>();
        for (Operator o : Operator.values()) {
          ops.add(o.key());
        }
        problems.add(
            Problems.child(path, "op"),
            "unknown operator '"
                + opName
                + "'"
                + suggestion(opName, ops)
                + "; use one of "
                + String.join(", ", ops));
      }
    }
    if (op == null || problems.count() != before) {
      return null;
    }
    List<String> wanted =
        switch (op) {
          case EXISTS -> List.of();
          case IN -> List.of("values");
          case BETWEEN -> List.of("min", "max");
          default -> List.of("value");
        };
    List<Object> values = new ArrayList<>();
    for (String k : List.of("value", "values", "min", "max")) {
      if (c.has(k) && !wanted.contains(k)) {
        problems.add(
            Problems.child(path, k),
            "operator "
                + op.key()
                + (wanted.isEmpty()
                    ? " takes no operand"
                    : " takes " + String.join(" and ", wanted)));
      }
    }
    for (String k : wanted) {
      String vp = Problems.child(path, k);
      JsonNode v = c.get(k);
      if (v == null) {
        problems.add(vp, "is required by operator " + op.key());
      } else if (k.equals("values")) {
        if (!v.isArray() || v.isEmpty()) {
          problems.add(vp, "must be a non-empty list, but is " + describe(v));
        } else {
          for (int i = 0; i < v.size(); i++) {
            Object o = scalar(v.get(i), Problems.child(vp, i));
            if (o != null) {
              values.add(o);
            }
          }
        }
      } else {
        Object o = scalar(v, vp);
        if (o != null) {
          values.add(o);
        }
      }
    }
    if (problems.count() != before || field == null) {
      return null;
    }
    return new Condition.Leaf(field, op, values);
  }

  private @Nullable Object scalar(JsonNode v, String path) {
    if (v.isTextual()) {
      return v.textValue();
    }
    if (v.isIntegralNumber()) {
      return v.longValue();
    }
    if (v.isNumber()) {
      return v.doubleValue();
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    problems.add(path, "must be text, a number or true/false, but is " + describe(v));
    return null;
  }
}
