package ai.omniflow.connector.meta;

/**
 * The bounds on every value that enters through this connector, mirroring core's {@code
 * ai.omniflow.Limits} (a connector depends on the SPI only). Errors name the field, never the
 * value.
 */
final class Bounds {
  /** The longest id (message, account, recipient), in characters. */
  static final int MAX_ID = 256;

  /** The longest message text kept, in characters. */
  static final int MAX_TEXT = 20_000;

  /** The most template parameters sent. */
  static final int MAX_PARAMETERS = 100;

  private Bounds() {}

  /** {@code value} if it is 1 to {@link #MAX_ID} characters, else an argument error. */
  static String id(String value, String field) {
    if (value.isBlank() || value.length() > MAX_ID) {
      throw new IllegalArgumentException(field + " must be 1 to " + MAX_ID + " characters");
    }
    return value;
  }

  /** {@code text} cut to {@link #MAX_TEXT} characters without splitting a surrogate pair. */
  static String text(String text) {
    if (text.length() <= MAX_TEXT) {
      return text;
    }
    int end = MAX_TEXT;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end);
  }
}
