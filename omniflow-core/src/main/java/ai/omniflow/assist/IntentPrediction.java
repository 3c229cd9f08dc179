package ai.omniflow.assist;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What an inbound message wants, as an intent classifier found it.
 *
 * <pre>{@code
 * IntentPrediction p = classifier.classify("pirce for botox pls", pack);
 * p.intent();   // "pricing_question"
 * p.matched();  // ["price"]: the pack's keyword that fired, after typo tolerance
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param intent the key of the most likely intent of the pack
 * @param confidence how sure the classifier is, in [0, 1]; low when nothing in the text matched
 * @param runnerUp the key of the second most likely intent, or {@code null} if no other intent had
 *     any evidence
 * @param runnerUpConfidence the runner-up's confidence, in [0, 1]; 0 when there is no runner-up
 * @param matched the pack's keywords, phrases and patterns that counted for {@code intent}, so the
 *     prediction can be explained; empty when the intent is a fallback
 */
public record IntentPrediction(
    String intent,
    double confidence,
    @Nullable String runnerUp,
    double runnerUpConfidence,
    List<String> matched) {

  /**
   * @throws IllegalArgumentException if the intent is blank, a confidence is outside [0, 1], or
   *     there is a runner-up confidence without a runner-up
   */
  public IntentPrediction {
    Objects.requireNonNull(intent, "intent");
    if (intent.isBlank()) {
      throw new IllegalArgumentException("intent must not be blank");
    }
    requireUnit("confidence", confidence);
    requireUnit("runnerUpConfidence", runnerUpConfidence);
    if (runnerUp == null && runnerUpConfidence != 0) {
      throw new IllegalArgumentException("runnerUpConfidence must be 0 when there is no runner-up");
    }
    matched = List.copyOf(matched);
  }

  private static void requireUnit(String name, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1], was " + value);
    }
  }
}
