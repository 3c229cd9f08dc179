package ai.omniflow.pack;

import ai.omniflow.fields.LeadField;
import ai.omniflow.nurture.Nurture;
import ai.omniflow.routing.RoutingConfig;
import ai.omniflow.scoring.CompiledRules;
import ai.omniflow.scoring.RuleSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * A vertical pack: versioned data that fits OmniFlow to a trade. Later features read further
 * sections (scoring, routing, SLA defaults, nurture playbooks); the ones here are what every pack
 * has.
 *
 * @param slug url-safe id, e.g. {@code real-estate}
 * @param name display name
 * @param version semantic version of the pack's data, e.g. {@code 1.0.0}
 * @param description one or two sentences for people choosing a pack
 * @param leadFields the fields a lead has in this trade
 * @param stages the pipeline, in order
 * @param intents what inbound messages may want, in this trade's words
 * @param replyTemplates reply text per intent key, with {@code {slot}} placeholders
 * @param negationWords lower-case words that, shortly before a keyword or phrase, make it not count
 *     (e.g. {@code not}, {@code never}); {@link #DEFAULT_NEGATION_WORDS} unless the pack gives its
 *     own, and empty to turn negation off
 * @param nextActions what an agent should do next per intent key, each one of {@link #NEXT_ACTIONS}
 *     (e.g. {@code showing_request → book_showing}); an intent without one gets {@code handoff},
 *     and {@code opt_out} always gets {@code stop_messaging}
 * @param scoring the pack's scoring rules, or {@code null} if it has none; checked against the lead
 *     fields (see {@link PackValidator})
 * @param routing how the pack routes leads by default, or {@code null} for {@link
 *     RoutingConfig#DEFAULT}; its rules are checked against the lead fields (see {@link
 *     RoutingConfig#problems}). An org may replace it.
 * @param compliance the pack's compliance keywords (opt-out, opt-in and help words in its
 *     languages), or {@code null} for none: the guardrails' English keywords apply either way
 * @param localizedReplyTemplates reply text per intent key in other languages than the pack's
 *     {@link #DEFAULT_LANGUAGE}, by language code ({@code es → pricing_question → "Hola …"}); a
 *     suggestion for a message written in one of them answers from these (see {@code
 *     TemplateReplySuggester})
 * @param nurture the pack's nurture templates and playbooks, {@link Nurture#EMPTY} for none
 */
public record VerticalPack(
    String slug,
    String name,
    String version,
    String description,
    List<LeadField> leadFields,
    List<Stage> stages,
    List<Intent> intents,
    Map<String, String> replyTemplates,
    List<String> negationWords,
    Map<String, String> nextActions,
    @Nullable RuleSet scoring,
    @Nullable RoutingConfig routing,
    @Nullable Compliance compliance,
    Map<String, Map<String, String>> localizedReplyTemplates,
    Nurture nurture) {

  /** The language of {@link #replyTemplates()}: English. */
  public static final String DEFAULT_LANGUAGE = "en";

  /**
   * The next actions a pack may name in its {@code next_actions} section: book a showing or an
   * appointment, ask for the budget or for details, connect a lender, offer a valuation, hand the
   * thread to a person, follow up later, stop messaging the contact, or ignore the message.
   */
  public static final Set<String> NEXT_ACTIONS =
      Set.of(
          "book_showing",
          "book_appointment",
          "ask_budget",
          "ask_details",
          "connect_lender",
          "offer_valuation",
          "handoff",
          "follow_up",
          "stop_messaging",
          "ignore");

  /**
   * The negation words of a pack that gives none: English and Spanish, written as the intent
   * classifier normalizes text (lower case, no accents, apostrophes dropped, so {@code don't} is
   * {@code dont}).
   */
  public static final List<String> DEFAULT_NEGATION_WORDS =
      List.of(
          "not", "no", "dont", "doesnt", "didnt", "never", "cant", "cannot", "wont", "isnt",
          "arent", "without", "nothing", "neither", "nor", "nunca");

  /**
   * Copies the lists and maps; checks only that nothing is null. The pack's rules (slug and version
   * format, unique keys, next actions, reply slots, negation words, scoring and routing rules
   * against the lead fields) are checked by {@link PackValidator}, which {@link PackCatalog} runs
   * over every pack it holds.
   *
   * @throws NullPointerException if a value other than {@code scoring}, {@code routing} or {@code
   *     compliance} is null
   */
  public VerticalPack {
    Objects.requireNonNull(slug, "slug");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(description, "description");
    leadFields = List.copyOf(leadFields);
    stages = List.copyOf(stages);
    intents = List.copyOf(intents);
    replyTemplates = Map.copyOf(replyTemplates);
    negationWords = List.copyOf(negationWords);
    nextActions = Map.copyOf(nextActions);
    Map<String, Map<String, String>> localized = new java.util.HashMap<>();
    localizedReplyTemplates.forEach((language, t) -> localized.put(language, Map.copyOf(t)));
    localizedReplyTemplates = Map.copyOf(localized);
    Objects.requireNonNull(nurture, "nurture");
  }

  /**
   * A pack without a nurture section ({@link Nurture#EMPTY}).
   *
   * @throws NullPointerException if a value other than {@code scoring}, {@code routing} or {@code
   *     compliance} is null
   */
  public VerticalPack(
      String slug,
      String name,
      String version,
      String description,
      List<LeadField> leadFields,
      List<Stage> stages,
      List<Intent> intents,
      Map<String, String> replyTemplates,
      List<String> negationWords,
      Map<String, String> nextActions,
      @Nullable RuleSet scoring,
      @Nullable RoutingConfig routing,
      @Nullable Compliance compliance,
      Map<String, Map<String, String>> localizedReplyTemplates) {
    this(
        slug,
        name,
        version,
        description,
        leadFields,
        stages,
        intents,
        replyTemplates,
        negationWords,
        nextActions,
        scoring,
        routing,
        compliance,
        localizedReplyTemplates,
        Nurture.EMPTY);
  }

  /**
   * A pack whose reply templates are in the {@link #DEFAULT_LANGUAGE} only, with the compliance
   * section given.
   *
   * @throws NullPointerException if a value other than {@code scoring}, {@code routing} or {@code
   *     compliance} is null
   */
  public VerticalPack(
      String slug,
      String name,
      String version,
      String description,
      List<LeadField> leadFields,
      List<Stage> stages,
      List<Intent> intents,
      Map<String, String> replyTemplates,
      List<String> negationWords,
      Map<String, String> nextActions,
      @Nullable RuleSet scoring,
      @Nullable RoutingConfig routing,
      @Nullable Compliance compliance) {
    this(
        slug,
        name,
        version,
        description,
        leadFields,
        stages,
        intents,
        replyTemplates,
        negationWords,
        nextActions,
        scoring,
        routing,
        compliance,
        Map.of());
  }

  /**
   * The reply templates in {@code language}: {@link #replyTemplates()} for the {@link
   * #DEFAULT_LANGUAGE}, else the pack's templates in that language, if it has any.
   */
  public Optional<Map<String, String>> replyTemplates(String language) {
    if (language.equals(DEFAULT_LANGUAGE)) {
      return Optional.of(replyTemplates);
    }
    return Optional.ofNullable(localizedReplyTemplates.get(language));
  }

  /**
   * A pack without a compliance section, its reply templates in the {@link #DEFAULT_LANGUAGE} only.
   *
   * @throws NullPointerException if a value other than {@code scoring} or {@code routing} is null
   */
  public VerticalPack(
      String slug,
      String name,
      String version,
      String description,
      List<LeadField> leadFields,
      List<Stage> stages,
      List<Intent> intents,
      Map<String, String> replyTemplates,
      List<String> negationWords,
      Map<String, String> nextActions,
      @Nullable RuleSet scoring,
      @Nullable RoutingConfig routing) {
    this(
        slug,
        name,
        version,
        description,
        leadFields,
        stages,
        intents,
        replyTemplates,
        negationWords,
        nextActions,
        scoring,
        routing,
        null,
        Map.of());
  }

  /**
   * A pack without a routing section.
   *
   * @throws NullPointerException if a value other than {@code scoring} is null; like the canonical
   *     constructor it checks nothing else ({@link PackValidator} does)
   */
  public VerticalPack(
      String slug,
      String name,
      String version,
      String description,
      List<LeadField> leadFields,
      List<Stage> stages,
      List<Intent> intents,
      Map<String, String> replyTemplates,
      List<String> negationWords,
      Map<String, String> nextActions,
      @Nullable RuleSet scoring) {
    this(
        slug,
        name,
        version,
        description,
        leadFields,
        stages,
        intents,
        replyTemplates,
        negationWords,
        nextActions,
        scoring,
        null);
  }

  /** The pack's routing configuration, {@link RoutingConfig#DEFAULT} if none. */
  public RoutingConfig routingOrDefault() {
    return routing == null ? RoutingConfig.DEFAULT : routing;
  }

  /**
   * A pack without scoring rules.
   *
   * @throws NullPointerException if a value is null; like the canonical constructor it checks
   *     nothing else ({@link PackValidator} does)
   */
  public VerticalPack(
      String slug,
      String name,
      String version,
      String description,
      List<LeadField> leadFields,
      List<Stage> stages,
      List<Intent> intents,
      Map<String, String> replyTemplates,
      List<String> negationWords,
      Map<String, String> nextActions) {
    this(
        slug,
        name,
        version,
        description,
        leadFields,
        stages,
        intents,
        replyTemplates,
        negationWords,
        nextActions,
        (RuleSet) null);
  }

  /**
   * The pack's scoring rules compiled for its lead fields, if it has any: those of its {@link
   * CompiledPack}, so compiled once per pack version.
   *
   * @throws IllegalArgumentException if the rules do not compile against the lead fields
   */
  public Optional<CompiledRules> compiledScoring() {
    return CompiledPack.of(this).scoring();
  }

  /**
   * A pack without next actions (every intent gets {@code handoff}, {@code opt_out} {@code
   * stop_messaging}).
   *
   * @throws NullPointerException if a value is null; like the canonical constructor it checks
   *     nothing else ({@link PackValidator} does)
   */
  public VerticalPack(
      String slug,
      String name,
      String version,
      String description,
      List<LeadField> leadFields,
      List<Stage> stages,
      List<Intent> intents,
      Map<String, String> replyTemplates,
      List<String> negationWords) {
    this(
        slug,
        name,
        version,
        description,
        leadFields,
        stages,
        intents,
        replyTemplates,
        negationWords,
        Map.of());
  }

  /**
   * A pack with the {@link #DEFAULT_NEGATION_WORDS}.
   *
   * @throws NullPointerException if a value is null; like the canonical constructor it checks
   *     nothing else ({@link PackValidator} does)
   */
  public VerticalPack(
      String slug,
      String name,
      String version,
      String description,
      List<LeadField> leadFields,
      List<Stage> stages,
      List<Intent> intents,
      Map<String, String> replyTemplates) {
    this(
        slug,
        name,
        version,
        description,
        leadFields,
        stages,
        intents,
        replyTemplates,
        DEFAULT_NEGATION_WORDS,
        Map.of());
  }

  /**
   * A step of the pipeline. A terminal stage ends the lead with an outcome.
   *
   * @param outcome {@code won} or {@code lost} for a terminal stage, else {@code null}
   */
  public record Stage(String key, String label, @Nullable String outcome) {
    public Stage {
      requireKey(key);
      Objects.requireNonNull(label, "label");
      if (outcome != null && !outcome.equals("won") && !outcome.equals("lost")) {
        throw new IllegalArgumentException("outcome must be won or lost");
      }
    }

    public boolean isTerminal() {
      return outcome != null;
    }
  }

  /**
   * An intent in the pack's vocabulary, with the words that signal it.
   *
   * <p>The intent classifier matches keywords, phrases and patterns against normalized text: lower
   * case, accents removed, apostrophes dropped, runs of three or more of a letter cut to one,
   * meaningful emoji turned into words, and words separated by single spaces with punctuation
   * removed.
   *
   * @param keywords single words that signal the intent
   * @param phrases multi-word phrases that signal it
   * @param patterns regular expressions ({@link Pattern} syntax) that signal it, searched for in
   *     the normalized text
   * @param weight how much this intent's evidence counts against other intents', greater than 0 and
   *     at most 10; 1 is neutral
   */
  public record Intent(
      String key,
      String label,
      List<String> keywords,
      List<String> phrases,
      List<String> patterns,
      double weight) {

    /** The weight of an intent that gives none. */
    public static final double DEFAULT_WEIGHT = 1.0;

    /** The largest weight an intent may have. */
    public static final double MAX_WEIGHT = 10.0;

    /**
     * @throws IllegalArgumentException if the key is malformed, a pattern is not a valid regular
     *     expression, or the weight is not greater than 0 and at most {@link #MAX_WEIGHT}
     */
    public Intent {
      requireKey(key);
      Objects.requireNonNull(label, "label");
      keywords = List.copyOf(keywords);
      phrases = List.copyOf(phrases);
      patterns = List.copyOf(patterns);
      for (String pattern : patterns) {
        try {
          Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
          throw new IllegalArgumentException(
              "pattern '" + pattern + "' is not a valid regular expression: " + e.getDescription(),
              e);
        }
      }
      if (!(weight > 0 && weight <= MAX_WEIGHT)) {
        throw new IllegalArgumentException(
            "weight must be greater than 0 and at most " + MAX_WEIGHT + ", was " + weight);
      }
    }

    /**
     * An intent signalled by keywords and phrases only, with the {@link #DEFAULT_WEIGHT}.
     *
     * @throws IllegalArgumentException if the key is malformed
     */
    public Intent(String key, String label, List<String> keywords, List<String> phrases) {
      this(key, label, keywords, phrases, List.of(), DEFAULT_WEIGHT);
    }
  }

  /**
   * The pack's compliance keywords: whole messages that withdraw consent for the channel ({@code
   * stop}), for every channel ({@code stop_all}), give it again ({@code start}) or ask for help
   * ({@code help}), in the pack's languages. They add to the guardrails' English keywords (STOP,
   * START, HELP…); the guardrails compare them with case, spacing, punctuation and accents ignored.
   *
   * @param stop keywords that withdraw consent for the channel they arrive on
   * @param stopAll keywords that withdraw consent for every channel
   * @param start keywords that give consent again
   * @param help keywords that ask for the org's help text
   */
  public record Compliance(
      List<String> stop, List<String> stopAll, List<String> start, List<String> help) {
    /** The most keywords per list. */
    public static final int MAX_KEYWORDS = 50;

    /** The most characters of a keyword. */
    public static final int MAX_KEYWORD = 64;

    /**
     * @throws IllegalArgumentException if a list has more than {@value #MAX_KEYWORDS} keywords or a
     *     keyword is blank or longer than {@value #MAX_KEYWORD} characters
     */
    public Compliance {
      stop = checked("stop", stop);
      stopAll = checked("stop_all", stopAll);
      start = checked("start", start);
      help = checked("help", help);
    }

    private static List<String> checked(String name, List<String> keywords) {
      List<String> copy = List.copyOf(keywords);
      if (copy.size() > MAX_KEYWORDS) {
        throw new IllegalArgumentException(name + " has more than " + MAX_KEYWORDS + " keywords");
      }
      for (String k : copy) {
        if (k.isBlank() || k.length() > MAX_KEYWORD) {
          throw new IllegalArgumentException(
              name + " keywords must be 1 to " + MAX_KEYWORD + " characters");
        }
      }
      return copy;
    }
  }

  static void requireKey(String key) {
    if (key == null || !key.matches("[a-z][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException(
          "key must be lower-case snake_case, was " + (key == null ? "null" : "'" + key + "'"));
    }
  }
}
