package ai.omniflow.verticals.internal;

import static ai.omniflow.verticals.internal.PackValues.describe;
import static ai.omniflow.verticals.internal.PackValues.orderedSet;

import ai.omniflow.pack.VerticalPack.Intent;
import ai.omniflow.verticals.internal.PackValues.Words;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * Reads a pack file's {@code intents}: each intent's keywords, phrases, patterns and weight. Not
 * thread-safe; one per file.
 */
final class IntentReader {
  static final Set<String> INTENT_KEYS =
      orderedSet("key", "label", "keywords", "phrases", "patterns", "weight");

  private final Problems problems;
  private final PackValues values;

  IntentReader(PackValues values) {
    this.problems = values.problems();
    this.values = values;
  }

  /** The intents, or null with the problems noted. */
  @Nullable List<Intent> read(ObjectNode pack) {
    List<@Nullable ObjectNode> items = values.list(pack, "", "intents", true);
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
      values.knownKeys(item, path, INTENT_KEYS);
      String key = values.key(item, path, keys);
      String label = values.text(item, path, "label", true);
      List<String> keywords = values.strings(item, path, "keywords", Words.ONE);
      List<String> phrases = values.strings(item, path, "phrases", Words.SEVERAL);
      List<String> patterns = values.strings(item, path, "patterns", Words.ANY);
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
  static @Nullable Set<String> intentKeys(ObjectNode pack) {
    JsonNode intents = pack.get("intents");
    if (intents == null || !intents.isArray()) {
      return null;
    }
    Set<String> keys = new LinkedHashSet<>();
    for (JsonNode intent : intents) {
      JsonNode key = intent.get("key");
      if (key != null && key.isTextual() && PackValues.KEY.matcher(key.textValue()).matches()) {
        keys.add(key.textValue());
      }
    }
    return keys;
  }
}
