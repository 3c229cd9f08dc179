package ai.omniflow.assist;

import ai.omniflow.assist.internal.IntentIndex;
import ai.omniflow.assist.spi.IntentClassifier;
import ai.omniflow.pack.CompiledPack;
import ai.omniflow.pack.VerticalPack;
import java.util.Objects;

/**
 * The default intent classifier: offline, deterministic, and needing no model or key. It reads the
 * pack's intent definitions (keywords, phrases, patterns, weights, negation words), normalizes the
 * message (case, accents, apostrophes, repeated letters, emoji, punctuation), tolerates plurals and
 * one-letter typos in words of five letters or more, ignores a keyword or phrase shortly after a
 * negation word ({@code not}, {@code don't}, {@code never}, …) in the same clause, and scores each
 * intent by the evidence for it. When nothing matches, it answers {@code general_question} (or the
 * pack's first intent if it has no such intent) with a low confidence. The rules are in {@code
 * docs/intents.md}.
 *
 * <pre>{@code
 * IntentClassifier classifier = PackIntentClassifier.ofDefaults();
 * IntentPrediction p = classifier.classify("How much is the Elm St house?", realEstate);
 * p.intent();   // "pricing_question"
 * p.matched();  // ["how much"]
 * }</pre>
 *
 * <p>Immutable and thread-safe. Each pack's definitions are compiled once, on first use, into an
 * index held by the pack's {@link CompiledPack} (kept by slug and version; a different pack under
 * the same slug and version is compiled afresh), which every classifier shares whatever its
 * settings.
 */
public final class PackIntentClassifier implements IntentClassifier {
  /** How many words before a keyword a negation word reaches, unless set otherwise. */
  public static final int DEFAULT_NEGATION_WINDOW = 4;

  /** Each pack's intent definitions, normalized and compiled once per pack version. */
  static final CompiledPack.Part<IntentIndex> INDEX =
      CompiledPack.Part.of("intent-index", c -> IntentIndex.compile(c.pack()));

  private final int negationWindow;
  private final boolean typoTolerance;

  private PackIntentClassifier(Builder builder) {
    this.negationWindow = builder.negationWindow;
    this.typoTolerance = builder.typoTolerance;
  }

  /** A classifier with the default settings. */
  public static PackIntentClassifier ofDefaults() {
    return builder().build();
  }

  /** A builder starting from the default settings. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this classifier's settings. */
  public Builder toBuilder() {
    return new Builder().negationWindow(negationWindow).typoTolerance(typoTolerance);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if {@code text} is empty or blank, or {@code pack} has no
   *     intents
   * @throws NullPointerException if an argument is null
   */
  @Override
  public IntentPrediction classify(String text, VerticalPack pack) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(pack, "pack");
    if (text.isBlank()) {
      throw new IllegalArgumentException("text must not be empty or blank");
    }
    return CompiledPack.of(pack).part(INDEX).classify(text, negationWindow, typoTolerance);
  }

  /** Settings of a {@link PackIntentClassifier}. Not thread-safe. */
  public static final class Builder {
    private int negationWindow = DEFAULT_NEGATION_WINDOW;
    private boolean typoTolerance = true;

    private Builder() {}

    /**
     * How many words before a keyword, phrase or pattern a negation word reaches; 0 turns negation
     * off. Default {@value PackIntentClassifier#DEFAULT_NEGATION_WINDOW}.
     *
     * @throws IllegalArgumentException if negative or above 10
     */
    public Builder negationWindow(int words) {
      if (words < 0 || words > 10) {
        throw new IllegalArgumentException("negationWindow must be 0 to 10, was " + words);
      }
      this.negationWindow = words;
      return this;
    }

    /**
     * Whether a word of five letters or more one edit away from a pack's word (e.g. {@code pirce})
     * counts as that word. Default true.
     */
    public Builder typoTolerance(boolean enabled) {
      this.typoTolerance = enabled;
      return this;
    }

    public PackIntentClassifier build() {
      return new PackIntentClassifier(this);
    }
  }
}
