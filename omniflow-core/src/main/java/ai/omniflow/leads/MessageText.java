package ai.omniflow.leads;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One message's (or form answer's) text as the readers see it, made once per text and shared by
 * every field's reader. It keeps reading linear in the text's length:
 *
 * <ul>
 *   <li>a check around a match looks at most {@link #WINDOW} characters before or after it, never
 *       back to the start of its clause or sentence ({@link #before}, {@link #after}, {@link
 *       #sentenceAround});
 *   <li>each pattern yields at most {@link #MAX_MATCHES} candidates ({@link #next});
 *   <li>every character the readers and their patterns examine is counted when the text was made
 *       with {@link #counting(String)}, so tests bound the work per character rather than the time.
 * </ul>
 *
 * <p>Not thread-safe: one reading of one text. See docs/leads.md, "Linear reading".
 */
final class MessageText {
  /** How far, in characters, a check before or after a match reaches. */
  static final int WINDOW = 160;

  /** How many candidates one pattern may yield in one text; later ones are not read. */
  static final int MAX_MATCHES = 32;

  private final String text;
  private final CharSequence chars;
  private final long[] examined;

  private MessageText(String text, CharSequence chars, long[] examined) {
    this.text = text;
    this.chars = chars;
    this.examined = examined;
  }

  /** A text read without counting. */
  static MessageText of(String text) {
    return new MessageText(text, text, new long[1]);
  }

  /** A text whose every examined character is counted in {@link #examined()}; for tests. */
  static MessageText counting(String text) {
    long[] counter = new long[1];
    return new MessageText(text, new Counting(text, counter), counter);
  }

  /** Another text of the same length (e.g. masked), counted with this one. */
  MessageText derived(String other) {
    return chars instanceof Counting
        ? new MessageText(other, new Counting(other, examined), examined)
        : new MessageText(other, other, examined);
  }

  /** How many characters the readers examined so far; 0 unless made with {@link #counting}. */
  long examined() {
    return examined[0];
  }

  String text() {
    return text;
  }

  int length() {
    return text.length();
  }

  /** A matcher of {@code pattern} over the whole text. */
  Matcher matcher(Pattern pattern) {
    return pattern.matcher(chars);
  }

  /** Whether {@code m} finds another candidate, {@code found} candidates having been taken. */
  static boolean next(Matcher m, int found) {
    return found < MAX_MATCHES && m.find();
  }

  /** Whether {@code pattern} matches somewhere in {@code [from, to)}, anchors at its bounds. */
  boolean findIn(Pattern pattern, int from, int to) {
    return pattern.matcher(chars).region(from, to).find();
  }

  /** Whether {@code pattern} matches at the start of {@code [from, to)}, anchors at its bounds. */
  boolean lookingAt(Pattern pattern, int from, int to) {
    return pattern.matcher(chars).region(from, to).lookingAt();
  }

  /**
   * The text from the last of {@code ends} before {@code at} up to {@code at}, at most {@link
   * #WINDOW} characters; a window that had to be cut starts after a whole word, so no check sees
   * half of one.
   */
  int before(int at, String ends) {
    int limit = Math.max(0, at - WINDOW);
    int from = at;
    while (from > limit && ends.indexOf(chars.charAt(from - 1)) < 0) {
      from--;
    }
    if (from == limit && from > 0 && ends.indexOf(chars.charAt(from - 1)) < 0) {
      while (from < at && Character.isLetterOrDigit(chars.charAt(from))) {
        from++;
      }
    }
    return from;
  }

  /** The end of the text after {@code at} up to the first of {@code ends}, at most a window. */
  int after(int at, String ends) {
    int limit = Math.min(text.length(), at + WINDOW);
    int to = at;
    while (to < limit && ends.indexOf(chars.charAt(to)) < 0) {
      to++;
    }
    return to;
  }

  /** The end of a window of at most {@link #WINDOW} characters starting at {@code at}. */
  int windowAfter(int at) {
    return Math.min(text.length(), at + WINDOW);
  }

  /** {@code [from, to)} as a string, counted as examined. */
  String slice(int from, int to) {
    if (chars instanceof Counting) {
      examined[0] += to - from;
    }
    return text.substring(from, to);
  }

  /** A character sequence that counts each character read. */
  private static final class Counting implements CharSequence {
    private final String text;
    private final long[] counter;

    Counting(String text, long[] counter) {
      this.text = text;
      this.counter = counter;
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public char charAt(int index) {
      counter[0]++;
      return text.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      counter[0] += end - start;
      return text.substring(start, end);
    }

    /** Not counted: it hands out the string itself, copying nothing (fuzzing hooks call it). */
    @Override
    public String toString() {
      return text;
    }
  }
}
