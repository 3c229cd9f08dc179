package ai.omniflow.verticals;

import ai.omniflow.verticals.internal.LoadedPack;
import ai.omniflow.verticals.internal.PackFile;
import ai.omniflow.verticals.internal.PackLoader;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What one version of a pack changes from another: every stage, lead field, intent, scoring and
 * routing rule, playbook (items named by their key), template, next action and setting added,
 * removed or changed, so that a host (or an org's admin) sees what a new version does before taking
 * it. What {@code scripts/validate-pack --diff OLD NEW} prints.
 *
 * <pre>{@code
 * for (PackDiff.Change c : PackDiff.between("real-estate-1.6.yaml", old, "real-estate-1.7.yaml", now)) {
 *   System.out.println(c); // ~ /scoring/rules[pre_approved]/points: 15 -> 25
 * }
 * }</pre>
 *
 * <p>A path is a JSON Pointer into the pack file, except that an item of a list whose items all
 * have a {@code key} is named by it in brackets ({@code /stages[qualified]/label}) rather than by
 * its place, so a stage inserted before another does not show every later stage as changed. Values
 * are shown clipped to {@value #MAX_VALUE} characters. Stateless and thread-safe.
 */
public final class PackDiff {
  /** The longest value a change shows; longer ones end with an ellipsis. */
  public static final int MAX_VALUE = 80;

  /** The most changes one diff lists; any more are left out. */
  public static final int MAX_CHANGES = 1000;

  /** How a value differs. */
  public enum Kind {
    /** In the new version only ({@code +}). */
    ADDED,
    /** In the old version only ({@code -}). */
    REMOVED,
    /** In both, with another value ({@code ~}). */
    CHANGED,
    /** The same items of a keyed list, in another order ({@code ~}). */
    ORDER
  }

  /**
   * One difference.
   *
   * @param kind how it differs
   * @param path where, as described above
   * @param before the old value, clipped; {@code null} for an added one
   * @param after the new value, clipped; {@code null} for a removed one
   */
  public record Change(Kind kind, String path, @Nullable String before, @Nullable String after) {
    public Change {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(path, "path");
    }

    /** {@code + path: value}, {@code - path: value} or {@code ~ path: before -> after}. */
    @Override
    public String toString() {
      return switch (kind) {
        case ADDED -> "+ " + path + ": " + after;
        case REMOVED -> "- " + path + ": " + before;
        case CHANGED, ORDER -> "~ " + path + ": " + before + " -> " + after;
      };
    }
  }

  private final List<Change> changes = new ArrayList<>();

  private PackDiff() {}

  /**
   * The changes from the pack file {@code oldContent} to {@code newContent}, in the order of the
   * old file's keys (new keys after them); empty if both say the same. Both must be valid pack
   * files (not overrides).
   *
   * @throws PackValidationException if either file is not a valid pack, with every problem
   */
  public static List<Change> between(
      String oldName, byte[] oldContent, String newName, byte[] newContent) {
    Objects.requireNonNull(oldName, "oldName");
    Objects.requireNonNull(newName, "newName");
    List<String> problems = new ArrayList<>();
    List<LoadedPack> before = PackLoader.load(List.of(new PackFile(oldName, oldContent)), problems);
    List<LoadedPack> after = PackLoader.load(List.of(new PackFile(newName, newContent)), problems);
    if (!problems.isEmpty()) {
      throw new PackValidationException(problems);
    }
    JsonNode a = Objects.requireNonNull(before.get(0).tree());
    JsonNode b = Objects.requireNonNull(after.get(0).tree());
    PackDiff diff = new PackDiff();
    diff.compare(a, b, "");
    return List.copyOf(diff.changes);
  }

  private void add(Kind kind, String path, @Nullable JsonNode before, @Nullable JsonNode after) {
    if (changes.size() < MAX_CHANGES) {
      changes.add(new Change(kind, path, show(before), show(after)));
    }
  }

  private void compare(JsonNode a, JsonNode b, String path) {
    if (a.equals(b)) {
      return;
    }
    if (a.isObject() && b.isObject()) {
      Set<String> names = new LinkedHashSet<>();
      a.properties().forEach(e -> names.add(e.getKey()));
      b.properties().forEach(e -> names.add(e.getKey()));
      for (String name : names) {
        String child = path + "/" + name.replace("~", "~0").replace("/", "~1");
        JsonNode x = a.get(name);
        JsonNode y = b.get(name);
        if (y == null) {
          add(Kind.REMOVED, child, x, null);
        } else if (x == null) {
          add(Kind.ADDED, child, null, y);
        } else {
          compare(x, y, child);
        }
      }
      return;
    }
    Map<String, JsonNode> keyedA = keyed(a, b);
    Map<String, JsonNode> keyedB = keyed(b, a);
    if (keyedA != null && keyedB != null) {
      for (Map.Entry<String, JsonNode> e : keyedA.entrySet()) {
        String child = path + "[" + e.getKey() + "]";
        JsonNode y = keyedB.get(e.getKey());
        if (y == null) {
          add(Kind.REMOVED, child, e.getValue(), null);
        } else {
          compare(e.getValue(), y, child);
        }
      }
      for (Map.Entry<String, JsonNode> e : keyedB.entrySet()) {
        if (!keyedA.containsKey(e.getKey())) {
          add(Kind.ADDED, path + "[" + e.getKey() + "]", null, e.getValue());
        }
      }
      List<String> orderA = new ArrayList<>(keyedA.keySet());
      orderA.retainAll(keyedB.keySet());
      List<String> orderB = new ArrayList<>(keyedB.keySet());
      orderB.retainAll(keyedA.keySet());
      if (!orderA.equals(orderB) && changes.size() < MAX_CHANGES) {
        changes.add(
            new Change(
                Kind.ORDER,
                path,
                clip(String.join(", ", orderA)),
                clip(String.join(", ", orderB))));
      }
      return;
    }
    add(Kind.CHANGED, path, a, b);
  }

  /**
   * The items of a list by key, if every item is a mapping with a key of its own (an empty list, if
   * the other list's items are); else null.
   */
  private static @Nullable Map<String, JsonNode> keyed(JsonNode list, JsonNode other) {
    if (!list.isArray()) {
      return null;
    }
    if (list.isEmpty()) {
      return other.isArray() && !other.isEmpty() && keyed(other, list) != null
          ? new LinkedHashMap<>()
          : null;
    }
    Map<String, JsonNode> items = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    for (JsonNode item : list) {
      JsonNode key = item.get("key");
      if (!item.isObject() || key == null || !key.isTextual() || !seen.add(key.textValue())) {
        return null;
      }
      items.put(key.textValue(), item);
    }
    return items;
  }

  private static @Nullable String show(@Nullable JsonNode value) {
    if (value == null) {
      return null;
    }
    return clip(value.isTextual() ? value.textValue() : value.toString());
  }

  private static String clip(String text) {
    String line = text.strip().replaceAll("\\s+", " ");
    return line.length() <= MAX_VALUE ? line : line.substring(0, MAX_VALUE - 1) + "…";
  }
}
