package ai.omniflow.scoring;

import ai.omniflow.fields.Condition;
import ai.omniflow.fields.Operator;
import ai.omniflow.fields.Problem;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * What is wrong with a condition read against a pack's fields: an unknown field, an operator the
 * field's type does not have, an operand of the wrong type or not among the field's options, an
 * invalid regular expression. {@link CompiledRules} compiles only conditions with no problem.
 */
final class ConditionProblems {
  private ConditionProblems() {}

  static void check(FieldLayout layout, Condition c, String path, List<Problem> out) {
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
}
