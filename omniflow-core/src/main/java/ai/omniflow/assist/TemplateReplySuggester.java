package ai.omniflow.assist;

import ai.omniflow.assist.spi.IntentClassifier;
import ai.omniflow.assist.spi.ReplySuggester;
import ai.omniflow.pack.CompiledPack;
import ai.omniflow.pack.VerticalPack;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The default reply suggester: offline, deterministic, needing no model or key. It classifies the
 * message with an {@link IntentClassifier}, takes the pack's reply template for the intent and
 * fills each {@code {slot}} only from the request's {@link Facts}, listing every fact it used. A
 * slot without a fact is reworded safely ({@code "Hi {contact_first_name},"} becomes {@code "Hi,"};
 * an agent becomes "our team"; {@code " from {org_name}"} is left out) or, where no rewording is
 * safe (a missing {@code {booking_link}}, {@code "I'm {agent_name}"}), its sentence is dropped. No
 * placeholder is ever left and no value is ever invented, so a reply states no number, date, time,
 * price or address that is not in the facts (see {@link Grounding}).
 *
 * <p>The reply is in the language the contact wrote this message in, as {@link LanguageDetector}
 * finds it: from the pack's {@code localized_reply_templates} for that language (Spanish rewordings
 * too: "nuestro equipo", a dropped " de {org_name}"), or, if the pack has none in it, from its
 * English templates with the warning {@value Suggestion#REPLY_LANGUAGE_UNAVAILABLE}. The suggestion
 * says which language the contact wrote in ({@link Suggestion#language()}).
 *
 * <p>The next action is the pack's {@code next_actions} entry for the intent, else {@code handoff}.
 * An opt-out intent, or a contact who opted out, gets no reply text and {@code stop_messaging}.
 * Warnings: {@value Suggestion#CONTACT_OPTED_OUT}, {@value Suggestion#WINDOW_CLOSED}, {@value
 * Suggestion#QUIET_HOURS}.
 *
 * <pre>{@code
 * ReplySuggester suggester = TemplateReplySuggester.ofDefaults();
 * Suggestion s = suggester.suggest(request);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class TemplateReplySuggester implements ReplySuggester {
  /** The reply when the intent has no template and the pack has no general one either. */
  static final String FALLBACK_REPLY = "Thanks for your message. We'll get back to you here soon.";

  /** The fallback reply in Spanish. */
  static final String FALLBACK_REPLY_ES = "Gracias por tu mensaje. Te responderemos aquí pronto.";

  private static final String OPT_OUT = "opt_out";
  private static final Pattern SENTENCE = Pattern.compile("(?<=[.!?])\\s+");
  private static final Pattern ONLY_PUNCTUATION = Pattern.compile("[\\s\\p{Punct}]*");
  private static final Pattern SLOT = Pattern.compile("\\{[a-z0-9_]+}");
  private static final Pattern SPACES = Pattern.compile("\\s{2,}");
  private static final Pattern SPACE_BEFORE_MARK = Pattern.compile("\\s+([,.!?:])");
  private static final Pattern COMMA_BEFORE_STOP = Pattern.compile(",([.!?])");

  /**
   * Each pack's templates split into sentences, by language and intent, each sentence with whether
   * it holds nothing but slots: compiled once per pack version and held by its {@link
   * CompiledPack}.
   */
  private static final CompiledPack.Part<Map<String, Map<String, List<Sentence>>>> SENTENCES =
      CompiledPack.Part.of(
          "reply-sentences",
          c -> {
            Map<String, Map<String, List<Sentence>>> byLanguage = new java.util.HashMap<>();
            byLanguage.put(VerticalPack.DEFAULT_LANGUAGE, sentences(c.pack().replyTemplates()));
            c.pack()
                .localizedReplyTemplates()
                .forEach((language, t) -> byLanguage.put(language, sentences(t)));
            return Map.copyOf(byLanguage);
          });

  private record Sentence(String text, boolean onlySlots) {}

  /** How a language words a slot that has no fact. */
  private record Wording(
      String team, String us, Set<String> beforeOrg, Set<String> selfIntroductions) {
    static final Wording ENGLISH =
        new Wording("our team", "us", Set.of("from", "with"), Set.of("I'm", "I am"));
    static final Wording SPANISH =
        new Wording("nuestro equipo", "nosotros", Set.of("de", "con"), Set.of("Soy", "soy"));

    static Wording of(String language) {
      return language.equals(LanguageDetector.SPANISH) ? SPANISH : ENGLISH;
    }
  }

  private static Map<String, List<Sentence>> sentences(Map<String, String> templates) {
    Map<String, List<Sentence>> byIntent = new java.util.HashMap<>();
    templates.forEach((intent, t) -> byIntent.put(intent, split(t)));
    return Map.copyOf(byIntent);
  }

  private final IntentClassifier classifier;
  private final LanguageDetector detector = LanguageDetector.ofDefaults();

  private TemplateReplySuggester(Builder builder) {
    this.classifier = builder.classifier;
  }

  /** A suggester over {@link PackIntentClassifier#ofDefaults()}. */
  public static TemplateReplySuggester ofDefaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this suggester's settings. */
  public Builder toBuilder() {
    return new Builder().classifier(classifier);
  }

  /**
   * {@inheritDoc}
   *
   * @throws NullPointerException if {@code request} is null
   */
  @Override
  public Suggestion suggest(SuggestionRequest request) {
    Objects.requireNonNull(request, "request");
    IntentPrediction prediction = classifier.classify(request.text(), request.pack());
    return suggest(request, prediction);
  }

  /**
   * The suggestion for a message whose intent is already known, e.g. from another classifier.
   *
   * @throws NullPointerException if an argument is null
   */
  public Suggestion suggest(SuggestionRequest request, IntentPrediction prediction) {
    Guardrails guardrails = request.guardrails();
    List<String> warnings = guardrails.warnings();
    String intent = prediction.intent();
    String language = detector.detect(request.text()).language();
    if (guardrails.optedOut() || intent.equals(OPT_OUT)) {
      return new Suggestion(
          intent,
          prediction.confidence(),
          prediction.runnerUp(),
          null,
          Suggestion.STOP_MESSAGING,
          List.of(),
          warnings,
          language);
    }
    VerticalPack pack = request.pack();
    Map<String, Map<String, List<Sentence>>> byLanguage = CompiledPack.of(pack).part(SENTENCES);
    String replyLanguage =
        byLanguage.containsKey(language) ? language : VerticalPack.DEFAULT_LANGUAGE;
    if (!replyLanguage.equals(language)) {
      warnings = new java.util.ArrayList<>(warnings);
      warnings.add(Suggestion.REPLY_LANGUAGE_UNAVAILABLE);
    }
    Map<String, List<Sentence>> templates = byLanguage.get(replyLanguage);
    List<Sentence> template = templates.get(intent);
    if (template == null) {
      template = templates.get("general_question");
    }
    Set<String> used = new LinkedHashSet<>();
    Wording wording = Wording.of(replyLanguage);
    String reply = template == null ? null : fill(template, request.facts(), used, wording);
    if (reply == null) {
      reply = wording == Wording.SPANISH ? FALLBACK_REPLY_ES : FALLBACK_REPLY;
      used.clear();
    }
    return new Suggestion(
        intent,
        prediction.confidence(),
        prediction.runnerUp(),
        reply,
        nextAction(pack, intent),
        List.copyOf(used),
        warnings,
        language);
  }

  /** The pack's next action for an intent: its {@code next_actions} entry, else handoff. */
  public static String nextAction(VerticalPack pack, String intent) {
    if (intent.equals(OPT_OUT)) {
      return Suggestion.STOP_MESSAGING;
    }
    return pack.nextActions().getOrDefault(intent, Suggestion.HANDOFF);
  }

  /**
   * Fills {@code template}'s {@code {slot}}s from {@code facts} exactly as a suggested reply's
   * template is filled: a sentence whose slot has no fact is dropped or reworded safely, never sent
   * with a hole. Nurture sends fill their pack templates with it.
   *
   * <pre>{@code
   * String text = TemplateReplySuggester.fillTemplate("Hi {contact_first_name}!", facts);
   * }</pre>
   *
   * @return the text, or {@code null} if no sentence is left
   */
  public static @Nullable String fillTemplate(String template, Facts facts) {
    return fill(
        java.util.Objects.requireNonNull(template, "template"),
        java.util.Objects.requireNonNull(facts, "facts"),
        new java.util.LinkedHashSet<>());
  }

  /**
   * The template with its slots filled from the facts, sentences that cannot be filled safely
   * dropped, or {@code null} if no sentence is left.
   */
  static @Nullable String fill(String template, Facts facts, Set<String> used) {
    return fill(split(template), facts, used, Wording.ENGLISH);
  }

  private static @Nullable String fill(
      List<Sentence> sentences, Facts facts, Set<String> used, Wording wording) {
    StringBuilder reply = new StringBuilder(128);
    for (Sentence sentence : sentences) {
      Set<String> sentenceUsed = new LinkedHashSet<>();
      String filled =
          fillSentence(sentence.text(), sentence.onlySlots(), facts, sentenceUsed, wording);
      if (filled == null || ONLY_PUNCTUATION.matcher(filled).matches()) {
        continue;
      }
      used.addAll(sentenceUsed);
      if (!reply.isEmpty()) {
        reply.append(' ');
      }
      reply.append(filled);
    }
    return reply.isEmpty() ? null : reply.toString();
  }

  private static List<Sentence> split(String template) {
    List<Sentence> split = new java.util.ArrayList<>();
    for (String text : SENTENCE.split(template.strip())) {
      boolean onlySlots = ONLY_PUNCTUATION.matcher(SLOT.matcher(text).replaceAll("")).matches();
      split.add(new Sentence(text, onlySlots));
    }
    return List.copyOf(split);
  }

  /** One sentence filled, or {@code null} if it must be dropped. */
  private static @Nullable String fillSentence(
      String sentence, boolean onlySlots, Facts facts, Set<String> used, Wording wording) {
    StringBuilder out = new StringBuilder(sentence.length() + 16);
    int i = 0;
    while (i < sentence.length()) {
      char c = sentence.charAt(i);
      int end = c == '{' ? sentence.indexOf('}', i) : -1;
      if (end < 0) {
        out.append(c);
        i++;
        continue;
      }
      String slot = sentence.substring(i + 1, end);
      i = end + 1;
      String value = value(slot, facts, used);
      if (value != null) {
        out.append(value);
        continue;
      }
      if (onlySlots) {
        return null; // a sign-off like "{agent_name}, {org_name}" with a part unknown
      }
      switch (slot) {
        case Facts.CONTACT_FIRST_NAME, Facts.CONTACT_NAME -> {
          trimEnd(out);
          if (out.length() > 0 && out.charAt(out.length() - 1) == ',') {
            out.setLength(out.length() - 1); // "Understood, {contact_first_name}." → "Understood."
          }
        }
        case Facts.AGENT_NAME, Facts.AGENT_FIRST_NAME -> {
          for (String intro : wording.selfIntroductions()) {
            if (endsWithWord(out, intro)) {
              return null;
            }
          }
          out.append(startsSentence(out) ? capitalized(wording.team()) : wording.team());
        }
        case Facts.ORG_NAME -> {
          if (wording.beforeOrg().stream().anyMatch(w -> endsWithWord(out, w))) {
            trimEnd(out);
            out.setLength(out.lastIndexOf(" ") < 0 ? 0 : out.lastIndexOf(" "));
          } else {
            out.append(startsSentence(out) ? capitalized(wording.us()) : wording.us());
          }
        }
        default -> {
          return null; // no safe wording without the fact (e.g. booking_link)
        }
      }
    }
    return tidy(out.toString());
  }

  private static @Nullable String value(String slot, Facts facts, Set<String> used) {
    String direct = facts.get(slot);
    if (direct != null) {
      used.add(slot);
      return direct;
    }
    String whole =
        switch (slot) {
          case Facts.CONTACT_FIRST_NAME -> Facts.CONTACT_NAME;
          case Facts.AGENT_FIRST_NAME -> Facts.AGENT_NAME;
          default -> null;
        };
    String full = whole == null ? null : facts.get(whole);
    if (full == null) {
      return null;
    }
    used.add(whole);
    int space = full.indexOf(' ');
    return space < 0 ? full : full.substring(0, space);
  }

  private static boolean endsWithWord(StringBuilder out, String word) {
    String s = out.toString().stripTrailing();
    return s.endsWith(" " + word) || s.equals(word);
  }

  private static String capitalized(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static boolean startsSentence(StringBuilder out) {
    return out.toString().isBlank();
  }

  private static void trimEnd(StringBuilder out) {
    while (out.length() > 0 && Character.isWhitespace(out.charAt(out.length() - 1))) {
      out.setLength(out.length() - 1);
    }
  }

  private static String tidy(String s) {
    String t = SPACES.matcher(s).replaceAll(" ");
    t = SPACE_BEFORE_MARK.matcher(t).replaceAll("$1");
    return COMMA_BEFORE_STOP.matcher(t).replaceAll("$1").strip();
  }

  /** Settings of a {@link TemplateReplySuggester}. Not thread-safe. */
  public static final class Builder {
    private IntentClassifier classifier = PackIntentClassifier.ofDefaults();

    private Builder() {}

    /** The classifier that finds the intent; default {@link PackIntentClassifier#ofDefaults()}. */
    public Builder classifier(IntentClassifier classifier) {
      this.classifier = Objects.requireNonNull(classifier, "classifier");
      return this;
    }

    public TemplateReplySuggester build() {
      return new TemplateReplySuggester(this);
    }
  }
}
