package ai.omniflow.assist.internal;

import ai.omniflow.assist.IntentPrediction;
import ai.omniflow.guardrails.ComplianceKeywords;
import ai.omniflow.guardrails.KeywordAction;
import ai.omniflow.internal.NormalizedText;
import ai.omniflow.internal.TextNormalizer;
import ai.omniflow.pack.VerticalPack;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One pack's intent definitions, normalized and compiled once (a part of the pack's {@code
 * CompiledPack}), and the scoring that classifies a message against them. The classifier's settings
 * (negation window, typo tolerance) are given per call, so one index serves every classifier.
 * Immutable and thread-safe.
 *
 * <p>Reading a message: a message that is, as a whole, an opt-out compliance keyword ({@link
 * ComplianceKeywords}: STOP, UNSUBSCRIBE, CANCEL, END, QUIT, STOPALL and the pack's own, such as
 * BAJA, ALTO, PARAR) is the {@link #OPT_OUT_INTENT} intent with full confidence, if the pack has
 * it. Otherwise the text is normalized and split into words once; chat shorthand the pack does not
 * use itself is expanded ({@link ChatShorthand}: {@code u}, {@code pls}, {@code wanna}); and each
 * word is read as the pack word it stands for ({@link WordForms}: other forms, vowel-less forms,
 * typos).
 *
 * <p>Scoring: each distinct keyword that occurs counts 1, each phrase of n words {@code 1 + (n - 1)
 * / 2}, each pattern 2, unless a negation word comes before it within {@code negationWindow} words
 * of the same clause, in which case it does not count. An intent's score is the sum times its
 * weight. The best score wins, ties going to the intent listed first. Confidence is {@code (s /
 * total) * (s / (s + 1))}: the intent's share of all evidence times how much evidence there is.
 * With no evidence at all, the fallback intent ({@code general_question}, else the first intent)
 * wins with {@link #FALLBACK_CONFIDENCE}.
 */
public final class IntentIndex {
  /** The confidence of the fallback intent when nothing in the text matched. */
  public static final double FALLBACK_CONFIDENCE = 0.1;

  /** The intent chosen when nothing matches, if the pack has it. */
  public static final String FALLBACK_INTENT = "general_question";

  /** The intent a whole-message opt-out keyword (STOP, BAJA, …) is, if the pack has it. */
  public static final String OPT_OUT_INTENT = "opt_out";

  /** The confidence of an opt-out read from a whole-message compliance keyword. */
  public static final double KEYWORD_OPT_OUT_CONFIDENCE = 1.0;

  private static final double KEYWORD = 1.0;
  private static final double PATTERN = 2.0;

  /** A word left in a pattern's source once its regular-expression syntax is taken out. */
  private static final Pattern LITERAL_WORD = Pattern.compile("[a-z0-9]{2,}");

  private final VerticalPack pack;
  private final List<Definition> definitions;

  /** Every definition's phrases, by their first word, so a message is scanned once for all. */
  private final Map<String, List<Phrase>> phrasesByFirstWord;

  private final int phraseCount;

  /** The pack's words and the message words read as them (forms, skeletons, typos). */
  private final WordForms wordForms;

  /**
   * The words the pack's patterns spell out ({@code works} in {@code 3pm works}), kept as written:
   * patterns are searched in the message's words, so reading such a word as another pack word
   * ({@code works} as the phrase word {@code work}) would hide it from the pattern that names it.
   */
  private final Set<String> patternWords;

  /** Chat shorthand the pack does not use itself, to the words it stands for. */
  private final Map<String, List<String>> shorthand;

  /** The pack's compliance keywords (and the English ones), for whole-message opt-outs. */
  private final ComplianceKeywords complianceKeywords;

  /** Whether the pack has the {@link #OPT_OUT_INTENT} intent. */
  private final boolean hasOptOut;

  private final Set<String> negationWords;
  private final String fallback;

  private record Phrase(String[] tokens, String source, int index) {}

  private record Rule(Pattern pattern, String source) {}

  private record Definition(
      String key,
      double weight,
      Map<String, String> keywords,
      List<Phrase> phrases,
      List<Rule> patterns) {}

  private IntentIndex(VerticalPack pack) {
    this.pack = pack;
    List<Definition> defs = new ArrayList<>();
    Set<String> vocab = new HashSet<>();
    Set<String> literals = new HashSet<>();
    Map<String, List<Phrase>> byFirstWord = new HashMap<>();
    int phraseIndex = 0;
    for (VerticalPack.Intent intent : pack.intents()) {
      Map<String, String> keywords = new HashMap<>();
      List<Phrase> phrases = new ArrayList<>();
      List<String> sources = new ArrayList<>(intent.keywords());
      sources.addAll(intent.phrases());
      for (String source : sources) {
        List<String> tokens = TextNormalizer.normalize(source).tokens();
        vocab.addAll(tokens);
        if (tokens.size() == 1) {
          keywords.putIfAbsent(tokens.get(0), source);
        } else if (tokens.size() > 1) {
          Phrase phrase = new Phrase(tokens.toArray(String[]::new), source, phraseIndex++);
          phrases.add(phrase);
          byFirstWord.computeIfAbsent(tokens.get(0), k -> new ArrayList<>()).add(phrase);
        }
      }
      List<Rule> rules = new ArrayList<>();
      for (String source : intent.patterns()) {
        rules.add(new Rule(Pattern.compile(source), source));
        literals.addAll(literalWords(source));
      }
      defs.add(new Definition(intent.key(), intent.weight(), keywords, phrases, rules));
    }
    this.definitions = List.copyOf(defs);
    byFirstWord.replaceAll((k, v) -> List.copyOf(v));
    this.phrasesByFirstWord = Map.copyOf(byFirstWord);
    this.phraseCount = phraseIndex;
    this.wordForms = WordForms.of(vocab);
    this.patternWords = Set.copyOf(literals);
    Set<String> written = new HashSet<>(vocab);
    written.addAll(literals);
    this.shorthand = ChatShorthand.forVocabulary(written);
    this.complianceKeywords = ComplianceKeywords.of(pack.compliance());
    this.hasOptOut = pack.intents().stream().anyMatch(i -> i.key().equals(OPT_OUT_INTENT));
    this.negationWords = Set.copyOf(pack.negationWords());
    this.fallback =
        pack.intents().stream().anyMatch(i -> i.key().equals(FALLBACK_INTENT))
            ? FALLBACK_INTENT
            : pack.intents().get(0).key();
  }

  /**
   * @throws IllegalArgumentException if the pack has no intents
   */
  public static IntentIndex compile(VerticalPack pack) {
    if (pack.intents().isEmpty()) {
      throw new IllegalArgumentException("pack '" + pack.slug() + "' has no intents");
    }
    return new IntentIndex(pack);
  }

  /** The pack this was compiled from. */
  public VerticalPack pack() {
    return pack;
  }

  /**
   * @param negationWindow how many words before a match a negation word reaches; 0 turns negation
   *     off
   * @param typoTolerance whether a word one edit away from a pack's word counts as that word
   * @throws IllegalArgumentException if {@code text} is blank
   */
  public IntentPrediction classify(String text, int negationWindow, boolean typoTolerance) {
    if (text.isBlank()) {
      throw new IllegalArgumentException("text must not be empty or blank");
    }
    if (hasOptOut) {
      Optional<KeywordAction> action = complianceKeywords.recognize(text);
      if (action.isPresent()
          && (action.get() == KeywordAction.STOP || action.get() == KeywordAction.STOP_ALL)) {
        return new IntentPrediction(
            OPT_OUT_INTENT,
            KEYWORD_OPT_OUT_CONFIDENCE,
            null,
            0,
            List.of(ComplianceKeywords.keywordForm(text)));
      }
    }
    NormalizedText normalized = TextNormalizer.normalize(bareCurrencyAsPrice(text));
    List<String> tokens = new ArrayList<>(normalized.tokens().size() + 4);
    List<Integer> clauseOf = new ArrayList<>(normalized.tokens().size() + 4);
    for (int i = 0; i < normalized.tokens().size(); i++) {
      String token = normalized.tokens().get(i);
      int clause = normalized.clauses().get(i);
      List<String> words = wordForms.isPackWord(token) ? null : shorthand.get(token);
      for (String word : words == null ? List.of(token) : words) {
        tokens.add(patternWords.contains(word) ? word : wordForms.packWord(word, typoTolerance));
        clauseOf.add(clause);
      }
    }
    int[] clauses = clauseOf.stream().mapToInt(Integer::intValue).toArray();
    String joined = String.join(" ", tokens);
    int[] starts = new int[tokens.size()];
    for (int i = 0, at = 0; i < tokens.size(); i++) {
      starts[i] = at;
      at += tokens.get(i).length() + 1;
    }

    boolean[] phraseFound = new boolean[phraseCount];
    for (int i = 0; i < tokens.size(); i++) {
      List<Phrase> starting = phrasesByFirstWord.get(tokens.get(i));
      if (starting == null) {
        continue;
      }
      for (Phrase phrase : starting) {
        if (!phraseFound[phrase.index()]
            && occursAt(tokens, clauses, phrase.tokens(), i, negationWindow)) {
          phraseFound[phrase.index()] = true;
        }
      }
    }

    int n = definitions.size();
    double[] scores = new double[n];
    List<List<String>> matched = new ArrayList<>(n);
    for (int d = 0; d < n; d++) {
      Definition def = definitions.get(d);
      List<String> fired = new ArrayList<>();
      double score = 0;
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < tokens.size(); i++) {
        String source = def.keywords().get(tokens.get(i));
        if (source != null
            && !seen.contains(source)
            && !negated(tokens, clauses, i, negationWindow)) {
          seen.add(source);
          fired.add(source);
          score += KEYWORD;
        }
      }
      for (Phrase phrase : def.phrases()) {
        if (phraseFound[phrase.index()]) {
          fired.add(phrase.source());
          score += 1 + (phrase.tokens().length - 1) / 2.0;
        }
      }
      for (Rule rule : def.patterns()) {
        Matcher m = rule.pattern().matcher(joined);
        while (m.find()) {
          int token = Arrays.binarySearch(starts, m.start());
          token = token >= 0 ? token : Math.max(0, -token - 2);
          if (tokens.isEmpty() || !negated(tokens, clauses, token, negationWindow)) {
            fired.add(rule.source());
            score += PATTERN;
            break;
          }
        }
      }
      scores[d] = score * def.weight();
      matched.add(fired);
    }

    int best = -1;
    int second = -1;
    double total = 0;
    for (int d = 0; d < n; d++) {
      total += scores[d];
      if (scores[d] <= 0) {
        continue;
      }
      if (best < 0 || scores[d] > scores[best]) {
        second = best;
        best = d;
      } else if (second < 0 || scores[d] > scores[second]) {
        second = d;
      }
    }
    if (best < 0) {
      return new IntentPrediction(fallback, FALLBACK_CONFIDENCE, null, 0, List.of());
    }
    String runnerUp = second < 0 ? null : definitions.get(second).key();
    double runnerUpConfidence = second < 0 ? 0 : confidence(scores[second], total);
    return new IntentPrediction(
        definitions.get(best).key(),
        confidence(scores[best], total),
        runnerUp,
        runnerUpConfidence,
        matched.get(best));
  }

  /**
   * The words a pattern spells out literally, of two letters or more: what is left of its source
   * once escapes ({@code \b}, {@code \d}, {@code \p{L}}), character classes and counted repetitions
   * are taken out. {@code \b(works?|work) (for me)\b} gives {@code works}, {@code work}, {@code
   * for} and {@code me}. A word too many only keeps a message word as written.
   */
  static Set<String> literalWords(String patternSource) {
    String literal =
        patternSource
            .replaceAll("\\\\[pP]\\{[^}]*\\}", " ")
            .replaceAll("\\\\.", " ")
            .replaceAll("\\[[^\\]]*\\]", " ")
            .replaceAll("\\{[^}]*\\}", " ");
    Set<String> words = new HashSet<>();
    Matcher m = LITERAL_WORD.matcher(literal);
    while (m.find()) {
      words.add(m.group());
    }
    return words;
  }

  private static double confidence(double score, double total) {
    double c = (score / total) * (score / (score + 1));
    return Math.min(1, Math.max(0, c));
  }

  /**
   * Whether {@code phrase} starts at token {@code i}, within one clause, and is not negated. A
   * phrase counts if any of its occurrences does.
   */
  private boolean occursAt(
      List<String> tokens, int[] clauses, String[] phrase, int i, int negationWindow) {
    if (i + phrase.length > tokens.size()) {
      return false;
    }
    for (int k = 0; k < phrase.length; k++) {
      if (!tokens.get(i + k).equals(phrase[k]) || clauses[i + k] != clauses[i]) {
        return false;
      }
    }
    return !negated(tokens, clauses, i, negationWindow);
  }

  /** Whether a negation word comes shortly before token {@code i}, in the same clause. */
  private boolean negated(List<String> tokens, int[] clauses, int i, int negationWindow) {
    for (int j = i - 1; j >= 0 && j >= i - negationWindow; j--) {
      if (clauses[j] != clauses[i]) {
        return false;
      }
      if (negationWords.contains(tokens.get(j))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The text with each run of currency signs that no digit follows ({@code $$?}, {@code what's the
   * $}) replaced by 💲, which the normalizer reads as {@code price}; an amount ({@code $500}) stays
   * as it is. One pass.
   */
  static String bareCurrencyAsPrice(String text) {
    if (text.indexOf('$') < 0 && text.indexOf('€') < 0 && text.indexOf('£') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 8);
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c != '$' && c != '€' && c != '£') {
        out.append(c);
        i++;
        continue;
      }
      int end = i;
      while (end < text.length() && "$€£".indexOf(text.charAt(end)) >= 0) {
        end++;
      }
      boolean amount = end < text.length() && Character.isDigit(text.charAt(end));
      out.append(amount ? text.substring(i, end) : " \uD83D\uDCB2 ");
      i = end;
    }
    return out.toString();
  }

  /**
   * The pack's word a message word stands for (see {@link WordForms}), for tests and explanation;
   * shorthand is not expanded here.
   */
  String correct(String token, boolean typoTolerance) {
    return wordForms.packWord(token, typoTolerance);
  }

  /** For tests and explanation: the fallback intent of this pack. */
  public String fallbackIntent() {
    return fallback;
  }
}
