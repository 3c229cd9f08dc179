package ai.omniflow.assist;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The language a message is written in, as {@link LanguageDetector} found it.
 *
 * <pre>{@code
 * DetectedLanguage d = LanguageDetector.ofDefaults().detect("¿cuánto cuesta?");
 * d.language();    // "es"
 * d.confidence();  // 0.99
 * d.evidence();    // false when nothing in the text told the languages apart
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param language an ISO 639-1 code, two lower-case letters ({@code en}, {@code es})
 * @param confidence how sure the detector is, in [0.5, 1]; 0.5 when there was no evidence
 * @param evidence whether anything in the text counted for one language or the other; without
 *     evidence the language is the detector's default
 */
public record DetectedLanguage(String language, double confidence, boolean evidence) {
  private static final Pattern CODE = Pattern.compile("[a-z]{2}");

  /**
   * @throws IllegalArgumentException if the language is not two lower-case letters or the
   *     confidence is outside [0.5, 1]
   * @throws NullPointerException if the language is null
   */
  public DetectedLanguage {
    Objects.requireNonNull(language, "language");
    if (!CODE.matcher(language).matches()) {
      throw new IllegalArgumentException("language must be two lower-case letters (ISO 639-1)");
    }
    if (!(confidence >= 0.5 && confidence <= 1)) {
      throw new IllegalArgumentException("confidence must be in [0.5, 1], was " + confidence);
    }
  }
}
