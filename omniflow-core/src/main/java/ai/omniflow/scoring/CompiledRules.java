package ai.omniflow.scoring;

import ai.omniflow.fields.Condition;
import ai.omniflow.fields.LeadField;
import ai.omniflow.fields.Operator;
import ai.omniflow.fields.Problem;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * A pack's rules compiled once into Java predicates over {@link LeadFacts}: each field is resolved
 * to an array index and each operand converted and checked at compile time, so scoring walks no
 * tree and looks nothing up by name.
 *
 * <pre>{@code
 * CompiledRules rules = CompiledRules.compile(pack.leadFields(), ruleSet);
 * Score score = RuleScorer.score(rules.facts().set("budget", 700_000).build(), rules, now);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class CompiledRules {
  /** The fields every pack's rules may read besides its lead fields. */
  public static final List<String> BUILT_IN_FIELDS =
      List.of(
          FieldLayout.SOURCE_CHANNEL,
          FieldLayout.LAST_INTENT,
          FieldLayout.INBOUND_COUNT,
          FieldLayout.SCORE,
          FieldLayout.LANGUAGE);

  final FieldLayout layout;
  final RuleSet ruleSet;
  final String[] keys;
  final ScoringGroup[] groups;
  final int[] groupOrdinals;
  final int[] points;
  final Contribution[] contributions; // each rule's line before decay, shared by every score
  final Check[] predicates;
  final String[] capKeys;
  final int[] caps;
  final double halfLifeMillis;

  private CompiledRules(FieldLayout layout, RuleSet ruleSet) {
    this.layout = layout;
    this.ruleSet = ruleSet;
    int n = ruleSet.rules().size();
    keys = new String[n];
    groups = new ScoringGroup[n];
    groupOrdinals = new int[n];
    points = new int[n];
    contributions = new Contribution[n];
    predicates = new Check[n];
    for (int i = 0; i < n; i++) {
      ScoringRule r = ruleSet.rules().get(i);
      keys[i] = r.key();
      groups[i] = r.group();
      groupOrdinals[i] = r.group().ordinal();
      points[i] = r.points();
      contributions[i] = new Contribution(r.key(), r.group(), r.points());
      predicates[i] = compile(r.when());
    }
    capKeys = new String[ScoringGroup.values().length];
    caps = new int[ScoringGroup.values().length];
    for (ScoringGroup g : ScoringGroup.values()) {
      capKeys[g.ordinal()] = "cap:" + g.key();
      caps[g.ordinal()] = ruleSet.caps().getOrDefault(g, Integer.MAX_VALUE);
    }
    halfLifeMillis = ruleSet.engagementHalfLife().toMillis();
  }

  /**
   * Compiles {@code rules} for leads with {@code fields}.
   *
   * @throws IllegalArgumentException naming the rule and problem if a condition reads an unknown
   *     field, uses an operator the field's type does not have, gives an operand of the wrong type
   *     or an invalid regular expression (see {@link #problems})
   */
  public static CompiledRules compile(List<LeadField> fields, RuleSet rules) {
    List<Problem> problems = problems(fields, rules);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          problems.stream().map(p -> p.path() + " : " + p.message()).toList().toString());
    }
    return new CompiledRules(new FieldLayout(fields), rules);
  }

  /**
   * A builder of facts for leads with {@code fields}, for callers that have no rule set to compile,
   * such as routing. Facts made here and by any {@link CompiledRules} compiled for the same fields
   * are interchangeable.
   */
  public static LeadFacts.Builder facts(List<LeadField> fields) {
    return new LeadFacts.Builder(new FieldLayout(fields));
  }

  /**
   * Compiles one condition over leads with {@code fields} into a predicate, the way scoring rules
   * are compiled; routing rules use it. The predicate reads facts made for the same fields (by
   * {@link #facts(List)} or {@link #facts()}).
   *
   * <pre>{@code
   * Predicate<LeadFacts> sf = CompiledRules.condition(pack.leadFields(),
   *     new Condition.Leaf("zip", Operator.STARTS_WITH, List.of("941")));
   * }</pre>
   *
   * @throws IllegalArgumentException naming the problems if the condition does not compile (see
   *     {@link #problems(List, Condition, String)})
   */
  public static java.util.function.Predicate<LeadFacts> condition(
      List<LeadField> fields, Condition c) {
    List<Problem> problems = problems(fields, c, "");
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          problems.stream().map(p -> p.path() + " : " + p.message()).toList().toString());
    }
    Check check =
        new CompiledRules(
                new FieldLayout(fields),
                new RuleSet(java.util.Map.of(), java.time.Duration.ofDays(1), List.of()))
            .compile(c);
    return check::test;
  }

  /** The rules this was compiled from. */
  public RuleSet ruleSet() {
    return ruleSet;
  }

  /** A builder of facts laid out for these rules. */
  public LeadFacts.Builder facts() {
    return new LeadFacts.Builder(layout);
  }

  /** Every problem of {@code rules} read against {@code fields}; empty if they compile. */
  public static List<Problem> problems(List<LeadField> fields, RuleSet rules) {
    FieldLayout layout = new FieldLayout(fields);
    List<Problem> out = new ArrayList<>();
    for (int i = 0; i < rules.rules().size(); i++) {
      check(layout, rules.rules().get(i).when(), "/rules/" + i + "/when", out);
    }
    return out;
  }

  /**
   * The problems of one condition; {@code path} is where the condition is. Operand paths end in
   * {@code /value}, {@code /values/N}, {@code /min} or {@code /max}.
   */
  public static List<Problem> problems(List<LeadField> fields, Condition c, String path) {
    List<Problem> out = new ArrayList<>();
    check(new FieldLayout(fields), c, path, out);
    return out;
  }

  private static void check(FieldLayout layout, Condition c, String path, List<Problem> out) {
    if (c instanceof Condition.All all) {
      for (int i = 0; i < all.conditions().size(); i++) {
        check(layout, all.conditions().get(i), path + "/all/" + i, out);
      }
    } else if (c instanceof Condition.Any any) {
      if (any.conditions().isEmpty()) {
        out.add(new Problem(path + "/any", "needs at least one condition"));
      }
      for (int i = 0; i < any.conditions().size(); i++) {
        check(layout, any.conditions().get(i), path + "/any/" + i, out);
      }
    } else if (c instanceof Condition.Not not) {
      check(layout, not.condition(), path + "/not", out);
    } else {
      checkLeaf(layout, (Condition.Leaf) c, path, out);
    }
  }

  private static void checkLeaf(
      FieldLayout layout, Condition.Leaf leaf, String path, List<Problem> out) {
    int i = layout.index(leaf.field());
    if (i < 0) {
      out.add(
          new Problem(
              path + "/field",
              "unknown field '"
                  + leaf.field()
                  + "'; rules may read: "
                  + String.join(", ", layout.keys())));
      return;
    }
    FieldLayout.Kind kind = layout.kind(i);
    Operator op = leaf.op();
    String kindName = kind.name().toLowerCase(java.util.Locale.ROOT);
    boolean allowed =
        switch (kind) {
          case NUMBER, DATE -> !op.textual();
          case TEXT -> !op.ordering();
          case BOOLEAN -> op == Operator.EQ || op == Operator.NEQ || op == Operator.EXISTS;
        };
    if (!allowed) {
      out.add(
          new Problem(
              path + "/op",
              "operator "
                  + op.key()
                  + " does not apply to "
                  + kindName
                  + " field '"
                  + leaf.field()
                  + "'"));
      return;
    }
    for (int k = 0; k < leaf.values().size(); k++) {
      String vp = operandPath(op, path, k);
      Object v = leaf.values().get(k);
      String problem =
          switch (kind) {
            case NUMBER -> v instanceof Number ? null : "must be a number, but is " + v;
            case DATE -> date(v) != null ? null : "must be an ISO date (YYYY-MM-DD), but is " + v;
            case BOOLEAN -> v instanceof Boolean ? null : "must be true or false, but is " + v;
            case TEXT -> textProblem(layout, i, op, v);
          };
      if (problem != null) {
        out.add(new Problem(vp, problem));
      }
    }
  }

  private static @Nullable String textProblem(FieldLayout layout, int i, Operator op, Object v) {
    if (!(v instanceof String s)) {
      return "must be text, but is " + v;
    }
    if (op == Operator.MATCHES) {
      try {
        Pattern.compile(s);
      } catch (PatternSyntaxException e) {
        return "'" + s + "' is not a valid regular expression: " + e.getDescription();
      }
    }
    List<String> options = layout.options(i);
    if ((op == Operator.EQ || op == Operator.NEQ || op == Operator.IN)
        && !options.isEmpty()
        && !options.contains(s)) {
      return "'"
          + s
          + "' is not an option of '"
          + layout.key(i)
          + "': "
          + String.join(", ", options);
    }
    return null;
  }

  private static String operandPath(Operator op, String path, int k) {
    return switch (op) {
      case IN -> path + "/values/" + k;
      case BETWEEN -> path + (k == 0 ? "/min" : "/max");
      default -> path + "/value";
    };
  }

  private static @Nullable LocalDate date(Object v) {
    if (!(v instanceof String s)) {
      return null;
    }
    try {
      return LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  // ---- compilation: each condition becomes one small Check object; nothing below runs per lead
  // but their test methods

  private Check compile(Condition c) {
    if (c instanceof Condition.All all) {
      return all(all.conditions().stream().map(this::compile).toList());
    } else if (c instanceof Condition.Any any) {
      return any(any.conditions().stream().map(this::compile).toList());
    } else if (c instanceof Condition.Not not) {
      return not(compile(not.condition()));
    }
    return leaf((Condition.Leaf) c);
  }

  private static Check not(Check p) {
    return new Check() {
      @Override
      boolean test(LeadFacts f) {
        return !p.test(f);
      }
    };
  }

  @SuppressWarnings("unchecked")
  private static Check all(List<Check> ps) {
    if (ps.size() == 1) {
      return ps.get(0);
    }
    if (ps.size() == 2) {
      Check a = ps.get(0);
      Check b = ps.get(1);
      return new Check() {
        @Override
        boolean test(LeadFacts f) {
          return a.test(f) && b.test(f);
        }
      };
    }
    Check[] arr = ps.toArray(new Check[0]);
    return new Check() {
      @Override
      boolean test(LeadFacts f) {
        for (Check p : arr) {
          if (!p.test(f)) {
            return false;
          }
        }
        return true;
      }
    };
  }

  @SuppressWarnings("unchecked")
  private static Check any(List<Check> ps) {
    if (ps.size() == 1) {
      return ps.get(0);
    }
    if (ps.size() == 2) {
      Check a = ps.get(0);
      Check b = ps.get(1);
      return new Check() {
        @Override
        boolean test(LeadFacts f) {
          return a.test(f) || b.test(f);
        }
      };
    }
    Check[] arr = ps.toArray(new Check[0]);
    return new Check() {
      @Override
      boolean test(LeadFacts f) {
        for (Check p : arr) {
          if (p.test(f)) {
            return true;
          }
        }
        return false;
      }
    };
  }

  private Check leaf(Condition.Leaf leaf) {
    int i = layout.index(leaf.field());
    FieldLayout.Kind kind = layout.kind(i);
    if (leaf.op() == Operator.EXISTS) {
      return kind == FieldLayout.Kind.NUMBER || kind == FieldLayout.Kind.DATE
          ? new Check() {
            @Override
            boolean test(LeadFacts f) {
              return !Double.isNaN(f.numbers[i]);
            }
          }
          : new Check() {
            @Override
            boolean test(LeadFacts f) {
              return f.values[i] != null;
            }
          };
    }
    return switch (kind) {
      case NUMBER, DATE -> numeric(i, leaf.op(), numbers(kind, leaf.values()));
      case TEXT -> text(i, leaf.op(), leaf.values().stream().map(String.class::cast).toList());
      case BOOLEAN -> {
        Boolean b = (Boolean) leaf.values().get(0);
        yield leaf.op() == Operator.EQ
            ? new Check() {
              @Override
              boolean test(LeadFacts f) {
                return b.equals(f.values[i]);
              }
            }
            : new Check() {
              @Override
              boolean test(LeadFacts f) {
                return f.values[i] != null && !b.equals(f.values[i]);
              }
            };
      }
    };
  }

  private static double[] numbers(FieldLayout.Kind kind, List<Object> values) {
    double[] out = new double[values.size()];
    for (int k = 0; k < out.length; k++) {
      Object v = values.get(k);
      out[k] =
          kind == FieldLayout.Kind.DATE
              ? LocalDate.parse((String) v).toEpochDay()
              : ((Number) v).doubleValue();
    }
    return out;
  }

  // Every operator but exists is false on a missing value: NaN compares false, so only neq
  // needs an explicit check.
  private static Check numeric(int i, Operator op, double[] v) {
    double a = v[0];
    return switch (op) {
      case EQ ->
          new Check() {
            @Override
            boolean test(LeadFacts f) {
              return f.numbers[i] == a;
            }
          };
      case NEQ ->
          new Check() {
            @Override
            boolean test(LeadFacts f) {
              double x = f.numbers[i];
              return x == x && x != a;
            }
          };
      case GT ->
          new Check() {
            @Override
            boolean test(LeadFacts f) {
              return f.numbers[i] > a;
            }
          };
      case GTE ->
          new Check() {
            @Override
            boolean test(LeadFacts f) {
              return f.numbers[i] >= a;
            }
          };
      case LT ->
          new Check() {
            @Override
            boolean test(LeadFacts f) {
              return f.numbers[i] < a;
            }
          };
      case LTE ->
          new Check() {
            @Override
            boolean test(LeadFacts f) {
              return f.numbers[i] <= a;
            }
          };
      case BETWEEN -> {
        double b = v[1];
        yield new Check() {
          @Override
          boolean test(LeadFacts f) {
            double x = f.numbers[i];
            return x >= a && x <= b;
          }
        };
      }
      case IN ->
          new Check() {
            @Override
            boolean test(LeadFacts f) {
              double x = f.numbers[i];
              for (double c : v) {
                if (x == c) {
                  return true;
                }
              }
              return false;
            }
          };
      default -> throw new IllegalStateException("checked before: " + op);
    };
  }

  private static Check text(int i, Operator op, List<String> v) {
    String a = v.get(0);
    return switch (op) {
      case EQ ->
          new Check() {
            @Override
            boolean test(LeadFacts f) {
              return a.equals(f.values[i]);
            }
          };
      case NEQ ->
          new Check() {
            @Override
            boolean test(LeadFacts f) {
              return f.values[i] != null && !a.equals(f.values[i]);
            }
          };
      case IN -> {
        String[] arr = v.toArray(new String[0]);
        yield new Check() {
          @Override
          boolean test(LeadFacts f) {
            Object x = f.values[i];
            if (x == null) {
              return false;
            }
            for (String s : arr) {
              if (s.equals(x)) {
                return true;
              }
            }
            return false;
          }
        };
      }
      case CONTAINS ->
          new Check() {
            @Override
            boolean test(LeadFacts f) {
              return f.values[i] instanceof String s && s.contains(a);
            }
          };
      case STARTS_WITH ->
          new Check() {
            @Override
            boolean test(LeadFacts f) {
              return f.values[i] instanceof String s && s.startsWith(a);
            }
          };
      case MATCHES -> {
        Pattern p = Pattern.compile(a);
        yield new Check() {
          @Override
          boolean test(LeadFacts f) {
            return f.values[i] instanceof String s && p.matcher(s).find();
          }
        };
      }
      default -> throw new IllegalStateException("checked before: " + op);
    };
  }

  /** One compiled condition; an abstract class so the rule loop dispatches virtually. */
  abstract static class Check {
    abstract boolean test(LeadFacts f);
  }
}
