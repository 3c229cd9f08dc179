package ai.omniflow.verticals.internal;

import static ai.omniflow.verticals.internal.PackValues.suggestion;

import ai.omniflow.pack.PackValidator;
import ai.omniflow.pack.VerticalPack;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads the sections a suggested reply is made from, each keyed by intent: {@code reply_templates},
 * their translations in {@code localized_reply_templates}, and {@code next_actions}. Not
 * thread-safe; one per file.
 */
final class ReplyReader {
  private final Problems problems;
  private final PackValues values;
  private final @Nullable Set<String> intentKeys;

  /**
   * @param intentKeys the intents' keys ({@link IntentReader#intentKeys}), or {@code null} if there
   *     are none to check against
   */
  ReplyReader(PackValues values, @Nullable Set<String> intentKeys) {
    this.problems = values.problems();
    this.values = values;
    this.intentKeys = intentKeys;
  }

  /** The required {@code reply_templates} section: intent key to template text. */
  @Nullable Map<String, String> replyTemplates(ObjectNode pack) {
    JsonNode node = pack.get("reply_templates");
    if (node == null) {
      problems.add("/reply_templates", "is required");
      return null;
    }
    return templatesAt(node, "/reply_templates");
  }

  /**
   * The optional {@code localized_reply_templates} section: a language code (see {@link
   * PackValidator#languageProblem}) to a mapping like {@code reply_templates}.
   */
  @Nullable Map<String, Map<String, String>> localizedReplyTemplates(ObjectNode pack) {
    JsonNode node = pack.get("localized_reply_templates");
    if (node == null) {
      return Map.of();
    }
    ObjectNode languages = values.mapping(node, "/localized_reply_templates");
    if (languages == null) {
      return null;
    }
    int before = problems.count();
    Map<String, Map<String, String>> result =
        values.byLanguage(languages, "/localized_reply_templates", this::templatesAt);
    return problems.count() == before ? result : null;
  }

  /** One mapping of intent key to template text, at {@code at}; null if it has problems. */
  private @Nullable Map<String, String> templatesAt(JsonNode node, String at) {
    return values.templates(
        node, at, Integer.MAX_VALUE, (intent, path) -> knownIntent(intent, path, "templates"));
  }

  /**
   * The optional {@code next_actions} section: intent key to one of {@link
   * VerticalPack#NEXT_ACTIONS}; {@code opt_out} may only be {@code stop_messaging}.
   */
  @Nullable Map<String, String> nextActions(ObjectNode pack) {
    JsonNode node = pack.get("next_actions");
    if (node == null) {
      return Map.of();
    }
    ObjectNode actions = values.mapping(node, "/next_actions");
    if (actions == null) {
      return null;
    }
    int before = problems.count();
    Map<String, String> result = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : actions.properties()) {
      String intent = entry.getKey();
      String path = Problems.child("/next_actions", intent);
      knownIntent(intent, path, "next actions");
      String action = values.asText(entry.getValue(), path);
      if (action == null) {
        continue;
      }
      PackValidator.nextActionProblem(intent, action).ifPresent(m -> problems.add(path, m));
      result.put(intent, action);
    }
    return problems.count() == before ? result : null;
  }

  /** Notes a key no intent has, when the intents' keys are known; {@code what} is keyed by it. */
  private void knownIntent(String intent, String path, String what) {
    if (intentKeys != null && !intentKeys.contains(intent)) {
      problems.add(
          path,
          "no intent has the key '"
              + intent
              + "'"
              + suggestion(intent, intentKeys)
              + "; "
              + what
              + " are keyed by intent");
    }
  }
}
