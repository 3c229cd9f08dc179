package ai.omniflow.internal;

import java.util.List;

/**
 * A message as the intent classifier reads it: its words, and which clause each word is in. Clauses
 * are split at sentence punctuation ({@code . , ! ? ;}), at line breaks and after {@code but};
 * negation reaches only within a clause.
 *
 * @param tokens the words, normalized
 * @param clauses for each word, the index of its clause
 */
public record NormalizedText(List<String> tokens, List<Integer> clauses) {
  public NormalizedText {
    tokens = List.copyOf(tokens);
    clauses = List.copyOf(clauses);
    if (tokens.size() != clauses.size()) {
      throw new IllegalArgumentException("one clause index per token");
    }
  }

  /** The words separated by single spaces: the text patterns are matched against. */
  public String text() {
    return String.join(" ", tokens);
  }
}
