package ai.omniflow.assist;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The grounding rule of suggested replies: a reply may state a number, date, time, price or address
 * only if the facts state it. Concretely, every run of digits, every currency sign, and every name
 * of a weekday or month (and {@code today}, {@code tomorrow}, {@code tonight}) in the reply must
 * occur in the value of some fact (case-insensitively). Street addresses are caught by their
 * numbers.
 *
 * <pre>{@code
 * Grounding.ungrounded("See you Friday at 3pm", facts);  // ["friday", "3"] unless in the facts
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class Grounding {
  private static final Pattern FIGURE =
      Pattern.compile(
          "\\d+|[$€£¥₹]|\\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today"
              + "|tomorrow|tonight|january|february|march|april|june|july|august|september"
              + "|october|november|december|noon|midnight)\\b",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  private Grounding() {}

  /**
   * The figures of {@code reply} (digit runs, currency signs, day and month names, lower-cased)
   * that no fact's value contains, in the order they occur; empty when the reply is grounded.
   *
   * @throws NullPointerException if an argument is null
   */
  public static List<String> ungrounded(String reply, Facts facts) {
    // a set: a reply of thousands of distinct numbers must not be checked against each before it
    Set<String> missing = new java.util.LinkedHashSet<>();
    Matcher m = FIGURE.matcher(reply);
    List<String> values = null;
    while (m.find()) {
      if (values == null) {
        values = facts.values().values().stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
      }
      String figure = m.group().toLowerCase(Locale.ROOT);
      if (!missing.contains(figure) && values.stream().noneMatch(v -> v.contains(figure))) {
        missing.add(figure);
      }
    }
    return List.copyOf(missing);
  }

  /** Whether {@code reply} states only figures that the facts state. */
  public static boolean isGrounded(String reply, Facts facts) {
    return ungrounded(reply, facts).isEmpty();
  }

  /** Every figure {@code text} states, lower-cased, each once, for checks and tests. */
  public static Set<String> figures(String text) {
    Set<String> found = new java.util.LinkedHashSet<>();
    Matcher m = FIGURE.matcher(text);
    while (m.find()) {
      found.add(m.group().toLowerCase(Locale.ROOT));
    }
    return found;
  }
}
