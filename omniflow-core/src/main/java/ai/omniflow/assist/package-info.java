/**
 * AI assist: what an inbound message wants ({@link ai.omniflow.assist.IntentPrediction}), found by
 * an {@link ai.omniflow.assist.spi.IntentClassifier}. The default, {@link
 * ai.omniflow.assist.PackIntentClassifier}, is offline and deterministic and needs no model or key:
 * it reads the intent definitions of the pack.
 */
@NullMarked
package ai.omniflow.assist;

import org.jspecify.annotations.NullMarked;
