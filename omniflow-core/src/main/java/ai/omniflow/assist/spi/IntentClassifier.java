package ai.omniflow.assist.spi;

import ai.omniflow.assist.IntentPrediction;
import ai.omniflow.pack.VerticalPack;

/**
 * Finds what an inbound message wants, in the vocabulary of a vertical pack. The default is {@link
 * ai.omniflow.assist.PackIntentClassifier}; a host may register its own, e.g. one backed by a
 * model.
 *
 * <pre>{@code
 * IntentPrediction p = classifier.classify("how much is it?", pack);
 * p.intent();      // "pricing_question"
 * p.confidence();  // in [0, 1]
 * }</pre>
 *
 * <p>Implementations must be thread-safe: one instance serves every thread and every pack.
 */
@FunctionalInterface
public interface IntentClassifier {
  /**
   * Classifies one message.
   *
   * @param text the message's text, as the sender wrote it
   * @param pack the pack whose intents are the possible answers
   * @return the prediction; its intent and runner-up are keys of intents of {@code pack}
   * @throws IllegalArgumentException if {@code text} is empty or blank, or {@code pack} has no
   *     intents
   * @throws NullPointerException if an argument is null
   * @throws ai.omniflow.OmniFlowException with code {@code unavailable} if a classifier that needs
   *     an outside service cannot reach it (the default never does)
   */
  IntentPrediction classify(String text, VerticalPack pack);
}
