package ai.omniflow.verticals.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.fields.Condition;
import ai.omniflow.fields.FieldType;
import ai.omniflow.fields.LeadField;
import ai.omniflow.fields.Operator;
import ai.omniflow.fields.Problem;
import ai.omniflow.guardrails.ComplianceKeywords;
import ai.omniflow.nurture.Fit;
import ai.omniflow.nurture.Nurture;
import ai.omniflow.nurture.Playbook;
import ai.omniflow.nurture.PlaybookStep;
import ai.omniflow.nurture.PlaybookValidator;
import ai.omniflow.nurture.TaskKind;
import ai.omniflow.pack.PackValidator;
import ai.omniflow.pack.VerticalPack;
import ai.omniflow.pack.VerticalPack.Intent;
import ai.omniflow.pack.VerticalPack.Stage;
import ai.omniflow.routing.LastResort;
import ai.omniflow.routing.RoutingConfig;
import ai.omniflow.routing.RoutingRule;
import ai.omniflow.scoring.CompiledRules;
import ai.omniflow.scoring.RuleSet;
import ai.omniflow.scoring.ScoringGroup;
import ai.omniflow.scoring.ScoringRule;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * Validates one pack file's tree and builds its {@link VerticalPack}. Every problem found is
 * reported; a pack is built only when there are none. The rules are those of {@code
 * docs/verticals.md}. Not thread-safe; one instance per file.
 */
public final class PackReader {
  /** The slots a reply template may use: {@link PackValidator#REPLY_SLOTS}. */
  public static final Set<String> REPLY_SLOTS = PackValidator.REPLY_SLOTS;

  /**
   * The pack format's version this reader reads: a file's {@code schema_version}, if it has one.
   */
  public static final int SCHEMA_VERSION = 1;

