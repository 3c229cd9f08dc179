package ai.omniflow;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The language tags OmniFlow keeps for contacts, leads and agents: a well-formed subset of BCP 47,
 * a primary language subtag of 2 or 3 letters, an optional script of 4 letters and an optional
 * region of 2 letters or 3 digits ({@code es}, {@code es-MX}, {@code zh-Hant-TW}, {@code es-419}),
 * at most {@value #MAX_LENGTH} characters. Tags are written in the canonical case: primary in lower
 * case, script in title case, region in upper case, so {@code ES-mx} is kept as {@code es-MX}.
 * Whether a tag names a registered language is not checked; two tags name the same language when
 * their primary subtags are equal ({@link #sameLanguage}).
 *
 * <pre>{@code
 * String tag = LanguageTags.normalize("ES-mx");       // "es-MX"
 * LanguageTags.sameLanguage("es", "es-MX");           // true
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class LanguageTags {
  /** The longest tag kept: 35 characters, as BCP 47 advises a tag fit in. */
  public static final int MAX_LENGTH = 35;

  /** The error code of a refused tag: {@code invalid_language}. */
  public static final String INVALID_LANGUAGE = "invalid_language";

  private static final Pattern TAG =
      Pattern.compile("([A-Za-z]{2,3})(?:-([A-Za-z]{4}))?(?:-([A-Za-z]{2}|[0-9]{3}))?");

  private LanguageTags() {}

  /**
   * {@code tag} stripped and in canonical case.
   *
   * @throws OmniFlowException {@code invalid_language} (invalid input) if it is blank, longer than
   *     {@value #MAX_LENGTH} characters or not of the shape above; the message does not repeat it
   */
  public static String normalize(String tag) {
    String t = tag.strip();
    if (t.isEmpty() || t.length() > MAX_LENGTH) {
      throw invalid();
    }
    Matcher m = TAG.matcher(t);
    if (!m.matches()) {
      throw invalid();
    }
    StringBuilder b = new StringBuilder(t.length());
    b.append(m.group(1).toLowerCase(Locale.ROOT));
    String script = m.group(2);
    if (script != null) {
      b.append('-')
          .append(script.substring(0, 1).toUpperCase(Locale.ROOT))
          .append(script.substring(1).toLowerCase(Locale.ROOT));
    }
    String region = m.group(3);
    if (region != null) {
      b.append('-').append(region.toUpperCase(Locale.ROOT));
    }
    return b.toString();
  }

  /** As {@link #normalize}, passing {@code null} through. */
  public static @Nullable String normalizeOptional(@Nullable String tag) {
    return tag == null ? null : normalize(tag);
  }

  /** Whether {@code tag} is a tag {@link #normalize} accepts. */
  public static boolean isValid(@Nullable String tag) {
    if (tag == null) {
      return false;
    }
    String t = tag.strip();
    return !t.isEmpty() && t.length() <= MAX_LENGTH && TAG.matcher(t).matches();
  }

  /** The primary language subtag of a tag, in lower case: {@code es} for {@code es-MX}. */
  public static String primary(String tag) {
    int dash = tag.indexOf('-');
    return (dash < 0 ? tag : tag.substring(0, dash)).toLowerCase(Locale.ROOT);
  }

  /**
   * Whether two tags name the same language: their primary subtags are equal, whatever the region
   * or script ({@code es} and {@code es-MX} do; {@code es} and {@code en} do not).
   */
  public static boolean sameLanguage(String a, String b) {
    return primary(a).equals(primary(b));
  }

  private static OmniFlowException invalid() {
    return OmniFlowException.invalidInput(
        INVALID_LANGUAGE,
        "language must be a BCP 47 tag such as es or es-MX (a 2 or 3 letter language, an optional"
            + " script and region), at most "
            + MAX_LENGTH
            + " characters.");
  }
}
