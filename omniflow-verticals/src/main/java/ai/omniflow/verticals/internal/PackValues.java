package ai.omniflow.verticals.internal;

import ai.omniflow.pack.PackValidator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads one value of a pack file's tree, noting in the file's {@link Problems} why it is wrong: the
 * rules every section shares for keys, texts, lists of texts, mappings, unknown keys and durations.
 * Not thread-safe; one per file.
 */
final class PackValues {
  static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,62}");

  private final Problems problems;

  PackValues(Problems problems) {
    this.problems = problems;
  }

  /** Where the problems of this file go. */
  Problems problems() {
    return problems;
  }

  @Nullable String key(ObjectNode item, String path, Map<String, String> seen) {
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
    return unique(key, keyPath, seen) ? key : null;
  }

  /**
   * Whether {@code key} is used here for the first time among {@code seen} (key to the path it is
   * at), noting where it was first used if it is not.
   */
  boolean unique(String key, String keyPath, Map<String, String> seen) {
    String first = seen.putIfAbsent(key, keyPath);
    if (first != null) {
      problems.add(keyPath, "the key '" + key + "' is already used at " + first);
      return false;
    }
    return true;
  }

  /**
   * A mapping of key to template text at {@code at}: each key as {@code keyCheck} (given the key
   * and its path) finds it, each text at most {@code maxLength} characters and with only the reply
   * slots; null if it has problems.
   */
  @Nullable Map<String, String> templates(
      JsonNode node, String at, int maxLength, BiConsumer<String, String> keyCheck) {
    ObjectNode templates = mapping(node, at);
    if (templates == null) {
      return null;
    }
    int before = problems.count();
    Map<String, String> result = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : templates.properties()) {
      String path = Problems.child(at, entry.getKey());
      keyCheck.accept(entry.getKey(), path);
      String text = asText(entry.getValue(), path);
      if (text != null) {
        if (text.length() > maxLength) {
          problems.add(path, "is longer than " + maxLength + " characters");
        }
        slots(text, path);
        result.put(entry.getKey(), text);
      }
    }
    return problems.count() == before ? result : null;
  }

  /**
   * A mapping of language code (see {@link PackValidator#languageProblem}) to what {@code read}
   * reads at each language's path, in the order written; a language whose value {@code read} finds
   * wrong (null, with its problems noted) is left out.
   */
  <T> Map<String, T> byLanguage(
      ObjectNode languages, String at, BiFunction<JsonNode, String, @Nullable T> read) {
    Map<String, T> result = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : languages.properties()) {
      String path = Problems.child(at, entry.getKey());
      PackValidator.languageProblem(entry.getKey()).ifPresent(m -> problems.add(path, m));
      T value = read.apply(entry.getValue(), path);
      if (value != null) {
        result.put(entry.getKey(), value);
      }
    }
    return result;
  }

  /** A text value of {@code parent}, reporting it if missing (when required), mistyped or blank. */
  @Nullable String text(ObjectNode parent, String path, String key, boolean required) {
    JsonNode node = parent.get(key);
    if (node == null) {
      if (required) {
        problems.add(Problems.child(path, key), "is required");
      }
      return null;
    }
    return asText(node, Problems.child(path, key));
  }

  @Nullable String asText(JsonNode node, String path) {
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
  enum Words {
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
  @Nullable List<String> strings(ObjectNode parent, String path, String key, Words words) {
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
  @Nullable List<@Nullable ObjectNode> list(
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

  @Nullable ObjectNode mapping(JsonNode node, String path) {
    if (node instanceof ObjectNode object) {
      return object;
    }
    problems.add(path, "must be a mapping of keys to values, but is " + describe(node));
    return null;
  }

  void knownKeys(ObjectNode object, String path, Set<String> known) {
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

  private void slots(String template, String path) {
    for (String m : PackValidator.slotProblems(template)) {
      problems.add(path, m);
    }
  }

  /** An ISO-8601 duration ({@code P2D}, {@code PT4H}); null with the problem noted if it is not. */
  @Nullable Duration duration(JsonNode node, String path) {
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

  static String describe(JsonNode node) {
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
  static String suggestion(String given, Set<String> candidates) {
    return PackValidator.suggestion(given, candidates);
  }

  static Set<String> orderedSet(String... values) {
    return Collections.unmodifiableSet(new LinkedHashSet<>(List.of(values)));
  }
}
