package ai.omniflow.scoring;

import ai.omniflow.fields.Condition;
import ai.omniflow.fields.Operator;
import ai.omniflow.scoring.CompiledRules.Check;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Compiles conditions over one field layout into {@link Check}s: each condition becomes one small
 * object whose field index and operands are fixed here, so nothing below runs per lead but the
 * checks' test methods. Conditions must have no problem ({@link ConditionProblems}).
 */
final class ConditionCompiler {
  private final FieldLayout layout;

  ConditionCompiler(FieldLayout layout) {
    this.layout = layout;
  }

  Check compile(Condition c) {
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
}
