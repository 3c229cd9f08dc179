package ai.omniflow.verticals.internal;

import static ai.omniflow.verticals.internal.PackValues.describe;
import static ai.omniflow.verticals.internal.PackValues.orderedSet;

import ai.omniflow.fields.LeadField;
import ai.omniflow.fields.Problem;
import ai.omniflow.nurture.Nurture;
import ai.omniflow.pack.PackValidator;
import ai.omniflow.pack.VerticalPack;
import ai.omniflow.pack.VerticalPack.Intent;
import ai.omniflow.pack.VerticalPack.Stage;
import ai.omniflow.routing.RoutingConfig;
import ai.omniflow.scoring.RuleSet;
import ai.omniflow.verticals.internal.PackValues.Words;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Validates one pack file's tree and builds its {@link VerticalPack}. Every problem found is
 * reported; a pack is built only when there are none. The rules are those of {@code
 * docs/verticals.md}; each section has a reader of its own ({@link LeadFieldReader}, {@link
 * StageReader}, {@link IntentReader}, {@link ReplyReader}, {@link ScoringReader}, {@link
 * RoutingReader}, {@link ComplianceReader}, {@link NurtureReader}), and all share the value rules
 * of {@link PackValues}. Not thread-safe; one instance per file.
 */
public final class PackReader {
  /** The slots a reply template may use: {@link PackValidator#REPLY_SLOTS}. */
  public static final Set<String> REPLY_SLOTS = PackValidator.REPLY_SLOTS;

  /**
   * The pack format's version this reader reads: a file's {@code schema_version}, if it has one.
   */
  public static final int SCHEMA_VERSION = 1;

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

  private final Problems problems;
  private final PackValues values;
  private final ConditionReader conditions;

  private PackReader(Problems problems) {
    this.problems = problems;
    this.values = new PackValues(problems);
    this.conditions = new ConditionReader(values);
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
    ObjectNode pack = values.mapping(root, "");
    if (pack == null) {
      return null;
    }
    values.knownKeys(pack, "", PACK_KEYS);
    schemaVersion(pack.get("schema_version"));
    String slug = values.text(pack, "", "slug", true);
    if (slug != null) {
      PackValidator.slugProblem(slug).ifPresent(m -> problems.add("/slug", m));
    }
    String name = values.text(pack, "", "name", true);
    String version = values.text(pack, "", "version", true);
    if (version != null) {
      PackValidator.versionProblem(version).ifPresent(m -> problems.add("/version", m));
    }
    String description = values.text(pack, "", "description", true);
    List<LeadField> fields = new LeadFieldReader(values).read(pack);
    List<Stage> stages = new StageReader(values).read(pack);
    List<Intent> intents = new IntentReader(values).read(pack);
    List<String> negationWords =
        pack.has("negation_words")
            ? values.strings(pack, "", "negation_words", Words.NEGATION)
            : VerticalPack.DEFAULT_NEGATION_WORDS;
    ReplyReader replies = new ReplyReader(values, IntentReader.intentKeys(pack));
    Map<String, String> templates = replies.replyTemplates(pack);
    Map<String, Map<String, String>> localized = replies.localizedReplyTemplates(pack);
    Map<String, String> nextActions = replies.nextActions(pack);
    int beforeScoring = problems.count();
    RuleSet scoring =
        pack.has("scoring")
            ? new ScoringReader(values, conditions).read(pack.get("scoring"), fields)
            : null;
    RoutingConfig routing =
        pack.has("routing")
            ? new RoutingReader(values, conditions).read(pack.get("routing"), fields)
            : null;
    VerticalPack.Compliance compliance =
        pack.has("compliance") ? new ComplianceReader(values).read(pack.get("compliance")) : null;
    Nurture nurture =
        pack.has("nurture")
            ? new NurtureReader(values, new StepReader(values, conditions))
                .read(pack.get("nurture"))
            : Nurture.EMPTY;
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
}
