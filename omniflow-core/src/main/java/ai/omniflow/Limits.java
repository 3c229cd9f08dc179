package ai.omniflow;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The bounds every value entering OmniFlow's core is held to, in one place: lengths of names, free
 * text and ids, list sizes, the window of instants, per-field durations and the scale of money.
 * Records check them in their compact constructors, and services where "now" matters; the "Limits"
 * table of docs/security.md lists them.
 *
 * <pre>{@code
 * String name = Limits.text("name", name, Limits.MAX_NAME);
 * Duration timeout = Limits.duration("offer_timeout", timeout, Limits.MAX_OFFER_TIMEOUT);
 * }</pre>
 *
 * <p>Every check throws {@link OmniFlowException} {@code invalid_<field>} (invalid input) whose
 * message names the field and the limit and never the value, so an error cannot echo hostile input.
 * Stateless and thread-safe.
 */
public final class Limits {
  /** The longest name of a person, org, group, pack stage, …: 200 characters. */
  public static final int MAX_NAME = 200;

  /** The longest short free text (a reason, a note, a form answer): 4,096 characters. */
  public static final int MAX_FREE_TEXT = 4096;

  /** The longest message text kept: 20,000 characters. */
  public static final int MAX_MESSAGE_TEXT = 20_000;

  /** The longest external id (campaign, ad, post, provider message id, account ref): 256. */
  public static final int MAX_ID = 256;

  /** The most items in one list or map a caller hands in (languages, members, form fields). */
  public static final int MAX_LIST = 100;

  /** The earliest business instant (a close date, a sent time): 2000-01-01T00:00:00Z. */
  public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

  /**
   * The latest instant any record accepts, whatever the clock says: 2200-01-01T00:00:00Z. Services
   * hold business instants to "not in the future" besides.
   */
  public static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

  /** How far after now a business instant may be, for clocks that disagree: 5 minutes. */
  public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  /** The default oldest inbound {@code sent_at} ingest accepts, before now: 30 days. */
  public static final Duration DEFAULT_MAX_SENT_AT_AGE = Duration.ofDays(30);

  /** The default latest inbound {@code sent_at} ingest accepts, after now: 5 minutes. */
  public static final Duration DEFAULT_MAX_SENT_AT_AHEAD = Duration.ofMinutes(5);

  /** The longest a first-to-claim offer may stand: 7 days. */
  public static final Duration MAX_OFFER_TIMEOUT = Duration.ofDays(7);

  /** The most decimals an amount of money may have: 4. */
  public static final int MAX_MONEY_SCALE = 4;

  /** The most significant digits an amount of money may have: 19. */
  public static final int MAX_MONEY_PRECISION = 19;

  /** The longest decimal text {@link #decimal} reads: 40 characters. */
  public static final int MAX_DECIMAL_TEXT = 40;

