package ai.omniflow;

import java.util.Objects;

/**
 * One thing wrong with a text a client sent (a pack override, a file), at its place in that text,
 * as a refusal lists it ({@link OmniFlowException#errors()}). Bounded whatever it is built from, so
 * that an error never echoes unbounded input: the path is cut to {@value #MAX_PATH} characters and
 * the message to {@value #MAX_MESSAGE}, never inside a surrogate pair.
 *
 * <pre>{@code
 * new InputError("/stages/0/lable", 2, "unknown key 'lable' (did you mean 'label'?)");
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param path where, as a JSON pointer into the text ({@code ""} for the text as a whole)
 * @param line the line (from 1) the problem is on, or 0 when it has none (a problem in what the
 *     text builds on rather than in the text)
 * @param message what is wrong, for people
 */
public record InputError(String path, int line, String message) {
  /** The most characters of a path kept. */
  public static final int MAX_PATH = 200;

  /** The most characters of a message kept. */
  public static final int MAX_MESSAGE = 300;

  /**
   * Cuts the path and the message to their bounds.
   *
   * @throws IllegalArgumentException if {@code line} is negative
   * @throws NullPointerException if a value is null
   */
  public InputError {
    path = cut(Objects.requireNonNull(path, "path"), MAX_PATH);
    message = cut(Objects.requireNonNull(message, "message"), MAX_MESSAGE);
    if (line < 0) {
      throw new IllegalArgumentException("line must not be negative");
    }
  }

  private static String cut(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int end = max - 1;
    if (Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end) + "…";
  }
}
