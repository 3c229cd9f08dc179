package ai.omniflow.verticals.internal;

import static ai.omniflow.verticals.internal.PackValues.describe;
import static ai.omniflow.verticals.internal.PackValues.orderedSet;

import ai.omniflow.OmniFlowException;
import ai.omniflow.fields.Problem;
import ai.omniflow.nurture.Fit;
import ai.omniflow.nurture.Nurture;
import ai.omniflow.nurture.Playbook;
import ai.omniflow.nurture.PlaybookStep;
import ai.omniflow.nurture.PlaybookValidator;
import ai.omniflow.pack.PackValidator;
import ai.omniflow.verticals.internal.PackValues.Words;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads a pack file's {@code nurture} section: its templates, their translations and its playbooks
 * (each playbook's steps are {@link StepReader}'s). Not thread-safe; one per file.
 */
final class NurtureReader {
  static final Set<String> NURTURE_KEYS =
      orderedSet("templates", "localized_templates", "playbooks");
  static final Set<String> PLAYBOOK_KEYS =
      orderedSet("key", "name", "description", "stop_on_reply", "fits", "steps");
  static final Set<String> FIT_KEYS = orderedSet("stages", "bands", "intents", "silent_for");

  private final Problems problems;
  private final PackValues values;
  private final StepReader stepReader;

  NurtureReader(PackValues values, StepReader stepReader) {
    this.problems = values.problems();
    this.values = values;
    this.stepReader = stepReader;
  }

  /**
   * The optional {@code nurture} section: {@code templates} (template key to text, with reply
   * slots), {@code localized_templates} (language to such a mapping) and {@code playbooks}. What
   * needs the whole pack (templates and intents a playbook names) is left to {@link PackValidator};
   * reports problems and returns null when there are any.
   */
  @Nullable Nurture read(JsonNode node) {
    ObjectNode section = values.mapping(node, "/nurture");
    if (section == null) {
      return null;
    }
    int before = problems.count();
    values.knownKeys(section, "/nurture", NURTURE_KEYS);
    Map<String, String> templates = Map.of();
    if (section.has("templates")) {
      templates = nurtureTemplates(section.get("templates"), "/nurture/templates");
    }
    Map<String, Map<String, String>> localized = Map.of();
    if (section.has("localized_templates")) {
      ObjectNode languages =
          values.mapping(section.get("localized_templates"), "/nurture/localized_templates");
      if (languages != null) {
        localized =
            values.byLanguage(languages, "/nurture/localized_templates", this::nurtureTemplates);
      }
    }
    List<Playbook> playbooks = new ArrayList<>();
    if (section.has("playbooks")) {
      List<@Nullable ObjectNode> items = values.list(section, "/nurture", "playbooks", false);
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

  /** One mapping of template key to template text, at {@code at}; null if it has problems. */
  private @Nullable Map<String, String> nurtureTemplates(JsonNode node, String at) {
    return values.templates(
        node,
        at,
        Nurture.MAX_TEMPLATE,
        (key, path) -> {
          if (!PlaybookStep.KEY.matcher(key).matches()) {
            problems.add(path, "'" + key + "' is not a template key; " + PlaybookStep.KEY_RULE);
          }
        });
  }

  private @Nullable Playbook playbook(ObjectNode item, String path, Map<String, String> keys) {
    int before = problems.count();
    values.knownKeys(item, path, PLAYBOOK_KEYS);
    String key = values.text(item, path, "key", true);
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
        values.unique(key, keyPath, keys);
      }
    }
    String name = values.text(item, path, "name", true);
    String description =
        item.has("description") ? values.text(item, path, "description", false) : "";
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
    List<@Nullable ObjectNode> items = values.list(item, path, "steps", true);
    String stepsPath = Problems.child(path, "steps");
    if (items != null) {
      if (items.isEmpty() || items.size() > Playbook.MAX_STEPS) {
        problems.add(stepsPath, "needs 1 to " + Playbook.MAX_STEPS + " steps, has " + items.size());
      } else {
        for (int i = 0; i < items.size(); i++) {
          ObjectNode stepNode = items.get(i);
          if (stepNode != null) {
            PlaybookStep step = stepReader.read(stepNode, Problems.child(stepsPath, i));
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
    ObjectNode fits = values.mapping(node, path);
    if (fits == null) {
      return Fit.ANY;
    }
    int before = problems.count();
    values.knownKeys(fits, path, FIT_KEYS);
    List<String> stages = values.strings(fits, path, "stages", Words.ANY);
    List<String> bands = values.strings(fits, path, "bands", Words.ANY);
    List<String> intents = values.strings(fits, path, "intents", Words.ANY);
    Duration silent =
        fits.has("silent_for")
            ? values.duration(fits.get("silent_for"), Problems.child(path, "silent_for"))
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
}
