package ai.omniflow.connector.support.internal;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The bounds on every value that enters through a connector, mirroring core's {@code
 * ai.omniflow.Limits} (a connector depends on the SPI only). Errors name the field, never the
 * value.
 */
public final class Bounds {
  /** The longest id (message, account, recipient), in characters. */
  public static final int MAX_ID = 256;

  /** The longest message text kept, in characters. */
  public static final int MAX_TEXT = 20_000;

  /** The most template parameters sent. */
  public static final int MAX_PARAMETERS = 100;

  /** The longest access token accepted, in characters. */
  public static final int MAX_TOKEN = 4096;

  /** The most connected accounts one grant names (core's {@code Limits.MAX_LIST}). */
  public static final int MAX_ACCOUNTS = 100;

  /** The earliest instant taken from a platform (core's {@code Limits.EARLIEST}). */
  public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

  /** The latest instant taken from a platform (core's {@code Limits.LATEST}). */
  public static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

  private Bounds() {}

  /** {@code value} if it is 1 to {@link #MAX_ID} characters, else an argument error. */
  public static String id(String value, String field) {
    if (value.isBlank() || value.length() > MAX_ID) {
      throw new IllegalArgumentException(field + " must be 1 to " + MAX_ID + " characters");
    }
    return value;
  }

  /** {@code text} cut to {@link #MAX_TEXT} characters without splitting a surrogate pair. */
  public static String text(String text) {
    return cut(text, MAX_TEXT);
  }

  /** {@code text} cut to {@code max} characters without splitting a surrogate pair. */
  public static String cut(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = max;
    if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end);
  }

  /**
   * A platform's epoch-seconds time ({@code expires_at}), or null when it gave none ({@code 0} or
   * less: Graph's "never") or one outside {@link #EARLIEST} to {@link #LATEST}, which no real
   * expiry is and which core would refuse.
   */
  public static @Nullable Instant epochSeconds(long seconds) {
    if (seconds <= 0 || seconds < EARLIEST.getEpochSecond() || seconds > LATEST.getEpochSecond()) {
      return null;
    }
    return Instant.ofEpochSecond(seconds);
  }

  /**
   * {@code now} plus a platform's {@code expires_in} seconds, or null when it gave none ({@code 0}
   * or less) or the sum would pass {@link #LATEST} (so a huge value cannot overflow).
   */
  public static @Nullable Instant secondsAfter(Instant now, long seconds) {
    if (seconds <= 0 || seconds > LATEST.getEpochSecond() - now.getEpochSecond()) {
      return null;
    }
    return now.plusSeconds(seconds);
  }

  /**
   * Refuses a blank token, one over {@link #MAX_TOKEN} characters, or one with a character outside
   * printable ASCII (which could split a header), naming {@code field}.
   */
  public static void token(@Nullable String token, String field) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
    if (token.length() > MAX_TOKEN || token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
      throw new IllegalArgumentException(
          field + " must be at most " + MAX_TOKEN + " printable characters");
    }
  }
}
