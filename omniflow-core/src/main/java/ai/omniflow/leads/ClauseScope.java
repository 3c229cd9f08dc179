package ai.omniflow.leads;

import ai.omniflow.internal.TextNormalizer;
import java.util.List;
import java.util.Set;

/**
 * Where a match stands in its text: negated or not, in a question or not. Negation is the intent
 * classifier's: a negation word of the pack among the few words before the match, in the same
 * clause, with words normalized as {@link TextNormalizer} does ({@code don't} is {@code dont}).
 */
final class ClauseScope {
  /** How many words before a match a negation word reaches. */
  static final int NEGATION_WINDOW = 4;

  /** Negations the packs' default list lacks but statements of fact use ("I haven't been …"). */
  static final Set<String> EXTRA_NEGATIONS = Set.of("havent", "hasnt", "wasnt", "werent", "aint");

  private static final String CLAUSE_ENDS = ".!?;\n\r,";

  private ClauseScope() {}

  /**
   * Whether a negation word comes shortly before {@code start}, in the same clause. Only the
   * clause's last {@link MessageText#WINDOW} characters before {@code start} are read: the few
   * words that matter are in them.
   */
  static boolean negated(MessageText text, int start, Set<String> negationWords) {
    if (negationWords.isEmpty()) {
      return false;
    }
    int from = text.before(start, CLAUSE_ENDS);
    List<String> words = TextNormalizer.normalize(text.slice(from, start)).tokens();
    int cut = words.lastIndexOf("but");
    for (int i = words.size() - 1; i > cut && i >= words.size() - NEGATION_WINDOW; i--) {
      String w = words.get(i);
      if (negationWords.contains(w) || EXTRA_NEGATIONS.contains(w)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the sentence around {@code [start, end)} ends with a question mark within {@link
   * MessageText#WINDOW} characters.
   */
  static boolean inQuestion(MessageText text, int start, int end) {
    int to = text.after(end, "?.!\n");
    return to < text.length() && text.text().charAt(to) == '?';
  }
}
