package ai.omniflow.assist.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a message word as the pack word it stands for, when the pack does not use the word itself:
 *
 * <ol>
 *   <li>another form of the same word, when the message word is inflected (plural, {@code -ing},
 *       {@code -ed}): {@code viewings}, {@code scheduling}, {@code booked}, {@code taxes} are
 *       {@code viewing}, {@code schedule}, {@code book}, {@code tax}, by a small suffix stemmer
 *       ({@link #stem}) applied to both sides; several pack words with one stem give the shortest,
 *       then the first alphabetically. A bare word is never read as a longer pack word ({@code min}
 *       is not {@code mining});
 *   <li>the pack word with one letter doubled ({@code boooook}, squeezed to {@code bok} by the
 *       normalizer, is {@code book});
 *   <li>the pack word written without its vowels ({@code vwng} is {@code viewing}, {@code mnthly}
 *       is {@code monthly}), only when one pack word has that consonant skeleton ({@link
 *       #skeleton}) and the message word has no vowel after its first letter;
 *   <li>with typo tolerance, a pack word of five letters or more one edit away (insert, delete,
 *       replace, or swap two neighbours), or two edits for pack words of ten letters or more
 *       ({@code reschedual} is {@code reschedule}); the fewest edits win, then the first
 *       alphabetically. Common words that are one edit from another ({@link #NEVER_TYPOS}) are
 *       never read as typos.
 * </ol>
 *
 * <p>Everything is precomputed once per pack (a part of its compiled intent index): the stems, the
 * skeletons and, for typos, every form of each pack word with one letter (two for long words)
 * deleted, so a message word costs a few map look-ups: its own deletions, at most {@code L(L-1)/2}
 * for a word of {@code L} letters, and only for words no longer than the pack's longest word plus
 * two. No regular expression, no scan of the vocabulary. Immutable and thread-safe.
 */
public final class WordForms {
  /** The shortest message and pack word read as a typo. */
  public static final int MIN_TYPO_LENGTH = 5;

  /** The shortest pack word that a message word two edits away is read as. */
  public static final int MIN_TWO_EDIT_LENGTH = 10;

  /** The shortest message word read as a pack word without its vowels. */
  static final int MIN_SKELETON_LENGTH = 3;

  /** Words of five letters or more that are never read as a typo of a pack's word. */
  static final Set<String> NEVER_TYPOS =
      Set.of(
          "there",
          "these",
          "those",
          "their",
          "where",
          "which",
          "would",
          "could",
          "should",
          "about",
          "after",
          "other",
          "thing",
          "think",
          "house",
          "place",
          "great",
          "right",
          "first",
          "every",
          "never",
          "month",
          "money",
          "times",
          "while",
          "three",
          "hours",
          "today",
          "still",
          "price",
          "prize",
          "sales",
          "loans",
          "rates",
          "costs",
          "phone",
          "phones",
          // Spanish words one edit from another Spanish word a pack uses: cuando (when) is not
          // cuanto (how much)
          "cuando",
          "cuenta",
          "cuentas",
          "venta",
          "ventas",
          "rentar");

  private final Set<String> vocabulary;
  private final int longestWord;
  private final Map<String, String> byStem;
  private final Map<String, String> bySkeleton;

  /** Each pack word's forms with one (two, for long words) letters deleted, to the pack words. */
  private final Map<String, List<String>> byDeletion;

  private WordForms(Set<String> vocabulary) {
    this.vocabulary = Set.copyOf(vocabulary);
    this.longestWord = vocabulary.stream().mapToInt(String::length).max().orElse(0);
    Map<String, String> stems = new HashMap<>();
    Map<String, String> skeletons = new HashMap<>();
    Set<String> ambiguous = new HashSet<>();
    Map<String, Set<String>> deletions = new HashMap<>();
    // sorted, so that of several pack words with one stem the shortest, then the first, wins
    List<String> sorted = new ArrayList<>(new TreeSet<>(vocabulary));
    sorted.sort((a, b) -> a.length() != b.length() ? a.length() - b.length() : a.compareTo(b));
    for (String word : sorted) {
      stems.putIfAbsent(stem(word), word);
      if (word.length() > MIN_SKELETON_LENGTH && lettersOnly(word)) {
        String skeleton = skeleton(word);
        if (!skeleton.equals(word)
            && skeleton.length() >= MIN_SKELETON_LENGTH
            && !vocabulary.contains(skeleton)) {
          String before = skeletons.putIfAbsent(skeleton, word);
          if (before != null && !before.equals(word)) {
            ambiguous.add(skeleton);
          }
        }
      }
      if (word.length() >= MIN_TYPO_LENGTH) {
        int edits = word.length() >= MIN_TWO_EDIT_LENGTH ? 2 : 1;
        for (String variant : deletions(word, edits)) {
          deletions.computeIfAbsent(variant, k -> new TreeSet<>()).add(word);
        }
      }
    }
    skeletons.keySet().removeAll(ambiguous);
    this.byStem = Map.copyOf(stems);
    this.bySkeleton = Map.copyOf(skeletons);
    Map<String, List<String>> byDeletion = new HashMap<>();
    deletions.forEach((k, v) -> byDeletion.put(k, List.copyOf(v)));
    this.byDeletion = Map.copyOf(byDeletion);
  }

  /** The word forms of a pack whose words (normalized) are {@code vocabulary}. */
  public static WordForms of(Set<String> vocabulary) {
    return new WordForms(vocabulary);
  }

  /** Whether {@code word} is one of the pack's own words. */
  public boolean isPackWord(String word) {
    return vocabulary.contains(word);
  }

  /**
   * The pack word {@code token} stands for (see the class comment), or {@code token} itself when it
   * is a pack word or stands for none.
   *
   * @param typoTolerance whether a word one or two edits from a pack word counts as it
   */
  public String packWord(String token, boolean typoTolerance) {
    if (vocabulary.contains(token) || token.length() > longestWord + 2) {
      // Every word tried below is within two letters of the token's length; and trying each
      // doubled letter of a 20,000-letter token would copy it 20,000 times.
      return token;
    }
    String bare = stripSuffix(token);
    if (!bare.equals(token)) {
      // Only an inflected message word is read through its stem: "min" is not "mining", nor
      // "like" the spam pack's "likes".
      String byForm = byStem.get(dropFinalE(bare));
      if (byForm != null) {
        return byForm;
      }
    }
    for (int i = 0; i < token.length(); i++) {
      if (Character.isLetter(token.charAt(i))) {
        String doubled = token.substring(0, i + 1) + token.substring(i);
        if (vocabulary.contains(doubled)) {
          return doubled; // "boooook" was squeezed to "bok"; the pack says "book"
        }
      }
    }
    if (token.length() >= MIN_SKELETON_LENGTH && lettersOnly(token) && noVowelAfterFirst(token)) {
      String full = bySkeleton.get(skeleton(token));
      if (full != null) {
        return full;
      }
    }
    if (!typoTolerance || token.length() < MIN_TYPO_LENGTH || NEVER_TYPOS.contains(token)) {
      return token;
    }
    return typo(token);
  }

  /** The pack word fewest edits from {@code token}, first alphabetically; else the token. */
  private String typo(String token) {
    int maxEdits = token.length() >= MIN_TWO_EDIT_LENGTH - 2 ? 2 : 1;
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String variant : deletions(token, maxEdits)) {
      List<String> candidates = byDeletion.get(variant);
      if (candidates == null) {
        continue;
      }
      for (String candidate : candidates) {
        int allowed = candidate.length() >= MIN_TWO_EDIT_LENGTH ? 2 : 1;
        int d = distance(token, candidate, allowed);
        if (d <= allowed
            && (d < bestDistance || (d == bestDistance && candidate.compareTo(best) < 0))) {
          best = candidate;
          bestDistance = d;
        }
      }
    }
    return best == null ? token : best;
  }

  /** {@code word} and its forms with up to {@code edits} (1 or 2) letters deleted. */
  static Set<String> deletions(String word, int edits) {
    Set<String> out = new LinkedHashSet<>();
    out.add(word);
    List<String> once = new ArrayList<>();
    for (int i = 0; i < word.length(); i++) {
      String d = word.substring(0, i) + word.substring(i + 1);
      if (out.add(d)) {
        once.add(d);
      }
    }
    if (edits > 1) {
      for (String d : once) {
        for (int i = 0; i < d.length(); i++) {
          out.add(d.substring(0, i) + d.substring(i + 1));
        }
      }
    }
    return out;
  }

  /**
   * The optimal-string-alignment distance of {@code a} and {@code b} (insert, delete, replace, swap
   * two neighbours), or {@code max + 1} once it is sure to exceed {@code max}.
   */
  static int distance(String a, String b, int max) {
    int la = a.length();
    int lb = b.length();
    if (Math.abs(la - lb) > max) {
      return max + 1;
    }
    int[] prev2 = new int[lb + 1];
    int[] prev = new int[lb + 1];
    int[] cur = new int[lb + 1];
    for (int j = 0; j <= lb; j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= la; i++) {
      cur[0] = i;
      int rowMin = cur[0];
      for (int j = 1; j <= lb; j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, prev2[j - 2] + 1);
        }
        cur[j] = v;
        rowMin = Math.min(rowMin, v);
      }
      if (rowMin > max) {
        return max + 1;
      }
      int[] t = prev2;
      prev2 = prev;
      prev = cur;
      cur = t;
    }
    return Math.min(prev[lb], max + 1);
  }

  /**
   * The stem of {@code word}: {@code -ies} becomes {@code -y}; {@code -ing} (words of six letters
   * or more) and {@code -ed} (five or more) are cut, and a doubled last consonant undoubled ({@code
   * stopped}, {@code stopping}: {@code stop}); else a plural {@code -s} is cut (not {@code -ss},
   * {@code -us}, {@code -is}); then a final {@code e} (stems of four letters or more). So {@code
   * price}, {@code prices}, {@code priced} and {@code pricing} share {@code pric}.
   */
  static String stem(String word) {
    return dropFinalE(stripSuffix(word));
  }

  /**
   * {@code word} less its inflection ({@code -ies} to {@code -y}, {@code -ing}, {@code -ed}, s).
   */
  private static String stripSuffix(String word) {
    int n = word.length();
    if (n >= 5 && word.endsWith("ies")) {
      return word.substring(0, n - 3) + "y";
    } else if (n >= 6 && word.endsWith("ing")) {
      return undouble(word.substring(0, n - 3));
    } else if (n >= 5 && word.endsWith("ed")) {
      return undouble(word.substring(0, n - 2));
    } else if (n >= 4
        && word.endsWith("s")
        && !word.endsWith("ss")
        && !word.endsWith("us")
        && !word.endsWith("is")) {
      return word.substring(0, n - 1);
    }
    return word;
  }

  private static String dropFinalE(String s) {
    return s.length() >= 4 && s.endsWith("e") ? s.substring(0, s.length() - 1) : s;
  }

  /** {@code stem} less one of a doubled last consonant, except l, s, f and z (call, pass). */
  private static String undouble(String stem) {
    int n = stem.length();
    if (n >= 4) {
      char last = stem.charAt(n - 1);
      if (last == stem.charAt(n - 2) && !isVowel(last) && "lsfz".indexOf(last) < 0) {
        return stem.substring(0, n - 1);
      }
    }
    return stem;
  }

  /**
   * The consonant skeleton of {@code word}: its first letter, then its other letters less the
   * vowels (a, e, i, o, u), a letter repeated next to itself kept once ({@code viewing}: {@code
   * vwng}; {@code tomorrow}: {@code tmrw}).
   */
  static String skeleton(String word) {
    StringBuilder out = new StringBuilder(word.length());
    out.append(word.charAt(0));
    for (int i = 1; i < word.length(); i++) {
      char c = word.charAt(i);
      if (!isVowel(c) && c != out.charAt(out.length() - 1)) {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean noVowelAfterFirst(String word) {
    for (int i = 1; i < word.length(); i++) {
      if (isVowel(word.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean lettersOnly(String word) {
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (c < 'a' || c > 'z') {
        return false;
      }
    }
    return true;
  }

  private static boolean isVowel(char c) {
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
  }
}