  private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,63}");

  private Limits() {}

  /**
   * Checks a text typed by a user: at most {@code max} characters and no NUL (U+0000), which
   * PostgreSQL cannot store.
   *
   * @return {@code value}, unchanged
   * @throws OmniFlowException {@code invalid_<field>} (invalid input) if it is longer or holds NUL
   */
  public static String text(String field, String value, int max) {
    if (value.length() > max) {
      throw invalid(field, field + " must be at most " + max + " characters.");
    }
    if (value.indexOf('\0') >= 0) {
      throw invalid(field, field + " must not contain the NUL character (U+0000).");
    }
    return value;
  }

  /** As {@link #text(String, String, int)}, passing {@code null} through. */
  public static @Nullable String optionalText(String field, @Nullable String value, int max) {
    return value == null ? null : text(field, value, max);
  }

  /**
   * Text a platform sent: NUL characters removed (a platform may send them; ingest must not fail)
   * and cut to {@code max} characters.
   */
  public static String platformText(String value, int max) {
    String clean = value.indexOf('\0') < 0 ? value : value.replace("\0", "");
    return clean.length() > max ? clean.substring(0, max) : clean;
  }

  /** As {@link #platformText(String, int)}, passing {@code null} through. */
  public static @Nullable String optionalPlatformText(@Nullable String value, int max) {
    return value == null ? null : platformText(value, max);
  }

  /**
   * @return {@code list}, unchanged
   * @throws OmniFlowException {@code invalid_<field>} (invalid input) if it has more than {@code
   *     max} items
   */
  public static <C extends Collection<?>> C list(String field, C list, int max) {
    if (list.size() > max) {
      throw invalid(field, field + " must have at most " + max + " items.");
    }
    return list;
  }

  /**
   * @return {@code map}, unchanged
   * @throws OmniFlowException {@code invalid_<field>} (invalid input) if it has more than {@code
   *     max} entries
   */
  public static <M extends Map<?, ?>> M map(String field, M map, int max) {
    if (map.size() > max) {
      throw invalid(field, field + " must have at most " + max + " entries.");
    }
    return map;
  }

  /**
   * Checks the values a user sets by key (a lead's fields): at most {@link #MAX_LIST} entries, keys
   * of at most {@link #MAX_ID} characters, and each text value checked as {@link #text} with {@link
   * #MAX_FREE_TEXT}. Other values (numbers, true/false, null) pass; what they mean is the caller's
   * to check. The message names the key only when it looks like one ({@code budget}), so it never
   * echoes what a client sent.
   *
   * <pre>{@code
   * fields = Limits.values("fields", fields);
   * }</pre>
   *
   * @return {@code values}, unchanged
   * @throws OmniFlowException {@code invalid_<field>} (invalid input) for too many entries, a key
   *     too long, or a text value too long or holding NUL
   */
  public static <M extends Map<String, ?>> M values(String field, M values) {
    map(field, values, MAX_LIST);
    for (Map.Entry<String, ?> e : values.entrySet()) {
      String key = e.getKey();
      if (key.length() > MAX_ID) {
        throw invalid(field, field + " keys must be at most " + MAX_ID + " characters.");
      }
      if (e.getValue() instanceof String text) {
        String name = KEY.matcher(key).matches() ? field + "." + key : "a value of " + field;
        if (text.length() > MAX_FREE_TEXT) {
          throw invalid(field, name + " must be at most " + MAX_FREE_TEXT + " characters.");
        }
        if (text.indexOf('\0') >= 0) {
          throw invalid(field, name + " must not contain the NUL character (U+0000).");
        }
      }
    }
    return values;
  }

  /**
   * Checks an instant against the fixed window [{@link #EARLIEST}, {@link #LATEST}], which every
   * record holds its instants to.
   *
   * @return {@code at}, unchanged
   * @throws OmniFlowException {@code invalid_<field>} (invalid input) outside the window
   */
  public static Instant instant(String field, Instant at) {
    if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
      throw invalid(field, field + " must be between " + EARLIEST + " and " + LATEST + ".");
    }
    return at;
  }

  /**
   * Checks a business instant: not before {@link #EARLIEST} and not after {@code now} plus {@link
   * #CLOCK_SKEW}.
   *
   * @return {@code at}, unchanged
   * @throws OmniFlowException {@code invalid_<field>} (invalid input) outside that window
   */
  public static Instant past(String field, Instant at, Instant now) {
    if (at.isBefore(EARLIEST) || at.isAfter(now.plus(CLOCK_SKEW))) {
      throw invalid(field, field + " must be after " + EARLIEST + " and not in the future.");
    }
    return at;
  }

  /**
   * Checks a duration: positive and at most {@code max}.
   *
   * @return {@code d}, unchanged
   * @throws OmniFlowException {@code invalid_<field>} (invalid input) otherwise
   */
  public static Duration duration(String field, Duration d, Duration max) {
    if (d.isNegative() || d.isZero() || d.compareTo(max) > 0) {
      throw invalid(field, field + " must be positive and at most " + max + ".");
    }
    return d;
  }

  /**
   * Checks an amount of money: at most {@link #MAX_MONEY_SCALE} decimals and {@link
   * #MAX_MONEY_PRECISION} significant digits, looked at before anything formats it.
   *
   * @return {@code amount}, unchanged
   * @throws OmniFlowException {@code invalid_<field>} (invalid input) otherwise
   */
  public static BigDecimal money(String field, BigDecimal amount) {
    if (amount.scale() > MAX_MONEY_SCALE && amount.stripTrailingZeros().scale() > MAX_MONEY_SCALE) {
      throw invalid(field, field + " must have at most " + MAX_MONEY_SCALE + " decimals.");
    }
    if (amount.scale() < -MAX_MONEY_PRECISION
        || amount.precision() - amount.scale() > MAX_MONEY_PRECISION) {
      throw invalid(
          field, field + " must have at most " + MAX_MONEY_PRECISION + " digits before the point.");
    }
    return amount;
  }

  /**
   * Reads a decimal number from text without letting the text choose how much memory it takes: at
   * most {@link #MAX_DECIMAL_TEXT} characters and an exponent of at most three digits are checked
   * before {@link BigDecimal} sees it, then {@link #money}.
   *
   * @throws OmniFlowException {@code invalid_<field>} (invalid input) for anything else
   */
  public static BigDecimal decimal(String field, String text) {
    String s = text.strip();
    String expected = field + " must be a decimal number such as \"12500.00\".";
    if (s.isEmpty() || s.length() > MAX_DECIMAL_TEXT) {
      throw invalid(field, expected);
    }
    int e = Math.max(s.indexOf('e'), s.indexOf('E'));
    if (e >= 0) {
      String exponent = s.substring(e + 1);
      if (exponent.startsWith("+") || exponent.startsWith("-")) {
        exponent = exponent.substring(1);
      }
      if (exponent.isEmpty() || exponent.length() > 3) {
        throw invalid(field, expected);
      }
    }
    BigDecimal d;
    try {
      d = new BigDecimal(s);
    } catch (NumberFormatException ex) {
      throw invalid(field, expected);
    }
    return money(field, d);
  }

  private static OmniFlowException invalid(String field, String message) {
    return OmniFlowException.invalidInput("invalid_" + field, message);
  }
}
