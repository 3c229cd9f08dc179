package ai.omniflow.fields;

import java.util.List;
import java.util.Objects;

/**
 * When a scoring or routing rule holds: a leaf test of one field, or {@code all}, {@code any} or
 * {@code not} of other conditions. Conditions are data; the scoring package compiles them into
 * predicates once.
 *
 * <pre>{@code
 * Condition c = new Condition.All(List.of(
 *     new Condition.Leaf("budget", Operator.GTE, List.of(500_000)),
 *     new Condition.Leaf("pre_approved", Operator.EQ, List.of(true))));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface Condition {

  /**
   * A test of one field.
   *
   * <p>Throws {@link IllegalArgumentException} if the number of operands does not suit the operator
   *
   * @param values the operands: one for most operators, any number (at least one) for {@code in},
   *     two (min, max) for {@code between}, none for {@code exists}; each a {@link String}, {@link
   *     Number} or {@link Boolean}
   */
  record Leaf(String field, Operator op, List<Object> values) implements Condition {
    public Leaf {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(op, "op");
      values = List.copyOf(values);
      int n = values.size();
      boolean ok =
          switch (op) {
            case EXISTS -> n == 0;
            case IN -> n >= 1;
            case BETWEEN -> n == 2;
            default -> n == 1;
          };
      if (!ok) {
        throw new IllegalArgumentException(
            "operator " + op.key() + " cannot take " + n + " operand(s)");
      }
    }
  }

  /** True when every condition is (and when there are none). */
  record All(List<Condition> conditions) implements Condition {
    public All {
      conditions = List.copyOf(conditions);
    }
  }

  /** True when at least one condition is. */
  record Any(List<Condition> conditions) implements Condition {
    public Any {
      conditions = List.copyOf(conditions);
    }
  }

  /** True when the condition is not. */
  record Not(Condition condition) implements Condition {
    public Not {
      Objects.requireNonNull(condition, "condition");
    }
  }
}
