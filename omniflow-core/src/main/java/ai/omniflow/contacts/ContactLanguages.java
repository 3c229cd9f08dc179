package ai.omniflow.contacts;

import ai.omniflow.LanguageTags;
import ai.omniflow.assist.DetectedLanguage;
import ai.omniflow.assist.LanguageDetector;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Decides the language a contact writes in from their latest inbound messages, each detected on its
 * own by {@link LanguageDetector} (decision 0049). The rule, small enough to explain to an agent
 * (decision 0053):
 *
 * <ol>
 *   <li>A language an agent set ({@link Contact#languageSetByAgent()}) is kept: detection never
 *       overrides a person.
 *   <li>Of the contact's last {@value #WINDOW} inbound messages, those with no evidence either way
 *       ({@code k}, {@code $$?}, 👍) are left out; if none is left, the language stays as it was.
 *   <li>The language most of the others are in wins; a tie goes to the language of the newest of
 *       them.
 *   <li>A winner that names the same language as the contact's current tag ({@code es} against
 *       {@code es-MX}) keeps the current tag.
 * </ol>
 *
 * <pre>{@code
 * ContactLanguages rule = ContactLanguages.ofDefaults();
 * String lang = rule.decide(contact, List.of("hi", "hola, precio?", "¿sigue disponible?"));
 * // "es"
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class ContactLanguages {
  /** How many of the contact's latest inbound messages are weighed: 5. */
  public static final int WINDOW = 5;

  private final LanguageDetector detector;

  /** A rule reading each message's language with {@code detector}. */
  public ContactLanguages(LanguageDetector detector) {
    this.detector = Objects.requireNonNull(detector, "detector");
  }

  /** The rule with {@link LanguageDetector#ofDefaults()}. */
  public static ContactLanguages ofDefaults() {
    return new ContactLanguages(LanguageDetector.ofDefaults());
  }

  /**
   * The language {@code contact} should carry after these inbound messages.
   *
   * @param inboundTexts the texts of the contact's latest inbound messages, oldest first; only the
   *     last {@value #WINDOW} are read
   * @return the contact's language as the rule above decides it: its current one (maybe {@code
   *     null}) when the rule finds no reason to change it
   */
  public @Nullable String decide(Contact contact, List<String> inboundTexts) {
    Objects.requireNonNull(contact, "contact");
    String current = contact.language();
    if (contact.languageSetByAgent()) {
      return current;
    }
    Map<String, Integer> votes = new HashMap<>();
    String newest = null;
    int from = Math.max(0, inboundTexts.size() - WINDOW);
    for (int i = from; i < inboundTexts.size(); i++) {
      DetectedLanguage d = detector.detect(inboundTexts.get(i));
      if (d.evidence()) {
        votes.merge(d.language(), 1, Integer::sum);
        newest = d.language();
      }
    }
    if (newest == null) {
      return current;
    }
    String winner = newest;
    int best = votes.get(newest);
    for (Map.Entry<String, Integer> v : votes.entrySet()) {
      if (v.getValue() > best) {
        winner = v.getKey();
        best = v.getValue();
      }
    }
    if (current != null && LanguageTags.sameLanguage(current, winner)) {
      return current;
    }
    return winner;
  }
}
