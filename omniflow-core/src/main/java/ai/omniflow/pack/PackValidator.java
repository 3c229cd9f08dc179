package ai.omniflow.pack;

import ai.omniflow.fields.LeadField;
import ai.omniflow.fields.Problem;
import ai.omniflow.nurture.Nurture;
import ai.omniflow.nurture.Playbook;
import ai.omniflow.nurture.PlaybookStep;
import ai.omniflow.nurture.PlaybookValidator;
import ai.omniflow.routing.RoutingConfig;
import ai.omniflow.scoring.CompiledRules;
import ai.omniflow.scoring.RuleSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The one place a vertical pack's rules live: the format of its slug and version, the next actions
 * and reply slots it may name, its negation words, unique keys, and the checks across sections
 * (scoring and routing rules against the lead fields, templates and next actions against the
 * intents). {@link PackCatalog} runs it over every pack it is given; the verticals loader runs its
 * section checks while it reads a file, so a pack file and a pack built in code obey the same
 * rules. Messages quote at most {@link Problem#MAX_QUOTED} characters of a value.
 *
 * <pre>{@code
 * List<Problem> problems = PackValidator.problems(pack);
 * PackValidator.requireValid(pack); // throws IllegalArgumentException naming the first problems
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class PackValidator {
  /** The slots a reply template may use, e.g. {@code {agent_name}}. */
  public static final Set<String> REPLY_SLOTS =
      Set.of(
          "contact_first_name",
          "contact_name",
          "agent_name",
          "agent_first_name",
          "org_name",
          "booking_link");

  private static final Pattern SLUG = Pattern.compile("[a-z][a-z0-9-]{0,62}");
  private static final Pattern VERSION =
      Pattern.compile("(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})");
  private static final Pattern SLOT = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}");
  private static final int MAX_REPORTED = 5;

  private PackValidator() {}

  /** Every problem of {@code pack}, in the order of its sections; empty if it is valid. */
  public static List<Problem> problems(VerticalPack pack) {
    List<Problem> out = new ArrayList<>();
    slugProblem(pack.slug()).ifPresent(m -> out.add(new Problem("/slug", m)));
    versionProblem(pack.version()).ifPresent(m -> out.add(new Problem("/version", m)));
    unique(out, "/lead_fields", pack.leadFields().stream().map(LeadField::key).toList());
    unique(out, "/stages", pack.stages().stream().map(VerticalPack.Stage::key).toList());
    List<String> intentKeys = pack.intents().stream().map(VerticalPack.Intent::key).toList();
    unique(out, "/intents", intentKeys);
    for (int i = 0; i < pack.negationWords().size(); i++) {
      String word = pack.negationWords().get(i);
      int at = i;
      negationWordProblem(word).ifPresent(m -> out.add(new Problem("/negation_words/" + at, m)));
    }
    Set<String> intents = Set.copyOf(intentKeys);
    for (Map.Entry<String, String> e : new java.util.TreeMap<>(pack.replyTemplates()).entrySet()) {
      String path = "/reply_templates/" + e.getKey();
      if (!intents.contains(e.getKey())) {
        out.add(new Problem(path, "no intent has the key '" + Problem.clip(e.getKey()) + "'"));
      }
      for (String m : slotProblems(e.getValue())) {
        out.add(new Problem(path, m));
      }
    }
    for (String language : new TreeSet<>(pack.localizedReplyTemplates().keySet())) {
      String base = "/localized_reply_templates/" + language;
      languageProblem(language).ifPresent(m -> out.add(new Problem(base, m)));
      Map<String, String> templates = pack.localizedReplyTemplates().get(language);
      for (Map.Entry<String, String> e : new java.util.TreeMap<>(templates).entrySet()) {
        String path = base + "/" + e.getKey();
        if (!intents.contains(e.getKey())) {
          out.add(new Problem(path, "no intent has the key '" + Problem.clip(e.getKey()) + "'"));
        }
        if (e.getValue().isBlank()) {
          out.add(new Problem(path, "must not be blank"));
        }
        for (String m : slotProblems(e.getValue())) {
          out.add(new Problem(path, m));
        }
      }
    }
    for (Map.Entry<String, String> e : new java.util.TreeMap<>(pack.nextActions()).entrySet()) {
      String path = "/next_actions/" + e.getKey();
      if (!intents.contains(e.getKey())) {
        out.add(new Problem(path, "no intent has the key '" + Problem.clip(e.getKey()) + "'"));
      }
      nextActionProblem(e.getKey(), e.getValue()).ifPresent(m -> out.add(new Problem(path, m)));
    }
    RuleSet scoring = pack.scoring();
    if (scoring != null) {
      for (Problem p : scoringProblems(pack.leadFields(), scoring)) {
        out.add(new Problem("/scoring" + p.path(), p.message()));
      }
    }
    RoutingConfig routing = pack.routing();
    if (routing != null) {
      for (Problem p : routing.problems(pack.leadFields())) {
        out.add(new Problem("/routing" + p.path(), p.message()));
      }
    }
    out.addAll(
        nurtureProblems(
            pack.nurture(),
            intents,
            pack.stages().stream()
                .map(VerticalPack.Stage::key)
                .collect(java.util.stream.Collectors.toSet()),
            pack.stages().stream()
                .filter(VerticalPack.Stage::isTerminal)
                .map(VerticalPack.Stage::key)
                .collect(java.util.stream.Collectors.toSet()),
            pack.leadFields()));
    return List.copyOf(out);
  }

  /**
   * The problems of a pack's nurture section, with paths under {@code /nurture}: template keys that
   * are not keys, template placeholders ({@link #slotProblems}), localized templates in a language
   * that is not one or for a key the default language lacks, and each playbook against the
   * templates and the pack's intents ({@link PlaybookValidator#problems}).
   *
   * @param intents the pack's intent keys
   */
  public static List<Problem> nurtureProblems(Nurture nurture, Set<String> intents) {
    return nurtureProblems(nurture, intents, null);
  }

  /**
   * As {@link #nurtureProblems(Nurture, Set)}, and each playbook's fit against the pack's stages.
   *
   * @param stages the pack's stage keys, or {@code null} not to check the fits' stages
   */
  public static List<Problem> nurtureProblems(
      Nurture nurture, Set<String> intents, @org.jspecify.annotations.Nullable Set<String> stages) {
    return nurtureProblems(nurture, intents, stages, null);
  }

  /**
   * As {@link #nurtureProblems(Nurture, Set, Set)}, and each field branch's condition against the
   * pack's lead fields, as its scoring rules are checked.
   *
   * @param fields the pack's lead fields, or {@code null} not to check field branches
   */
  public static List<Problem> nurtureProblems(
      Nurture nurture,
      Set<String> intents,
      @org.jspecify.annotations.Nullable Set<String> stages,
      @org.jspecify.annotations.Nullable List<LeadField> fields) {
    return nurtureProblems(nurture, intents, stages, Set.of(), fields);
  }

  /**
   * As {@link #nurtureProblems(Nurture, Set, Set, List)}, and each stage step against the pack's
   * stages: one it has, not one that closes the lead.
   *
   * @param closingStages the keys of the pack's won and lost stages
   */
  public static List<Problem> nurtureProblems(
      Nurture nurture,
      Set<String> intents,
      @org.jspecify.annotations.Nullable Set<String> stages,
      Set<String> closingStages,
      @org.jspecify.annotations.Nullable List<LeadField> fields) {
    List<Problem> out = new ArrayList<>();
    for (Map.Entry<String, String> e : new java.util.TreeMap<>(nurture.templates()).entrySet()) {
      String path = "/nurture/templates/" + e.getKey();
      if (!PlaybookStep.KEY.matcher(e.getKey()).matches()) {
        out.add(
            new Problem(
                path,
                "'"
                    + Problem.clip(e.getKey())
                    + "' is not a template key; "
                    + PlaybookStep.KEY_RULE));
      }
      for (String m : slotProblems(e.getValue())) {
        out.add(new Problem(path, m));
      }
    }
    for (String language : new TreeSet<>(nurture.localizedTemplates().keySet())) {
      String base = "/nurture/localized_templates/" + language;
      languageProblem(language).ifPresent(m -> out.add(new Problem(base, m)));
      Map<String, String> templates = nurture.localizedTemplates().get(language);
      for (Map.Entry<String, String> e : new java.util.TreeMap<>(templates).entrySet()) {
        String path = base + "/" + e.getKey();
        if (!nurture.templates().containsKey(e.getKey())) {
          out.add(
              new Problem(
                  path,
                  "no template in templates has the key '"
                      + Problem.clip(e.getKey())
                      + "'; list it there first"));
        }
        for (String m : slotProblems(e.getValue())) {
          out.add(new Problem(path, m));
        }
      }
    }
    for (int i = 0; i < nurture.playbooks().size(); i++) {
      Playbook playbook = nurture.playbooks().get(i);
      for (Problem p :
          PlaybookValidator.problems(
              playbook, nurture.templates().keySet(), intents, stages, closingStages, fields)) {
        out.add(new Problem("/nurture/playbooks/" + i + p.path(), p.message()));
      }
    }
    return List.copyOf(out);
  }

  /**
   * What is wrong with a language code of {@code localized_reply_templates}, if anything: it is two
   * lower-case letters (ISO 639-1, e.g. {@code es}) and not the {@link
   * VerticalPack#DEFAULT_LANGUAGE}, whose templates are {@code reply_templates}.
   */
  public static java.util.Optional<String> languageProblem(String language) {
    if (!LANGUAGE.matcher(language).matches()) {
      return java.util.Optional.of(
          "'"
              + Problem.clip(language)
              + "' is not a language code; use two lower-case letters (ISO 639-1), e.g. es");
    }
    if (language.equals(VerticalPack.DEFAULT_LANGUAGE)) {
      return java.util.Optional.of(
          "the templates in " + language + " are reply_templates; list them there");
    }
    return java.util.Optional.empty();
  }

  /**
   * {@code pack}, if it has no problems.
   *
   * @throws IllegalArgumentException naming the first few problems (path and message) if it has any
   */
  public static VerticalPack requireValid(VerticalPack pack) {
    List<Problem> problems = problems(pack);
    if (!problems.isEmpty()) {
      List<String> shown =
          problems.stream().limit(MAX_REPORTED).map(p -> p.path() + " : " + p.message()).toList();
      throw new IllegalArgumentException(
          "pack '"
              + Problem.clip(pack.slug())
              + "' is not valid: "
              + String.join("; ", shown)
              + (problems.size() > MAX_REPORTED
                  ? " (and " + (problems.size() - MAX_REPORTED) + " more)"
                  : ""));
    }
    return pack;
  }

  /** What is wrong with a slug, if anything. */
  public static java.util.Optional<String> slugProblem(String slug) {
    return SLUG.matcher(slug).matches()
        ? java.util.Optional.empty()
        : java.util.Optional.of(
            "'"
                + Problem.clip(slug)
                + "' is not a slug: a lower-case letter, then lower-case letters, digits or '-',"
                + " at most 63 in all");
  }

  /**
   * What is wrong with a version, if anything: it must be {@code MAJOR.MINOR.PATCH}, each a number
   * without leading zeros ({@code 01.2.3} is refused) of at most nine digits.
   */
  public static java.util.Optional<String> versionProblem(String version) {
    return VERSION.matcher(version).matches()
        ? java.util.Optional.empty()
        : java.util.Optional.of(
            "'"
                + Problem.clip(version)
                + "' is not a version: write MAJOR.MINOR.PATCH, e.g. 1.0.0");
  }

  /** What is wrong with a negation word, if anything: it must be one lower-case word. */
  public static java.util.Optional<String> negationWordProblem(String word) {
    return word.isBlank()
            || !word.equals(word.strip().toLowerCase(Locale.ROOT))
            || word.chars().anyMatch(Character::isWhitespace)
        ? java.util.Optional.of(
            "a negation word must be one lower-case word, was '" + Problem.clip(word) + "'")
        : java.util.Optional.empty();
  }

  /**
   * What is wrong with an intent's next action, if anything: it must be one of {@link
   * VerticalPack#NEXT_ACTIONS}, and an opt-out's must be {@code stop_messaging}.
   */
  public static java.util.Optional<String> nextActionProblem(String intent, String action) {
    if (!VerticalPack.NEXT_ACTIONS.contains(action)) {
      return java.util.Optional.of(
          "'"
              + Problem.clip(action)
              + "' is not a next action"
              + suggestion(action, VerticalPack.NEXT_ACTIONS)
              + "; allowed: "
              + String.join(", ", new TreeSet<>(VerticalPack.NEXT_ACTIONS)));
    }
    if (intent.equals("opt_out") && !action.equals("stop_messaging")) {
      return java.util.Optional.of("an opt-out must stop messaging; write stop_messaging");
    }
    return java.util.Optional.empty();
  }

  /**
   * The problems of a reply template's placeholders: braces that do not pair, placeholders that are
   * not {@code {snake_case}}, and slots not in {@link #REPLY_SLOTS}.
   */
  public static List<String> slotProblems(String template) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c == '}') {
        out.add("has a '}' at character " + (i + 1) + " with no '{' before it");
        i++;
      } else if (c == '{') {
        int end = template.indexOf('}', i + 1);
        int nextOpen = template.indexOf('{', i + 1);
        if (end < 0 || (nextOpen >= 0 && nextOpen < end)) {
          out.add("has a '{' at character " + (i + 1) + " with no '}' after it");
          i++;
          continue;
        }
        String slot = template.substring(i + 1, end);
        if (!SLOT.matcher(slot).matches()) {
          out.add(
              "the placeholder '{"
                  + Problem.clip(slot)
                  + "}' is malformed; write a slot as {snake_case}");
        } else if (!REPLY_SLOTS.contains(slot)) {
          out.add(
              "the slot '{"
                  + Problem.clip(slot)
                  + "}' is not one a template may use"
                  + suggestion(slot, REPLY_SLOTS)
                  + "; allowed: "
                  + String.join(", ", new TreeSet<>(REPLY_SLOTS)));
        }
        i = end + 1;
      } else {
        i++;
      }
    }
    return out;
  }

  /** The problems of scoring rules read against the lead fields, with paths under the section. */
  public static List<Problem> scoringProblems(List<LeadField> fields, RuleSet scoring) {
    return CompiledRules.problems(fields, scoring);
  }

  /** The problems of routing rules read against the lead fields, with paths under the section. */
  public static List<Problem> routingProblems(List<LeadField> fields, RoutingConfig routing) {
    return routing.problems(fields);
  }

  private static void unique(List<Problem> out, String path, List<String> keys) {
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      Integer first = seen.putIfAbsent(keys.get(i), i);
      if (first != null) {
        out.add(
            new Problem(
                path + "/" + i + "/key",
                "key '" + keys.get(i) + "' appears twice (first at " + path + "/" + first + ")"));
      }
    }
  }

  /** {@code " (did you mean 'x'?)"} for a near miss, else empty. */
  public static String suggestion(String given, Set<String> candidates) {
    if (given.length() > 64) {
      return "";
    }
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : new TreeSet<>(candidates)) {
      int d = distance(given, candidate);
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return best != null && bestDistance <= Math.max(1, Math.min(2, given.length() / 3))
        ? " (did you mean '" + best + "'?)"
        : "";
  }

  /** Edits (insert, delete, replace, swap two neighbours) that turn {@code a} into {@code b}. */
  private static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
