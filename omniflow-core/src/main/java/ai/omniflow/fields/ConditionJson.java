package ai.omniflow.fields;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The JSON form of a {@link Condition}, as JSON-shaped maps: the shape a pack file gives scoring
 * and routing rules ({@code {field, op, value}}, {@code {field, op: in, values}}, {@code {field,
 * op: between, min, max}}, {@code {field, op: exists}}, {@code all}, {@code any}, {@code not}).
 * Routing configurations and nurture branches read conditions with it; whether a condition's
 * fields, operators and operands suit a pack's lead fields is {@code CompiledRules.problems}'s to
 * say.
 *
 * <pre>{@code
 * List<Problem> problems = new ArrayList<>();
 * Condition c = ConditionJson.read(json, "/steps/2/branch/when", problems); // null if problems
 * Map<String, Object> back = ConditionJson.toJson(c);
 * }</pre>
 *
 * <p>Messages quote at most {@link Problem#MAX_QUOTED} characters of a value. Stateless and
 * thread-safe.
 */
public final class ConditionJson {
  /** How deep {@code all}, {@code any} and {@code not} may nest when read. */
  public static final int MAX_DEPTH = 32;

  private ConditionJson() {}

  /** {@code c} as a JSON object. */
  public static Map<String, Object> toJson(Condition c) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (c instanceof Condition.All all) {
      m.put("all", all.conditions().stream().map(ConditionJson::toJson).toList());
    } else if (c instanceof Condition.Any any) {
      m.put("any", any.conditions().stream().map(ConditionJson::toJson).toList());
    } else if (c instanceof Condition.Not not) {
      m.put("not", toJson(not.condition()));
    } else {
      Condition.Leaf leaf = (Condition.Leaf) c;
      m.put("field", leaf.field());
      m.put("op", leaf.op().key());
      switch (leaf.op()) {
        case EXISTS -> {}
        case IN -> m.put("values", leaf.values());
        case BETWEEN -> {
          m.put("min", leaf.values().get(0));
          m.put("max", leaf.values().get(1));
        }
        default -> m.put("value", leaf.values().get(0));
      }
    }
    return m;
  }

  /**
   * The condition {@code json} describes, or {@code null} with its problems added to {@code
   * problems}, each with a path under {@code path} ({@code path + "/op"}, {@code path +
   * "/all/1/value"}). Numbers come back as {@link Long} when whole, else {@link Double}.
   */
  public static @Nullable Condition read(
      @Nullable Object json, String path, List<Problem> problems) {
    int before = problems.size();
    Condition c = read(json, path, problems, 0);
    return problems.size() == before ? c : null;
  }

  private static @Nullable Condition read(
      @Nullable Object json, String path, List<Problem> problems, int depth) {
    if (!(json instanceof Map<?, ?> m)) {
      problems.add(new Problem(path, json == null ? "is required" : "must be an object"));
      return null;
    }
    if (depth > MAX_DEPTH) {
      problems.add(new Problem(path, "nests deeper than " + MAX_DEPTH + " levels"));
      return null;
    }
    int composites =
        (m.containsKey("all") ? 1 : 0)
            + (m.containsKey("any") ? 1 : 0)
            + (m.containsKey("not") ? 1 : 0);
    if (composites > 1 || (composites == 1 && m.size() > 1)) {
      problems.add(
          new Problem(
              path, "a condition is one of all, any, not, or a field test; this mixes them"));
      return null;
    }
    if (m.containsKey("not")) {
      Condition inner = read(m.get("not"), path + "/not", problems, depth + 1);
      return inner == null ? null : new Condition.Not(inner);
    }
    if (composites == 1) {
      String name = m.containsKey("all") ? "all" : "any";
      if (!(m.get(name) instanceof List<?> items)) {
        problems.add(new Problem(path + "/" + name, "must be a list of conditions"));
        return null;
      }
      List<Condition> parts = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        Condition part = read(items.get(i), path + "/" + name + "/" + i, problems, depth + 1);
        if (part != null) {
          parts.add(part);
        }
      }
      if (parts.size() != items.size()) {
        return null;
      }
      return name.equals("all") ? new Condition.All(parts) : new Condition.Any(parts);
    }
    int before = problems.size();
    for (Object k : m.keySet()) {
      if (!(k instanceof String s) || !LEAF_KEYS.contains(s)) {
        problems.add(
            new Problem(
                path,
                "'"
                    + Problem.clip(String.valueOf(k))
                    + "' is not a property of a field test; the properties are "
                    + String.join(", ", LEAF_KEYS)));
        return null;
      }
    }
    String field = text(m.get("field"), path + "/field", problems);
    String opName = text(m.get("op"), path + "/op", problems);
    Operator op = opName == null ? null : Operator.of(opName);
    if (opName != null && op == null) {
      List<String> ops = new ArrayList<>();
      for (Operator o : Operator.values()) {
        ops.add(o.key());
      }
      problems.add(
          new Problem(
              path + "/op",
              "unknown operator '"
                  + Problem.clip(opName)
                  + "'; use one of "
                  + String.join(", ", ops)));
    }
    if (op == null || field == null) {
      return null;
    }
    List<String> wanted =
        switch (op) {
          case EXISTS -> List.of();
          case IN -> List.of("values");
          case BETWEEN -> List.of("min", "max");
          default -> List.of("value");
        };
    for (String k : List.of("value", "values", "min", "max")) {
      if (m.containsKey(k) && !wanted.contains(k)) {
        problems.add(
            new Problem(
                path + "/" + k,
                "operator "
                    + op.key()
                    + (wanted.isEmpty()
                        ? " takes no operand"
                        : " takes " + String.join(" and ", wanted))));
      }
    }
    List<Object> values = new ArrayList<>();
    for (String k : wanted) {
      String vp = path + "/" + k;
      Object v = m.get(k);
      if (v == null) {
        problems.add(new Problem(vp, "is required by operator " + op.key()));
      } else if (k.equals("values")) {
        if (!(v instanceof List<?> items) || items.isEmpty()) {
          problems.add(new Problem(vp, "must be a non-empty list"));
        } else {
          for (int i = 0; i < items.size(); i++) {
            Object o = scalar(items.get(i), vp + "/" + i, problems);
            if (o != null) {
              values.add(o);
            }
          }
        }
      } else {
        Object o = scalar(v, vp, problems);
        if (o != null) {
          values.add(o);
        }
      }
    }
    if (problems.size() != before) {
      return null;
    }
    return new Condition.Leaf(field, op, values);
  }

  private static final List<String> LEAF_KEYS =
      List.of("field", "op", "value", "values", "min", "max");

  /** Text, true/false, or a number: whole numbers as Long, others as Double. */
  private static @Nullable Object scalar(@Nullable Object v, String path, List<Problem> problems) {
    if (v instanceof Number n) {
      double d = n.doubleValue();
      boolean whole =
          n instanceof Integer
              || n instanceof Long
              || n instanceof Short
              || n instanceof Byte
              || (d == Math.rint(d) && Math.abs(d) < 0x1p53);
      if (!whole && (Double.isNaN(d) || Double.isInfinite(d))) {
        problems.add(new Problem(path, "must be a finite number"));
        return null;
      }
      return whole ? (Object) n.longValue() : (Object) d;
    }
    if (v instanceof String || v instanceof Boolean) {
      return v;
    }
    problems.add(
        new Problem(path, v == null ? "is required" : "must be text, a number or true/false"));
    return null;
  }

  private static @Nullable String text(@Nullable Object v, String path, List<Problem> problems) {
    if (v == null) {
      problems.add(new Problem(path, "is required"));
      return null;
    }
    if (!(v instanceof String s) || s.isBlank()) {
      problems.add(new Problem(path, "must be non-blank text"));
      return null;
    }
    return s;
  }
}