  static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,62}");
  static final Pattern GROUP_KEY = Pattern.compile("[a-z][a-z0-9_-]{0,62}");

  static final Set<String> PACK_KEYS =
      orderedSet(
          "schema_version",
          "slug",
          "name",
          "version",
          "description",
          "lead_fields",
          "stages",
          "intents",
          "negation_words",
          "reply_templates",
          "next_actions",
          "scoring",
          "routing",
          "compliance",
          "localized_reply_templates",
          "nurture");
  static final Set<String> NURTURE_KEYS =
      orderedSet("templates", "localized_templates", "playbooks");
  static final Set<String> PLAYBOOK_KEYS =
      orderedSet("key", "name", "description", "stop_on_reply", "fits", "steps");
  static final Set<String> FIT_KEYS = orderedSet("stages", "bands", "intents", "silent_for");
  static final Set<String> STEP_KINDS =
      orderedSet("send", "wait", "branch", "task", "change_stage", "stop");
  static final Set<String> SEND_KEYS = orderedSet("template", "channel");
  static final Set<String> BRANCH_KEYS =
      orderedSet("on", "intents", "bands", "when", "then", "else");
  static final Set<String> WAIT_KEYS = orderedSet("duration", "business_time");
  static final Set<String> TASK_KEYS = orderedSet("kind", "title", "due_in");
  static final Set<String> CHANGE_STAGE_KEYS = orderedSet("stage");
  static final Set<String> COMPLIANCE_KEYS = orderedSet("keywords");
  static final Set<String> KEYWORD_KEYS = orderedSet("stop", "stop_all", "start", "help");
  static final Set<String> ROUTING_KEYS =
      orderedSet("sticky", "default_group", "last_resort", "rules");
  static final Set<String> ROUTING_RULE_KEYS = orderedSet("key", "when", "group");
  static final Set<String> SCORING_KEYS =
      orderedSet("groups", "engagement_half_life", "model_weight", "rules");
  static final Set<String> GROUP_KEYS = orderedSet("cap");
  static final Set<String> RULE_KEYS = orderedSet("key", "group", "points", "when");
  static final Set<String> LEAF_KEYS = orderedSet("field", "op", "value", "values", "min", "max");
  static final Set<String> FIELD_KEYS = orderedSet("key", "label", "type", "options");
  static final Set<String> STAGE_KEYS = orderedSet("key", "label", "outcome");
  static final Set<String> INTENT_KEYS =
      orderedSet("key", "label", "keywords", "phrases", "patterns", "weight");
  private static final String FIELD_TYPES = "text, number, money, date, boolean, choice";

  private final Problems problems;

  private PackReader(Problems problems) {
    this.problems = problems;
  }

  /**
   * Reads and validates one file.
   *
   * @param sink where problems are added, each as {@code <file>: <path> : <problem>}
   * @return the pack, or {@code null} if the file has problems
   */
  public static @Nullable VerticalPack read(PackFile file, List<String> sink) {
    return read(file, new Problems(file.name(), sink));
  }

  /**
   * Reads and validates one file, giving each problem as its path ({@code ""} for the whole file)
   * and message, in the order found.
   */
  public static List<Problem> problems(PackFile file) {
    List<Problem> found = new ArrayList<>();
    read(file, new Problems(file.name(), new ArrayList<>(), found));
    return found;
  }

  private static @Nullable VerticalPack read(PackFile file, Problems problems) {
    JsonNode root = YamlTree.read(file.content(), problems);
    return root == null ? null : read(root, problems);
  }

  /** Validates one file's tree and builds its pack, or {@code null} if it has problems. */
  static @Nullable VerticalPack read(JsonNode root, Problems problems) {
    int before = problems.count();
    VerticalPack pack = new PackReader(problems).pack(root);
    return problems.count() == before ? pack : null;
  }

  private @Nullable VerticalPack pack(JsonNode root) {
    ObjectNode pack = mapping(root, "");
    if (pack == null) {
      return null;
    }
    knownKeys(pack, "", PACK_KEYS);
    schemaVersion(pack.get("schema_version"));
    String slug = text(pack, "", "slug", true);
    if (slug != null) {
      PackValidator.slugProblem(slug).ifPresent(m -> problems.add("/slug", m));
    }
    String name = text(pack, "", "name", true);
    String version = text(pack, "", "version", true);
    if (version != null) {
      PackValidator.versionProblem(version).ifPresent(m -> problems.add("/version", m));
    }
    String description = text(pack, "", "description", true);
    List<LeadField> fields = leadFields(pack);
    List<Stage> stages = stages(pack);
    List<Intent> intents = intents(pack);
    List<String> negationWords =
        pack.has("negation_words")
            ? strings(pack, "", "negation_words", Words.NEGATION)
            : VerticalPack.DEFAULT_NEGATION_WORDS;
    Map<String, String> templates = replyTemplates(pack, intentKeys(pack));
    Map<String, Map<String, String>> localized = localizedReplyTemplates(pack, intentKeys(pack));
    Map<String, String> nextActions = nextActions(pack, intentKeys(pack));
    int beforeScoring = problems.count();
    RuleSet scoring = pack.has("scoring") ? scoring(pack.get("scoring"), fields) : null;
    RoutingConfig routing = pack.has("routing") ? routing(pack.get("routing"), fields) : null;
    VerticalPack.Compliance compliance =
        pack.has("compliance") ? compliance(pack.get("compliance")) : null;
    Nurture nurture = pack.has("nurture") ? nurture(pack.get("nurture")) : Nurture.EMPTY;
    if (problems.count() != beforeScoring || nurture == null) {
      return null;
    }
    if (slug == null
        || negationWords == null
        || name == null
        || version == null
        || description == null
        || fields == null
        || stages == null
        || intents == null
        || templates == null
        || localized == null
        || nextActions == null) {
      return null;
    }
    try {
      VerticalPack built =
          new VerticalPack(
              slug,
              name,
              version,
              description,
              fields,
              stages,
              intents,
              templates,
              negationWords,
              nextActions,
              scoring,
              routing,
              compliance,
              localized,
              nurture);
      // Whatever the sections above could not see (each checks its own part) is checked here,
      // by the same rules core applies to every pack.
      for (Problem p : PackValidator.problems(built)) {
        problems.add(p.path(), p.message());
      }
      return built;
    } catch (RuntimeException e) {
      // Only reached if core's rules grow stricter than these; still report it in the same form.
      problems.add("", "not a valid pack: " + e.getMessage());
      return null;
    }
  }

  /**
   * The optional {@code schema_version}: absent means {@link #SCHEMA_VERSION}, which is the only
   * one this loader reads.
   */
  private void schemaVersion(@Nullable JsonNode node) {
    if (node == null) {
      return;
    }
    if (!node.isIntegralNumber()) {
      problems.add(
          "/schema_version",
          "must be a whole number (" + SCHEMA_VERSION + "), but is " + describe(node));
    } else if (!node.canConvertToInt() || node.intValue() != SCHEMA_VERSION) {
      problems.add(
          "/schema_version",
          Problem.clip(node.asText())
              + " is not a schema version this loader reads; write "
              + SCHEMA_VERSION
              + " (or leave it out)");
    }
  }

  // ---- sections

  private @Nullable List<LeadField> leadFields(ObjectNode pack) {
    List<@Nullable ObjectNode> items = list(pack, "", "lead_fields", true);
    if (items == null) {
      return null;
    }
    List<LeadField> fields = new ArrayList<>();
    Map<String, String> keys = new HashMap<>();
    boolean ok = true;
    for (int i = 0; i < items.size(); i++) {
      String path = Problems.child("/lead_fields", i);
      ObjectNode item = items.get(i);
      if (item == null) {
        ok = false;
        continue;
      }
      int before = problems.count();
      knownKeys(item, path, FIELD_KEYS);
      String key = key(item, path, keys);
      String label = text(item, path, "label", true);
      String typeName = text(item, path, "type", true);
      FieldType type = null;
      if (typeName != null) {
        type = fieldType(typeName);
        if (type == null) {
          problems.add(
              Problems.child(path, "type"),
              "'" + typeName + "' is not a field type; use one of " + FIELD_TYPES);
        }
      }
      List<String> options = strings(item, path, "options", Words.ANY);
      if (type == FieldType.CHOICE && !item.has("options")) {
        problems.add(Problems.child(path, "options"), "a choice field needs options; none given");
      } else if (type == FieldType.CHOICE && options != null && options.isEmpty()) {
        problems.add(Problems.child(path, "options"), "a choice field needs at least one option");
      } else if (type != null && type != FieldType.CHOICE && item.has("options")) {
        problems.add(
            Problems.child(path, "options"),
            "only choice fields have options; this field's type is " + typeName);
      }
      if (problems.count() != before || key == null || label == null || type == null) {
        ok = false;
        continue;
      }
      fields.add(new LeadField(key, label, type, options == null ? List.of() : options));
    }
    return ok ? fields : null;
  }

  private @Nullable List<Stage> stages(ObjectNode pack) {
    List<@Nullable ObjectNode> items = list(pack, "", "stages", true);
    if (items == null) {
      return null;
    }
    List<Stage> stages = new ArrayList<>();
    Map<String, String> keys = new HashMap<>();
    boolean ok = true;
    for (int i = 0; i < items.size(); i++) {
      String path = Problems.child("/stages", i);
      ObjectNode item = items.get(i);
      if (item == null) {
        ok = false;
        continue;
      }
      int before = problems.count();
      knownKeys(item, path, STAGE_KEYS);
      String key = key(item, path, keys);
      String label = text(item, path, "label", true);
      String outcome = text(item, path, "outcome", false);
      if (outcome != null && !outcome.equals("won") && !outcome.equals("lost")) {
        problems.add(
            Problems.child(path, "outcome"),
            "'" + outcome + "' is not an outcome; use won or lost, or leave it out");
      }
      if (problems.count() != before || key == null || label == null) {
        ok = false;
        continue;
      }
      stages.add(new Stage(key, label, outcome));
    }
    if (!ok) {
      return null;
    }
    int before = problems.count();
    if (stages.stream().allMatch(Stage::isTerminal)) {
      problems.add("/stages", "needs at least one non-terminal stage (one without an outcome)");
    } else if (stages.get(0).isTerminal()) {
      problems.add("/stages/0", "the first stage is where leads start, so it must not be terminal");
    }
    for (String outcome : List.of("won", "lost")) {
      if (stages.stream().noneMatch(s -> outcome.equals(s.outcome()))) {
        problems.add("/stages", "needs a terminal stage with outcome " + outcome);
      }
    }
    return problems.count() == before ? stages : null;
  }

  private @Nullable List<Intent> intents(ObjectNode pack) {
    List<@Nullable ObjectNode> items = list(pack, "", "intents", true);
    if (items == null) {
      return null;
    }
    if (items.isEmpty()) {
      problems.add("/intents", "needs at least one intent");
      return null;
    }
    List<Intent> intents = new ArrayList<>();
    Map<String, String> keys = new HashMap<>();
    boolean ok = true;
    for (int i = 0; i < items.size(); i++) {
      String path = Problems.child("/intents", i);
      ObjectNode item = items.get(i);
      if (item == null) {
        ok = false;
        continue;
      }
      int before = problems.count();
      knownKeys(item, path, INTENT_KEYS);
      String key = key(item, path, keys);
      String label = text(item, path, "label", true);
      List<String> keywords = strings(item, path, "keywords", Words.ONE);
      List<String> phrases = strings(item, path, "phrases", Words.SEVERAL);
      List<String> patterns = strings(item, path, "patterns", Words.ANY);
      if (patterns != null) {
        patterns(patterns, Problems.child(path, "patterns"));
      }
      Double weight = weight(item, path);
      if (keywords != null
          && phrases != null
          && patterns != null
          && keywords.isEmpty()
          && phrases.isEmpty()
          && patterns.isEmpty()
          && problems.count() == before) {
        problems.add(path, "an intent needs at least one keyword, phrase or pattern");
      }
      if (problems.count() != before || key == null || label == null || weight == null) {
        ok = false;
        continue;
      }
      intents.add(
          new Intent(
              key,
              label,
              keywords == null ? List.of() : keywords,
              phrases == null ? List.of() : phrases,
              patterns == null ? List.of() : patterns,
              weight));
    }
    return ok ? intents : null;
  }

  /** Reports each pattern that is not a valid regular expression. */
  private void patterns(List<String> patterns, String listPath) {
    for (int i = 0; i < patterns.size(); i++) {
      String pattern = patterns.get(i);
      try {
        Pattern.compile(pattern);
      } catch (PatternSyntaxException e) {
        problems.add(
            Problems.child(listPath, i),
            "'"
                + pattern
                + "' is not a valid pattern: "
                + e.getDescription()
                + (e.getIndex() >= 0 ? " at character " + (e.getIndex() + 1) : ""));
      }
    }
  }

  /** The intent's weight: {@link Intent#DEFAULT_WEIGHT} if absent; null if it is wrong. */
  private @Nullable Double weight(ObjectNode item, String path) {
    JsonNode node = item.get("weight");
    if (node == null) {
      return Intent.DEFAULT_WEIGHT;
    }
    String weightPath = Problems.child(path, "weight");
    if (!node.isNumber()) {
      problems.add(weightPath, "must be a number, but is " + describe(node));
      return null;
    }
    double weight = node.doubleValue();
    if (!(weight > 0 && weight <= Intent.MAX_WEIGHT)) {
      problems.add(
          weightPath,
          node.asText()
              + " is out of range; a weight is greater than 0 and at most 10 (1 is neutral)");
      return null;
    }
    return weight;
  }

  /**
   * The well-formed keys the intents give, even if the intents have other problems, so that
   * templates are checked against them; {@code null} if the intents are not even a list.
   */
  private static @Nullable Set<String> intentKeys(ObjectNode pack) {
    JsonNode intents = pack.get("intents");
    if (intents == null || !intents.isArray()) {
      return null;
    }
    Set<String> keys = new LinkedHashSet<>();
    for (JsonNode intent : intents) {
      JsonNode key = intent.get("key");
      if (key != null && key.isTextual() && KEY.matcher(key.textValue()).matches()) {
        keys.add(key.textValue());
      }
    }
    return keys;
  }

  /**
   * @param intentKeys the intents' keys, or {@code null} if there are none to check against
   */
  private @Nullable Map<String, String> replyTemplates(
      ObjectNode pack, @Nullable Set<String> intentKeys) {
    JsonNode node = pack.get("reply_templates");
    if (node == null) {
      problems.add("/reply_templates", "is required");
      return null;
    }
    return templatesAt(node, "/reply_templates", intentKeys);
  }

  /**
   * The optional {@code localized_reply_templates} section: a language code (see {@link
   * PackValidator#languageProblem}) to a mapping like {@code reply_templates}.
   */
  private @Nullable Map<String, Map<String, String>> localizedReplyTemplates(
      ObjectNode pack, @Nullable Set<String> intentKeys) {
    JsonNode node = pack.get("localized_reply_templates");
    if (node == null) {
      return Map.of();
    }
    ObjectNode languages = mapping(node, "/localized_reply_templates");
    if (languages == null) {
      return null;
    }
    int before = problems.count();
    Map<String, Map<String, String>> result = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : languages.properties()) {
      String path = Problems.child("/localized_reply_templates", entry.getKey());
      PackValidator.languageProblem(entry.getKey()).ifPresent(m -> problems.add(path, m));
      Map<String, String> templates = templatesAt(entry.getValue(), path, intentKeys);
      if (templates != null) {
        result.put(entry.getKey(), templates);
      }
    }
    return problems.count() == before ? result : null;
  }

  /** One mapping of intent key to template text, at {@code at}; null if it has problems. */
  private @Nullable Map<String, String> templatesAt(
      JsonNode node, String at, @Nullable Set<String> intentKeys) {
    ObjectNode templates = mapping(node, at);
    if (templates == null) {
      return null;
    }
    int before = problems.count();
    Map<String, String> result = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : templates.properties()) {
      String intent = entry.getKey();
      String path = Problems.child(at, intent);
      if (intentKeys != null && !intentKeys.contains(intent)) {
        problems.add(
            path,
            "no intent has the key '"
                + intent
                + "'"
                + suggestion(intent, intentKeys)
                + "; templates are keyed by intent");
      }
      String text = asText(entry.getValue(), path);
      if (text != null) {
        slots(text, path);
        result.put(intent, text);
      }
    }
    return problems.count() == before ? result : null;
  }

  /**
   * The optional {@code next_actions} section: intent key to one of {@link
   * VerticalPack#NEXT_ACTIONS}; {@code opt_out} may only be {@code stop_messaging}.
   *
   * @param intentKeys the intents' keys, or {@code null} if there are none to check against
   */
  private @Nullable Map<String, String> nextActions(
      ObjectNode pack, @Nullable Set<String> intentKeys) {
    JsonNode node = pack.get("next_actions");
    if (node == null) {
      return Map.of();
    }
    ObjectNode actions = mapping(node, "/next_actions");
    if (actions == null) {
      return null;
    }
    int before = problems.count();
    Map<String, String> result = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : actions.properties()) {
      String intent = entry.getKey();
      String path = Problems.child("/next_actions", intent);
      if (intentKeys != null && !intentKeys.contains(intent)) {
        problems.add(
            path,
            "no intent has the key '"
                + intent
                + "'"
                + suggestion(intent, intentKeys)
                + "; next actions are keyed by intent");
      }
      String action = asText(entry.getValue(), path);
      if (action == null) {
        continue;
      }
      PackValidator.nextActionProblem(intent, action).ifPresent(m -> problems.add(path, m));
      result.put(intent, action);
    }
    return problems.count() == before ? result : null;
  }

  private void slots(String template, String path) {
    for (String m : PackValidator.slotProblems(template)) {
      problems.add(path, m);
    }
  }

  // ---- nurture

  /**
   * The optional {@code nurture} section: {@code templates} (template key to text, with reply
   * slots), {@code localized_templates} (language to such a mapping) and {@code playbooks}. What
   * needs the whole pack (templates and intents a playbook names) is left to {@link PackValidator};
   * reports problems and returns null when there are any.
   */
  private @Nullable Nurture nurture(JsonNode node) {
    ObjectNode section = mapping(node, "/nurture");
    if (section == null) {
      return null;
    }
    int before = problems.count();
    knownKeys(section, "/nurture", NURTURE_KEYS);
    Map<String, String> templates = Map.of();
    if (section.has("templates")) {
      templates = nurtureTemplates(section.get("templates"), "/nurture/templates");
    }
    Map<String, Map<String, String>> localized = new LinkedHashMap<>();
    if (section.has("localized_templates")) {
      ObjectNode languages =
          mapping(section.get("localized_templates"), "/nurture/localized_templates");
      if (languages != null) {
        for (Map.Entry<String, JsonNode> entry : languages.properties()) {
          String path = Problems.child("/nurture/localized_templates", entry.getKey());
          PackValidator.languageProblem(entry.getKey()).ifPresent(m -> problems.add(path, m));
          Map<String, String> t = nurtureTemplates(entry.getValue(), path);
          if (t != null) {
            localized.put(entry.getKey(), t);
          }
        }
      }
    }
    List<Playbook> playbooks = new ArrayList<>();
    if (section.has("playbooks")) {
      List<@Nullable ObjectNode> items = list(section, "/nurture", "playbooks", false);
      if (items != null) {
        if (items.size() > Nurture.MAX_PLAYBOOKS) {
          problems.add(
              "/nurture/playbooks", "has more than " + Nurture.MAX_PLAYBOOKS + " playbooks");
        }
        Map<String, String> keys = new HashMap<>();
        for (int i = 0; i < items.size() && i < Nurture.MAX_PLAYBOOKS; i++) {
          ObjectNode item = items.get(i);
          if (item != null) {
            Playbook p = playbook(item, Problems.child("/nurture/playbooks", i), keys);
            if (p != null) {
              playbooks.add(p);
            }
          }
        }
      }
    }
    if (problems.count() != before || templates == null) {
      return null;
    }
    try {
      return new Nurture(templates, localized, playbooks);
    } catch (OmniFlowException e) {
      problems.add("/nurture", e.getMessage());
      return null;
    }
  }

  private @Nullable Map<String, String> nurtureTemplates(JsonNode node, String at) {
    ObjectNode templates = mapping(node, at);
    if (templates == null) {
      return null;
    }
    int before = problems.count();
    Map<String, String> result = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : templates.properties()) {
      String path = Problems.child(at, entry.getKey());
      if (!PlaybookStep.KEY.matcher(entry.getKey()).matches()) {
        problems.add(
            path, "'" + entry.getKey() + "' is not a template key; " + PlaybookStep.KEY_RULE);
      }
      String text = asText(entry.getValue(), path);
      if (text != null) {
        if (text.length() > Nurture.MAX_TEMPLATE) {
          problems.add(path, "is longer than " + Nurture.MAX_TEMPLATE + " characters");
        }
        slots(text, path);
        result.put(entry.getKey(), text);
      }
    }
    return problems.count() == before ? result : null;
  }

  private @Nullable Playbook playbook(ObjectNode item, String path, Map<String, String> keys) {
    int before = problems.count();
    knownKeys(item, path, PLAYBOOK_KEYS);
    String key = text(item, path, "key", true);
    if (key != null) {
      String keyPath = Problems.child(path, "key");
      if (!PackValidator.slugProblem(key).isEmpty()) {
        problems.add(
            keyPath,
            "'"
                + key
                + "' is not a playbook key: a lower-case letter, then lower-case letters, digits"
                + " or '-', at most 63 in all");
      } else {
        String first = keys.putIfAbsent(key, keyPath);
        if (first != null) {
          problems.add(keyPath, "the key '" + key + "' is already used at " + first);
        }
      }
    }
    String name = text(item, path, "name", true);
    String description = item.has("description") ? text(item, path, "description", false) : "";
    boolean stopOnReply = true;
    JsonNode stopNode = item.get("stop_on_reply");
    if (stopNode != null) {
      if (stopNode.isBoolean()) {
        stopOnReply = stopNode.booleanValue();
      } else {
        problems.add(
            Problems.child(path, "stop_on_reply"),
            "must be true or false, but is " + describe(stopNode));
      }
    }
    Fit fits = item.has("fits") ? fits(item.get("fits"), Problems.child(path, "fits")) : Fit.ANY;
    List<PlaybookStep> steps = new ArrayList<>();
    List<@Nullable ObjectNode> items = list(item, path, "steps", true);
    String stepsPath = Problems.child(path, "steps");
    if (items != null) {
      if (items.isEmpty() || items.size() > Playbook.MAX_STEPS) {
        problems.add(stepsPath, "needs 1 to " + Playbook.MAX_STEPS + " steps, has " + items.size());
      } else {
        for (int i = 0; i < items.size(); i++) {
          ObjectNode stepNode = items.get(i);
          if (stepNode != null) {
            PlaybookStep step = step(stepNode, Problems.child(stepsPath, i));
            if (step != null) {
              steps.add(step);
            }
          }
        }
      }
    }
    if (problems.count() != before || key == null || name == null || description == null) {
      return null;
    }
    for (Problem p : PlaybookValidator.structureProblems(stopOnReply, steps)) {
      problems.add(path + p.path(), p.message());
    }
    if (problems.count() != before) {
      return null;
    }
    try {
      return new Playbook(key, name, description, stopOnReply, steps, fits);
    } catch (OmniFlowException e) {
      problems.add(path, e.getMessage());
      return null;
    }
  }

  /**
   * A playbook's optional {@code fits}: lists {@code stages}, {@code bands}, {@code intents} and a
   * duration {@code silent_for}. What needs the pack (stages, intents) is {@link PackValidator}'s.
   */
  private Fit fits(JsonNode node, String path) {
    ObjectNode fits = mapping(node, path);
    if (fits == null) {
      return Fit.ANY;
    }
    int before = problems.count();
    knownKeys(fits, path, FIT_KEYS);
    List<String> stages = strings(fits, path, "stages", Words.ANY);
    List<String> bands = strings(fits, path, "bands", Words.ANY);
    List<String> intents = strings(fits, path, "intents", Words.ANY);
    Duration silent =
        fits.has("silent_for")
            ? duration(fits.get("silent_for"), Problems.child(path, "silent_for"))
            : null;
    if (problems.count() != before || stages == null || bands == null || intents == null) {
      return Fit.ANY;
    }
    try {
      return new Fit(stages, bands, intents, silent);
    } catch (OmniFlowException e) {
      problems.add(path, e.getMessage());
      return Fit.ANY;
    }
  }

  /** One step: {@code key} and exactly one of send, wait, branch, task, change_stage, stop. */
  private @Nullable PlaybookStep step(ObjectNode item, String path) {
    int before = problems.count();
    Set<String> known = new LinkedHashSet<>();
    known.add("key");
    known.addAll(STEP_KINDS);
    knownKeys(item, path, known);
    String key = text(item, path, "key", true);
    List<String> kinds = new ArrayList<>();
    for (String kind : STEP_KINDS) {
      if (item.has(kind)) {
        kinds.add(kind);
      }
    }
    if (kinds.size() != 1) {
      problems.add(
          path,
          "a step is exactly one of send, wait, branch, task, change_stage or stop"
              + (kinds.isEmpty() ? "; this is none" : "; this is " + String.join(" and ", kinds)));
    }
    if (problems.count() != before || key == null) {
      return null;
    }
    if (!PlaybookStep.KEY.matcher(key).matches()) {
      problems.add(
          Problems.child(path, "key"), "'" + key + "' is not a step key; " + PlaybookStep.KEY_RULE);
      return null;
    }
    String kind = kinds.get(0);
    String at = Problems.child(path, kind);
    JsonNode node = item.get(kind);
    try {
      switch (kind) {
        case "send" -> {
          ObjectNode send = mapping(node, at);
          if (send == null) {
            return null;
          }
          knownKeys(send, at, SEND_KEYS);
          String template = text(send, at, "template", true);
          String channelName = text(send, at, "channel", false);
          Channel channel = null;
          if (channelName != null) {
            try {
              channel = Channel.fromId(channelName);
            } catch (IllegalArgumentException e) {
              problems.add(
                  Problems.child(at, "channel"),
                  "'"
                      + channelName
                      + "' is not a channel; use sms, whatsapp, email, facebook_dm or"
                      + " instagram_dm");
            }
          }
          return problems.count() != before || template == null
              ? null
              : new PlaybookStep.Send(key, template, channel);
        }
        case "wait" -> {
          if (!(node instanceof ObjectNode wait)) {
            Duration d = duration(node, at);
            return d == null ? null : new PlaybookStep.Wait(key, d);
          }
          knownKeys(wait, at, WAIT_KEYS);
          JsonNode durationNode = wait.get("duration");
          Duration d = null;
          if (durationNode == null) {
            problems.add(Problems.child(at, "duration"), "is required");
          } else {
            d = duration(durationNode, Problems.child(at, "duration"));
          }
          JsonNode business = wait.get("business_time");
          if (business != null && !business.isBoolean()) {
            problems.add(
                Problems.child(at, "business_time"),
                "must be true or false, but is " + describe(business));
          }
          return problems.count() != before || d == null
              ? null
              : new PlaybookStep.Wait(key, d, business != null && business.booleanValue());
        }
        case "branch" -> {
          ObjectNode branch = mapping(node, at);
          if (branch == null) {
            return null;
          }
          knownKeys(branch, at, BRANCH_KEYS);
          String on = text(branch, at, "on", true);
          PlaybookStep.Branch.On condition = PlaybookStep.Branch.On.of(on);
          if (on != null && condition == null) {
            problems.add(
                Problems.child(at, "on"),
                "'" + on + "' is not a condition; use replied, intent, field or band");
          }
          List<String> intents = strings(branch, at, "intents", Words.ANY);
          List<String> bands = strings(branch, at, "bands", Words.ANY);
          if (bands != null) {
            for (int j = 0; j < bands.size(); j++) {
              if (!Fit.BANDS.contains(bands.get(j))) {
                problems.add(
                    Problems.child(Problems.child(at, "bands"), j),
                    "'" + bands.get(j) + "' is not a score band; the bands are cold, warm and hot");
              }
            }
          }
          Condition when = null;
          if (branch.has("when")) {
            // The scoring rules' condition language; the fields are checked with the whole pack.
            when = condition(branch.get("when"), Problems.child(at, "when"));
          } else if (condition == PlaybookStep.Branch.On.FIELD) {
            problems.add(Problems.child(at, "when"), "is required by a branch on field");
          }
          String then = text(branch, at, "then", true);
          String otherwise = text(branch, at, "else", false);
          return problems.count() != before
                  || condition == null
                  || intents == null
                  || bands == null
                  || then == null
              ? null
              : new PlaybookStep.Branch(key, condition, intents, bands, when, then, otherwise);
        }
        case "task" -> {
          ObjectNode task = mapping(node, at);
          if (task == null) {
            return null;
          }
          knownKeys(task, at, TASK_KEYS);
          String kindName = text(task, at, "kind", true);
          TaskKind taskKind = null;
          if (kindName != null) {
            taskKind = TaskKind.fromId(kindName);
            if (taskKind == null) {
              problems.add(
                  Problems.child(at, "kind"),
                  "'"
                      + kindName
                      + "' is not a task kind; use call, email, showing, visit or follow_up");
            }
          }
          String title = text(task, at, "title", true);
          Duration dueIn =
              task.has("due_in")
                  ? duration(task.get("due_in"), Problems.child(at, "due_in"))
                  : Duration.ZERO;
          return problems.count() != before || taskKind == null || title == null || dueIn == null
              ? null
              : new PlaybookStep.CreateTask(key, taskKind, title, dueIn);
        }
        case "change_stage" -> {
          ObjectNode change = mapping(node, at);
          if (change == null) {
            return null;
          }
          knownKeys(change, at, CHANGE_STAGE_KEYS);
          String stage = text(change, at, "stage", true);
          return problems.count() != before || stage == null
              ? null
              : new PlaybookStep.ChangeStage(key, stage);
        }
        default -> {
          if (!(node instanceof ObjectNode stop) || !stop.isEmpty()) {
            problems.add(at, "write stop: {}");
            return null;
          }
          return new PlaybookStep.Stop(key);
        }
      }
    } catch (OmniFlowException e) {
      problems.add(path, e.getMessage());
      return null;
    }
  }

  /** An ISO-8601 duration ({@code P2D}, {@code PT4H}); null with the problem noted if it is not. */
  private @Nullable Duration duration(JsonNode node, String path) {
    String text = asText(node, path);
    if (text == null) {
      return null;
    }
    try {
      return Duration.parse(text);
    } catch (DateTimeParseException e) {
      problems.add(path, "'" + text + "' is not an ISO-8601 duration; write e.g. P2D or PT4H");
      return null;
    }
  }

  // ---- compliance

  /**
   * The optional {@code compliance} section: {@code keywords} with lists {@code stop}, {@code
   * stop_all}, {@code start} and {@code help}, each keyword in one list only (compared as the
   * guardrails compare them: case, spacing, punctuation and accents ignored). Reports problems and
   * returns null when there are any.
   */
  private VerticalPack.@Nullable Compliance compliance(JsonNode node) {
    ObjectNode section = mapping(node, "/compliance");
    if (section == null) {
      return null;
    }
    int before = problems.count();
    knownKeys(section, "/compliance", COMPLIANCE_KEYS);
    JsonNode keywordsNode = section.get("keywords");
    if (keywordsNode == null) {
      problems.add("/compliance", "needs keywords");
      return null;
    }
    ObjectNode keywords = mapping(keywordsNode, "/compliance/keywords");
    if (keywords == null) {
      return null;
    }
    knownKeys(keywords, "/compliance/keywords", KEYWORD_KEYS);
    String path = "/compliance/keywords";
    List<String> stop = strings(keywords, path, "stop", Words.ANY);
    List<String> stopAll = strings(keywords, path, "stop_all", Words.ANY);
    List<String> start = strings(keywords, path, "start", Words.ANY);
    List<String> help = strings(keywords, path, "help", Words.ANY);
    if (problems.count() != before
        || stop == null
        || stopAll == null
        || start == null
        || help == null) {
      return null;
    }
    VerticalPack.Compliance compliance;
    try {
      compliance = new VerticalPack.Compliance(stop, stopAll, start, help);
    } catch (IllegalArgumentException e) {
      problems.add(path, e.getMessage());
      return null;
    }
    for (String conflict : ComplianceKeywords.conflicts(compliance)) {
      problems.add(path, "'" + conflict + "' is a keyword of two actions; keep it in one list");
    }
    return problems.count() == before ? compliance : null;
  }

  // ---- scoring

  /** The scoring section; reports problems and returns null when there are any. */
  private @Nullable RuleSet scoring(JsonNode node, @Nullable List<LeadField> fields) {
    ObjectNode scoring = mapping(node, "/scoring");
    if (scoring == null) {
      return null;
    }
    int before = problems.count();
    knownKeys(scoring, "/scoring", SCORING_KEYS);
    Map<ScoringGroup, Integer> caps = new EnumMap<>(ScoringGroup.class);
    JsonNode groupsNode = scoring.get("groups");
    if (groupsNode != null) {
      ObjectNode groups = mapping(groupsNode, "/scoring/groups");
      if (groups != null) {
        for (Map.Entry<String, JsonNode> e : groups.properties()) {
          String path = Problems.child("/scoring/groups", e.getKey());
          ScoringGroup group = ScoringGroup.of(e.getKey());
          if (group == null) {
            problems.add(path, "unknown group '" + e.getKey() + "'; use fit, engagement or intent");
            continue;
          }
          ObjectNode g = mapping(e.getValue(), path);
          if (g == null) {
            continue;
          }
          knownKeys(g, path, GROUP_KEYS);
          JsonNode cap = g.get("cap");
          if (cap == null) {
            problems.add(Problems.child(path, "cap"), "is required");
          } else if (!cap.isIntegralNumber() || !cap.canConvertToInt() || cap.intValue() < 0) {
            problems.add(
                Problems.child(path, "cap"),
                "must be a whole number of 0 or more, but is " + describe(cap));
          } else {
            caps.put(group, cap.intValue());
          }
        }
      }
    }
    Duration halfLife = null;
    String halfLifeText = text(scoring, "/scoring", "engagement_half_life", true);
    if (halfLifeText != null) {
      try {
        halfLife = Duration.parse(halfLifeText);
        if (halfLife.isZero() || halfLife.isNegative()) {
          problems.add("/scoring/engagement_half_life", "must be positive, e.g. P7D");
        }
      } catch (DateTimeParseException e) {
        problems.add(
            "/scoring/engagement_half_life",
            "'" + halfLifeText + "' is not an ISO-8601 duration; write e.g. P7D or PT36H");
      }
    }
    List<ScoringRule> rules = new ArrayList<>();
    List<@Nullable ObjectNode> items = list(scoring, "/scoring", "rules", true);
    if (items != null) {
      Map<String, String> keys = new HashMap<>();
      for (int i = 0; i < items.size(); i++) {
        String path = Problems.child("/scoring/rules", i);
        ObjectNode item = items.get(i);
        if (item == null) {
          continue;
        }
        int ruleBefore = problems.count();
        knownKeys(item, path, RULE_KEYS);
        String key = key(item, path, keys);
        String groupName = text(item, path, "group", true);
        ScoringGroup group = null;
        if (groupName != null) {
          group = ScoringGroup.of(groupName);
          if (group == null) {
            problems.add(
                Problems.child(path, "group"),
                "unknown group '" + groupName + "'; use fit, engagement or intent");
          }
        }
        JsonNode pointsNode = item.get("points");
        Integer points = null;
        if (pointsNode == null) {
          problems.add(Problems.child(path, "points"), "is required");
        } else if (!pointsNode.isIntegralNumber() || !pointsNode.canConvertToInt()) {
          problems.add(
              Problems.child(path, "points"),
              "must be a whole number, but is " + describe(pointsNode));
        } else {
          points = pointsNode.intValue();
          if (group == ScoringGroup.ENGAGEMENT && points < 0) {
            problems.add(
                Problems.child(path, "points"),
                "an engagement rule must not be negative: its points decay with age");
          }
        }
        Condition when = when(item, path, fields);
        if (problems.count() == ruleBefore
            && key != null
            && group != null
            && points != null
            && when != null) {
          rules.add(new ScoringRule(key, group, points, when));
        }
      }
    }
    double modelWeight = RuleSet.DEFAULT_MODEL_WEIGHT;
    JsonNode weight = scoring.get("model_weight");
    if (weight != null) {
      if (!weight.isNumber() || weight.doubleValue() < 0 || weight.doubleValue() > 1) {
        problems.add(
            "/scoring/model_weight", "must be a number from 0 to 1, but is " + describe(weight));
      } else {
        modelWeight = weight.doubleValue();
      }
    }
    if (problems.count() != before || halfLife == null) {
      return null;
    }
    return new RuleSet(caps, halfLife, rules, modelWeight);
  }

  private @Nullable Condition condition(JsonNode node, String path) {
    ObjectNode c = mapping(node, path);
    if (c == null) {
      return null;
    }
    int composites = (c.has("all") ? 1 : 0) + (c.has("any") ? 1 : 0) + (c.has("not") ? 1 : 0);
    if (composites > 1 || (composites == 1 && c.size() > 1)) {
      problems.add(path, "a condition is one of all, any, not, or a field test; this mixes them");
      return null;
    }
    if (c.has("not")) {
      Condition inner = condition(c.get("not"), Problems.child(path, "not"));
      return inner == null ? null : new Condition.Not(inner);
    }
    if (c.has("all") || c.has("any")) {
      String name = c.has("all") ? "all" : "any";
      String listPath = Problems.child(path, name);
      JsonNode list = c.get(name);
      if (!list.isArray()) {
        problems.add(listPath, "must be a list of conditions, but is " + describe(list));
        return null;
      }
      if (list.isEmpty()) {
        problems.add(listPath, "needs at least one condition");
        return null;
      }
      List<Condition> parts = new ArrayList<>();
      boolean ok = true;
      for (int i = 0; i < list.size(); i++) {
        Condition part = condition(list.get(i), Problems.child(listPath, i));
        if (part == null) {
          ok = false;
        } else {
          parts.add(part);
        }
      }
      if (!ok) {
        return null;
      }
      return name.equals("all") ? new Condition.All(parts) : new Condition.Any(parts);
    }
    int before = problems.count();
    knownKeys(c, path, LEAF_KEYS);
    String field = text(c, path, "field", true);
    String opName = text(c, path, "op", true);
    Operator op = null;
    if (opName != null) {
      op = Operator.of(opName);
      if (op == null) {
        Set<String> ops = new LinkedHashSet<>();
        for (Operator o : Operator.values()) {
          ops.add(o.key());
        }
        problems.add(
            Problems.child(path, "op"),
            "unknown operator '"
                + opName
                + "'"
                + suggestion(opName, ops)
                + "; use one of "
                + String.join(", ", ops));
      }
    }
    if (op == null || problems.count() != before) {
      return null;
    }
    List<String> wanted =
        switch (op) {
          case EXISTS -> List.of();
          case IN -> List.of("values");
          case BETWEEN -> List.of("min", "max");
          default -> List.of("value");
        };
    List<Object> values = new ArrayList<>();
    for (String k : List.of("value", "values", "min", "max")) {
      if (c.has(k) && !wanted.contains(k)) {
        problems.add(
            Problems.child(path, k),
            "operator "
                + op.key()
                + (wanted.isEmpty()
                    ? " takes no operand"
                    : " takes " + String.join(" and ", wanted)));
      }
    }
    for (String k : wanted) {
      String vp = Problems.child(path, k);
      JsonNode v = c.get(k);
      if (v == null) {
        problems.add(vp, "is required by operator " + op.key());
      } else if (k.equals("values")) {
        if (!v.isArray() || v.isEmpty()) {
          problems.add(vp, "must be a non-empty list, but is " + describe(v));
        } else {
          for (int i = 0; i < v.size(); i++) {
            Object o = scalar(v.get(i), Problems.child(vp, i));
            if (o != null) {
              values.add(o);
            }
          }
        }
      } else {
        Object o = scalar(v, vp);
        if (o != null) {
          values.add(o);
        }
      }
    }
    if (problems.count() != before || field == null) {
      return null;
    }
    return new Condition.Leaf(field, op, values);
  }

  private @Nullable Object scalar(JsonNode v, String path) {
    if (v.isTextual()) {
      return v.textValue();
    }
    if (v.isIntegralNumber()) {
      return v.longValue();
    }
    if (v.isNumber()) {
      return v.doubleValue();
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    problems.add(path, "must be text, a number or true/false, but is " + describe(v));
    return null;
  }

  // ---- routing

  /** The routing section; reports problems and returns null when there are any. */
  private @Nullable RoutingConfig routing(JsonNode node, @Nullable List<LeadField> fields) {
    ObjectNode routing = mapping(node, "/routing");
    if (routing == null) {
      return null;
    }
    int before = problems.count();
    knownKeys(routing, "/routing", ROUTING_KEYS);
    boolean sticky = true;
    JsonNode stickyNode = routing.get("sticky");
    if (stickyNode != null) {
      if (stickyNode.isBoolean()) {
        sticky = stickyNode.booleanValue();
      } else {
        problems.add("/routing/sticky", "must be true or false, but is " + describe(stickyNode));
      }
    }
    String defaultGroup = text(routing, "/routing", "default_group", false);
    if (defaultGroup != null && !GROUP_KEY.matcher(defaultGroup).matches()) {
      problems.add("/routing/default_group", notAGroupKey(defaultGroup));
    }
    LastResort lastResort = LastResort.POND;
    String lastResortName = text(routing, "/routing", "last_resort", false);
    if (lastResortName != null) {
      LastResort l = LastResort.of(lastResortName);
      if (l == null) {
        problems.add(
            "/routing/last_resort",
            "unknown last resort '" + lastResortName + "'; use pond or account_owner");
      } else {
        lastResort = l;
      }
    }
    List<RoutingRule> rules = new ArrayList<>();
    if (routing.has("rules")) {
      List<@Nullable ObjectNode> items = list(routing, "/routing", "rules", false);
      if (items != null) {
        Map<String, String> keys = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
          String path = Problems.child("/routing/rules", i);
          ObjectNode item = items.get(i);
          if (item == null) {
            continue;
          }
          int ruleBefore = problems.count();
          knownKeys(item, path, ROUTING_RULE_KEYS);
          String key = key(item, path, keys);
          String group = text(item, path, "group", true);
          if (group != null && !GROUP_KEY.matcher(group).matches()) {
            problems.add(Problems.child(path, "group"), notAGroupKey(group));
          }
          Condition when = when(item, path, fields);
          if (problems.count() == ruleBefore && key != null && group != null && when != null) {
            rules.add(new RoutingRule(key, when, group));
          }
        }
      }
    }
    if (problems.count() != before) {
      return null;
    }
    return new RoutingConfig(rules, defaultGroup, sticky, lastResort, null);
  }

  /**
   * A rule's required {@code when} condition, checked against the pack's lead fields when they are
   * known; {@code null} (with the problems noted) if it is missing or wrong.
   */
  private @Nullable Condition when(ObjectNode item, String path, @Nullable List<LeadField> fields) {
    String whenPath = Problems.child(path, "when");
    JsonNode whenNode = item.get("when");
    if (whenNode == null) {
      problems.add(whenPath, "is required");
      return null;
    }
    Condition when = condition(whenNode, whenPath);
    if (when != null && fields != null) {
      for (Problem p : CompiledRules.problems(fields, when, whenPath)) {
        problems.add(p.path(), p.message());
      }
    }
    return when;
  }

  private static String notAGroupKey(String key) {
    return "'"
        + key
        + "' is not a group key: a lower-case letter, then lower-case letters, digits, '_' or"
        + " '-', at most 63 in all";
  }

  // ---- values

  private @Nullable String key(ObjectNode item, String path, Map<String, String> seen) {
    String key = text(item, path, "key", true);
    if (key == null) {
      return null;
    }
    String keyPath = Problems.child(path, "key");
    if (!KEY.matcher(key).matches()) {
      problems.add(
          keyPath,
          "'"
              + key
              + "' is not a key: a lower-case letter, then lower-case letters, digits or '_',"
              + " at most 63 in all");
      return null;
    }
    String first = seen.putIfAbsent(key, keyPath);
    if (first != null) {
      problems.add(keyPath, "the key '" + key + "' is already used at " + first);
      return null;
    }
    return key;
  }

  /** A text value of {@code parent}, reporting it if missing (when required), mistyped or blank. */
  private @Nullable String text(ObjectNode parent, String path, String key, boolean required) {
    JsonNode node = parent.get(key);
    if (node == null) {
      if (required) {
        problems.add(Problems.child(path, key), "is required");
      }
      return null;
    }
    return asText(node, Problems.child(path, key));
  }

  private @Nullable String asText(JsonNode node, String path) {
    if (!node.isTextual()) {
      problems.add(path, "must be text, but is " + describe(node));
      return null;
    }
    String text = node.textValue();
    if (text.isBlank()) {
      problems.add(path, "must not be blank");
      return null;
    }
    return text;
  }

  /** What a list of texts holds: any text, or lower-case words to match messages with. */
  private enum Words {
    /** Any non-blank text, e.g. a choice field's options. */
    ANY,
    /** Lower-case single words: an intent's keywords. */
    ONE,
    /** Lower-case phrases of two or more words: an intent's phrases. */
    SEVERAL,
    /** Lower-case single words: the pack's negation words. */
    NEGATION
  }

  /**
   * An optional list of texts (absent means empty); each non-blank, listed once and as {@code
   * words} says.
   */
  private @Nullable List<String> strings(ObjectNode parent, String path, String key, Words words) {
    String listPath = Problems.child(path, key);
    JsonNode node = parent.get(key);
    if (node == null) {
      return List.of();
    }
    if (!node.isArray()) {
      problems.add(listPath, "must be a list, but is " + describe(node));
      return null;
    }
    int before = problems.count();
    List<String> result = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < node.size(); i++) {
      String itemPath = Problems.child(listPath, i);
      String text = asText(node.get(i), itemPath);
      if (text == null) {
        continue;
      }
      boolean spaced = text.chars().anyMatch(Character::isWhitespace);
      if (words != Words.ANY && !text.equals(text.toLowerCase(Locale.ROOT))) {
        problems.add(itemPath, "'" + text + "' must be lower case (matching ignores case)");
      } else if (words != Words.ANY && !text.equals(text.strip())) {
        problems.add(itemPath, "'" + text + "' has spaces around it");
      } else if (words == Words.ONE && spaced) {
        problems.add(itemPath, "'" + text + "' is more than one word; list it under phrases");
      } else if (words == Words.NEGATION && spaced) {
        problems.add(
            itemPath, "'" + text + "' is more than one word; a negation word is a single word");
      } else if (words == Words.SEVERAL && !spaced) {
        problems.add(itemPath, "'" + text + "' is one word; list it under keywords");
      }
      Integer first = seen.putIfAbsent(text, i);
      if (first != null) {
        problems.add(
            itemPath, "'" + text + "' is already listed at " + Problems.child(listPath, first));
      }
      result.add(text);
    }
    return problems.count() == before ? result : null;
  }

  /**
   * A list of mappings; an item that is not a mapping is reported and stands as {@code null}, so
   * the others are still checked under their own index.
   */
  private @Nullable List<@Nullable ObjectNode> list(
      ObjectNode parent, String path, String key, boolean required) {
    String listPath = Problems.child(path, key);
    JsonNode node = parent.get(key);
    if (node == null) {
      if (required) {
        problems.add(listPath, "is required");
      }
      return null;
    }
    if (!node.isArray()) {
      problems.add(listPath, "must be a list, but is " + describe(node));
      return null;
    }
    List<@Nullable ObjectNode> items = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      items.add(mapping(node.get(i), Problems.child(listPath, i)));
    }
    return items;
  }

  private @Nullable ObjectNode mapping(JsonNode node, String path) {
    if (node instanceof ObjectNode object) {
      return object;
    }
    problems.add(path, "must be a mapping of keys to values, but is " + describe(node));
    return null;
  }

  private void knownKeys(ObjectNode object, String path, Set<String> known) {
    for (Map.Entry<String, JsonNode> property : object.properties()) {
      String name = property.getKey();
      if (!known.contains(name)) {
        problems.add(
            Problems.child(path, name),
            "unknown key '"
                + name
                + "'"
                + suggestion(name, known)
                + "; known keys here: "
                + String.join(", ", known));
      }
    }
  }

  private static @Nullable FieldType fieldType(String name) {
    return Arrays.stream(FieldType.values())
        .filter(t -> t.name().toLowerCase(Locale.ROOT).equals(name))
        .findFirst()
        .orElse(null);
  }

  private static String describe(JsonNode node) {
    if (node.isNull()) {
      return "empty";
    }
    if (node.isTextual()) {
      return "text";
    }
    if (node.isNumber()) {
      return "a number (" + node.asText() + ")";
    }
    if (node.isBoolean()) {
      return "a yes/no value (" + node.asText() + ")";
    }
    if (node.isArray()) {
      return "a list";
    }
    if (node.isObject()) {
      return "a mapping";
    }
    return "a value of another kind";
  }

  /** {@code " (did you mean 'x'?)"} for a near miss, else empty: the validator's one rule. */
  private static String suggestion(String given, Set<String> candidates) {
    return ai.omniflow.pack.PackValidator.suggestion(given, candidates);
  }

  private static Set<String> orderedSet(String... values) {
    return Collections.unmodifiableSet(new LinkedHashSet<>(List.of(values)));
  }
}
