package ai.omniflow.fields;

import java.util.Objects;

/**
 * One problem a check found, e.g. a rule reading an unknown field.
 *
 * <pre>{@code
 * new Problem("/rules/3/when/field", "unknown field 'budgett'");
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param path where, as a JSON pointer into the checked section, e.g. {@code
 *     /rules/3/when/all/1/value}; empty for the section itself
 * @param message what is wrong, in one sentence
 */
public record Problem(String path, String message) {
  /** How many characters of a value a message quotes at most. */
  public static final int MAX_QUOTED = 80;

  public Problem {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  /**
   * {@code value} cut to {@link #MAX_QUOTED} characters (with {@code …} when cut), so a message
   * never echoes unbounded input.
   */
  public static String clip(String value) {
    return value.length() <= MAX_QUOTED ? value : value.substring(0, MAX_QUOTED) + "…";
  }
}
