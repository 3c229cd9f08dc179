package ai.omniflow.internal;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns text into the words the intent classifier matches, the same way for a message and for a
 * pack's keywords and phrases:
 *
 * <ol>
 *   <li>emoji with a meaning in enquiries become words ({@link #EMOJI_WORDS}); other emoji and
 *       symbols separate words;
 *   <li>lower case ({@link Locale#ROOT});
 *   <li>accents and other diacritics are removed (Unicode NFD, then combining marks dropped), so
 *       {@code cuánto} is {@code cuanto} and {@code español} is {@code espanol};
 *   <li>apostrophes are dropped, so {@code don't} is {@code dont} and {@code i'd} is {@code id};
 *   <li>words are runs of letters and digits; everything else separates them, and sentence
 *       punctuation and line breaks also end a clause;
 *   <li>a run of three or more of the same letter becomes one ({@code soooo} is {@code so}, {@code
 *       hiiii} is {@code hi}); runs of two stay, so {@code book} and {@code meet} survive.
 * </ol>
 *
 * <p>Stateless and thread-safe.
 */
public final class TextNormalizer {
  /** Emoji that carry a meaning in enquiries, and the word each stands for. */
  public static final Map<Integer, String> EMOJI_WORDS =
      Map.ofEntries(
          Map.entry(0x1F3E0, "house"), // 🏠
          Map.entry(0x1F3E1, "house"), // 🏡
          Map.entry(0x1F3D8, "house"), // 🏘
          Map.entry(0x1F4B0, "price"), // 💰
          Map.entry(0x1F4B5, "price"), // 💵
          Map.entry(0x1F4B2, "price"), // 💲
          Map.entry(0x1F4C5, "date"), // 📅
          Map.entry(0x1F4C6, "date"), // 📆
          Map.entry(0x1F5D3, "date"), // 🗓
          Map.entry(0x1F44D, "yes"), // 👍
          Map.entry(0x2705, "yes"), // ✅
          Map.entry(0x1F44E, "no"), // 👎
          Map.entry(0x274C, "no"), // ❌
          Map.entry(0x1F6D1, "stop"), // 🛑
          Map.entry(0x1F6AB, "stop"), // 🚫
          Map.entry(0x26D4, "stop")); // ⛔

  private static final String CLAUSE_ENDS = ".,!?;¿¡\n\r";
  private static final String APOSTROPHES = "'’‘`´";

  private TextNormalizer() {}

  /** Normalizes {@code text}; blank text gives no words. */
  public static NormalizedText normalize(String text) {
    StringBuilder mapped = new StringBuilder(text.length() + 16);
    text.codePoints()
        .forEach(
            cp -> {
              String word = EMOJI_WORDS.get(cp);
              if (word != null) {
                mapped.append(' ').append(word).append(' ');
              } else {
                mapped.appendCodePoint(cp);
              }
            });
    String folded =
        Normalizer.normalize(mapped.toString().toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
    List<String> tokens = new ArrayList<>();
    List<Integer> clauses = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    int clause = 0;
    for (int i = 0; i < folded.length(); ) {
      int cp = folded.codePointAt(i);
      i += Character.charCount(cp);
      int type = Character.getType(cp);
      if (type == Character.NON_SPACING_MARK
          || type == Character.COMBINING_SPACING_MARK
          || type == Character.ENCLOSING_MARK
          || type == Character.FORMAT
          || APOSTROPHES.indexOf(cp) >= 0) {
        continue; // accents, zero-width joiners and variation selectors, apostrophes
      }
      if (Character.isLetterOrDigit(cp)) {
        word.appendCodePoint(cp);
        continue;
      }
      clause = flush(word, tokens, clauses, clause);
      if (CLAUSE_ENDS.indexOf(cp) >= 0) {
        clause++;
      }
    }
    flush(word, tokens, clauses, clause);
    return new NormalizedText(tokens, clauses);
  }

  /** Adds the word being built, if any; returns the clause the next word is in. */
  private static int flush(
      StringBuilder word, List<String> tokens, List<Integer> clauses, int clause) {
    if (word.isEmpty()) {
      return clause;
    }
    String token = squeeze(word.toString());
    word.setLength(0);
    tokens.add(token);
    clauses.add(clause);
    return token.equals("but") || token.equals("pero") ? clause + 1 : clause;
  }

  /** Cuts each run of three or more of the same letter to one letter. */
  static String squeeze(String word) {
    StringBuilder out = new StringBuilder(word.length());
    int i = 0;
    while (i < word.length()) {
      char c = word.charAt(i);
      int j = i;
      while (j < word.length() && word.charAt(j) == c) {
        j++;
      }
      int run = j - i;
      int keep = run >= 3 && Character.isLetter(c) ? 1 : run;
      for (int k = 0; k < keep; k++) {
        out.append(c);
      }
      i = j;
    }
    return out.toString();
  }
}
