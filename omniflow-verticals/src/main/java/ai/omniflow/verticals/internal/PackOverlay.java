package ai.omniflow.verticals.internal;

import ai.omniflow.fields.Problem;
import ai.omniflow.pack.PackValidator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An override document (a pack file with a top-level {@code base}) applied over its base pack's
 * tree, as docs/verticals.md ("Overriding a pack") describes: mappings merge key by key ({@code
 * null} removes a key), the keyed lists ({@link #KEYED_LISTS}) merge item by item on {@code key}
 * (an item may be {@code remove}d or placed {@code before} another), a condition ({@code when}) and
 * every other value is replaced whole. The merged tree is then read by {@link PackReader} like any
 * pack file, and each of its problems is given back at its path in the override, or, where the
 * override does not hold the value, at its path in the base pack. Not thread-safe; one per file.
 */
final class PackOverlay {
  static final String BASE = "base";
  static final String BASE_VERSION = "base_version";
  static final String REMOVE = "remove";
  static final String BEFORE = "before";

  /** The lists whose items merge by their {@code key}; every other list is replaced whole. */
  static final Set<String> KEYED_LISTS =
      Set.of(
          "/lead_fields",
          "/stages",
          "/intents",
          "/scoring/rules",
          "/routing/rules",
          "/nurture/playbooks");

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Where a merged keyed item came from: its path in the override, in the base, or both. */
  private record Origin(@Nullable String override, @Nullable String base) {}

  /** What an org's override may not say: it builds on the org's pack and keeps its identity. */
  static final List<String> ORG_FIXED = List.of(BASE, BASE_VERSION, "slug", "version");

  private final ObjectNode override;
  private final LoadedPack base;
  private final JsonNode baseTree;
  private final Problems problems;
  private final Map<String, Origin> origins = new HashMap<>();
  private ObjectNode merged = NODES.objectNode();

  private PackOverlay(ObjectNode override, LoadedPack base, JsonNode baseTree, Problems problems) {
    this.override = override;
    this.base = base;
    this.baseTree = baseTree;
    this.problems = problems;
  }

  /** Whether a file's tree is an override document: a mapping with a {@code base}. */
  static boolean isOverride(JsonNode root) {
    return root.isObject() && root.has(BASE);
  }

  /**
   * The base pack's slug the override names, or {@code null} with a problem if it names none
   * properly.
   */
  static @Nullable String baseSlug(ObjectNode override, Problems problems) {
    JsonNode slug = override.get(BASE);
    if (slug == null || !slug.isTextual()) {
      problems.add("/" + BASE, "must be the slug of the pack this override changes");
      return null;
    }
    String text = slug.textValue();
    if (PackValidator.slugProblem(text).isPresent()) {
      problems.add("/" + BASE, "'" + Problem.clip(text) + "' is not a slug");
      return null;
    }
    return text;
  }

  /**
   * The base the override names among {@code bases} (by slug), or {@code null} with a problem if it
   * names none of them.
   */
  static @Nullable LoadedPack findBase(
      ObjectNode override, Map<String, LoadedPack> bases, Problems problems) {
    String slug = baseSlug(override, problems);
    if (slug == null) {
      return null;
    }
    LoadedPack base = bases.get(slug);
    if (base == null) {
      problems.add(
          "/" + BASE,
          "no pack has the slug '"
              + slug
              + (bases.isEmpty()
                  ? "'; an override builds on a pack of its folder or of the bases given"
                      + " (DirectoryPackSource.of(dir, ClasspathPackSource.shipped()) for the"
                      + " shipped packs)"
                  : "'; an override builds on one of: "
                      + String.join(", ", bases.keySet().stream().limit(30).toList())));
    }
    return base;
  }

  /**
   * The override merged over {@code base}, or {@code null} if the override itself is wrong (every
   * problem added to {@code problems}, at its path in the override file).
   */
  static @Nullable PackOverlay merge(ObjectNode override, LoadedPack base, Problems problems) {
    return merge(override, false, base, problems);
  }

  /**
   * As {@link #merge(ObjectNode, LoadedPack, Problems)}; {@code forOrg}: the override is an org's
   * patch, which names no base, slug or version (the result keeps the base's).
   */
  static @Nullable PackOverlay merge(
      ObjectNode override, boolean forOrg, LoadedPack base, Problems problems) {
    JsonNode baseTree = base.tree();
    if (baseTree == null) {
      problems.add(
          "/" + BASE,
          "the pack '"
              + base.pack().slug()
              + "' was not read from a pack file ("
              + Problem.clip(base.file())
              + "), so nothing can be merged over it");
      return null;
    }
    int before = problems.count();
    PackOverlay overlay = new PackOverlay(override, base, baseTree, problems);
    if (forOrg) {
      overlay.checkOrgHead();
    } else {
      overlay.checkHead();
    }
    overlay.merged = overlay.mergeRoot();
    return problems.count() == before ? overlay : null;
  }

  /**
   * Reads the override over {@code base}: the pack it makes, with its merged tree, or {@code null}
   * if it has problems (all added to {@code problems}, at their paths in the override file).
   */
  static @Nullable LoadedPack apply(
      String file, ObjectNode override, LoadedPack base, Problems problems) {
    return apply(file, override, false, base, problems);
  }

  /**
   * As {@link #apply(String, ObjectNode, LoadedPack, Problems)}; {@code forOrg}: the override is an
   * org's patch (see {@link #merge(ObjectNode, boolean, LoadedPack, Problems)}).
   */
  static @Nullable LoadedPack apply(
      String file, ObjectNode override, boolean forOrg, LoadedPack base, Problems problems) {
    PackOverlay overlay = merge(override, forOrg, base, problems);
    if (overlay == null) {
      return null;
    }
    List<Problem> found = new ArrayList<>();
    ai.omniflow.pack.VerticalPack pack =
        PackReader.read(overlay.tree(), new Problems(file, new ArrayList<>(), found));
    for (Problem p : found) {
      Problem at = overlay.translate(p);
      problems.add(at.path(), at.message());
    }
    return found.isEmpty() && pack != null ? new LoadedPack(file, pack, overlay.tree()) : null;
  }

  /** The merged tree: the override's pack as a whole pack file would say it. */
  ObjectNode tree() {
    return merged;
  }

  /** What the override itself must say: the base's version, and a slug and version of its own. */
  private void checkHead() {
    String baseVersion = base.pack().version();
    JsonNode pinned = override.get(BASE_VERSION);
    if (pinned == null) {
      problems.add(
          "/" + BASE_VERSION,
          "is required: the version of '"
              + base.pack().slug()
              + "' this override was written for ("
              + baseVersion
              + " now)");
    } else if (!pinned.isTextual() || !pinned.textValue().equals(baseVersion)) {
      problems.add(
          "/" + BASE_VERSION,
          "'"
              + base.pack().slug()
              + "' is at version "
              + baseVersion
              + ", not "
              + Problem.clip(pinned.asText())
              + ": see what changed (scripts/validate-pack --diff OLD NEW), then write "
              + baseVersion
              + " here and raise this override's version");
    }
    JsonNode slug = override.get("slug");
    if (slug == null) {
      problems.add(
          "/slug", "is required: an override is a pack of its own, with a slug of its own");
    } else if (slug.isTextual() && slug.textValue().equals(base.pack().slug())) {
      problems.add(
          "/slug",
          "must differ from the base's slug '"
              + base.pack().slug()
              + "': an override is a pack of its own, which an org selects");
    }
    if (override.get("version") == null) {
      problems.add("/version", "is required: raise it whenever this override changes");
    }
  }

  /** What an org's patch may not say: a base, a base version, a slug or a version of its own. */
  private void checkOrgHead() {
    for (String key : ORG_FIXED) {
      if (override.has(key)) {
        problems.add(
            "/" + key,
            "an org's override builds on the org's pack ("
                + base.pack().slug()
                + " "
                + base.pack().version()
                + ") and keeps its slug and version: leave '"
                + key
                + "' out");
      }
    }
  }

  private ObjectNode mergeRoot() {
    ObjectNode body = override.deepCopy();
    body.remove(BASE);
    body.remove(BASE_VERSION);
    JsonNode merged = merge(body, baseTree, "");
    return merged instanceof ObjectNode o ? o : NODES.objectNode();
  }

  private JsonNode merge(JsonNode patch, @Nullable JsonNode onto, String path) {
    if (KEYED_LISTS.contains(path)) {
      return keyedList(patch, onto, path);
    }
    if (!patch.isObject() || path.endsWith("/when")) {
      return patch.deepCopy(); // a value, a list or a condition: replaced whole
    }
    ObjectNode out =
        onto != null && onto.isObject() ? ((ObjectNode) onto).deepCopy() : NODES.objectNode();
    for (Map.Entry<String, JsonNode> e : patch.properties()) {
      String name = e.getKey();
      String child = Problems.child(path, name);
      if (e.getValue().isNull()) {
        if (!out.has(name)) {
          problems.add(child, "the base pack has no '" + name + "' here for null to remove");
        }
        out.remove(name);
      } else {
        out.set(name, merge(e.getValue(), out.get(name), child));
      }
    }
    return out;
  }

  /** One merged item of a keyed list and where it came from. */
  private static final class Item {
    final String key;
    JsonNode node;
    @Nullable String override;
    final @Nullable String base;

    Item(String key, JsonNode node, @Nullable String override, @Nullable String base) {
      this.key = key;
      this.node = node;
      this.override = override;
      this.base = base;
    }
  }

  private JsonNode keyedList(JsonNode patch, @Nullable JsonNode onto, String path) {
    if (!patch.isArray()) {
      problems.add(
          path,
          "must be a list of the items this override adds, changes or removes, each named by its"
              + " key");
      return patch.deepCopy();
    }
    List<Item> items = new ArrayList<>();
    if (onto != null && onto.isArray()) {
      for (int i = 0; i < onto.size(); i++) {
        JsonNode key = onto.get(i).get("key");
        items.add(
            new Item(key == null ? "" : key.asText(), onto.get(i), null, Problems.child(path, i)));
      }
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < patch.size(); i++) {
      String at = Problems.child(path, i);
      JsonNode node = patch.get(i);
      JsonNode keyNode = node.get("key");
      if (!node.isObject() || keyNode == null || !keyNode.isTextual()) {
        problems.add(
            node.isObject() ? at + "/key" : at,
            "is required: each item of an override names, by its key, the item it adds, changes"
                + " or removes");
        continue;
      }
      String key = keyNode.textValue();
      if (!seen.add(key)) {
        problems.add(
            at + "/key", "the key '" + Problem.clip(key) + "' is given twice in this list");
        continue;
      }
      ObjectNode item = ((ObjectNode) node).deepCopy();
      JsonNode remove = item.remove(REMOVE);
      JsonNode before = item.remove(BEFORE);
      int index = indexOf(items, key);
      if (remove != null) {
        if (!remove.isBoolean() || !remove.booleanValue()) {
          problems.add(at + "/" + REMOVE, "must be true (or left out)");
        } else if (item.size() > 1 || before != null) {
          problems.add(at + "/" + REMOVE, "an item that is removed has only its key beside it");
        } else if (index < 0) {
          problems.add(
              at + "/key",
              "the base pack has no item '" + Problem.clip(key) + "' here to remove" + keys(items));
        } else {
          items.remove(index);
        }
        continue;
      }
      Item merged;
      if (index >= 0) {
        merged = items.get(index);
        merged.node = merge(item, merged.node, at);
        merged.override = at;
      } else {
        merged = new Item(key, merge(item, null, at), at, null);
        items.add(merged);
      }
      if (before != null) {
        int target = before.isTextual() ? indexOf(items, before.textValue()) : -1;
        if (target < 0 || before.textValue().equals(key)) {
          problems.add(
              at + "/" + BEFORE,
              "must be the key of another item of the list to put this one before" + keys(items));
        } else {
          items.remove(merged);
          items.add(indexOf(items, before.textValue()), merged);
        }
      }
    }
    ArrayNode out = NODES.arrayNode();
    for (Item item : items) {
      origins.put(Problems.child(path, out.size()), new Origin(item.override, item.base));
      out.add(item.node);
    }
    return out;
  }

  private static int indexOf(List<Item> items, String key) {
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i).key.equals(key)) {
        return i;
      }
    }
    return -1;
  }

  private static String keys(List<Item> items) {
    List<String> keys = items.stream().map(i -> i.key).limit(30).toList();
    return keys.isEmpty() ? "" : "; keys here: " + String.join(", ", keys);
  }

  /**
   * A problem of the merged tree at its place in the override, or, where the override does not hold
   * the value and the base does, at its place in the base, saying so.
   */
  Problem translate(Problem p) {
    String path = p.path();
    if (path.isEmpty()) {
      return p;
    }
    @Nullable String overridePath = path;
    @Nullable String basePath = path;
    for (String prefix = path; !prefix.isEmpty(); prefix = parent(prefix)) {
      Origin origin = origins.get(prefix);
      if (origin != null) {
        String rest = path.substring(prefix.length());
        overridePath = origin.override() == null ? null : origin.override() + rest;
        basePath = origin.base() == null ? null : origin.base() + rest;
        break;
      }
    }
    if (overridePath != null
        && (basePath == null
            || !override.at(overridePath).isMissingNode()
            || baseTree.at(basePath).isMissingNode())) {
      return new Problem(overridePath, p.message());
    }
    return new Problem(
        basePath == null ? path : basePath,
        p.message()
            + " (in the base pack "
            + base.pack().slug()
            + " "
            + base.pack().version()
            + ", as this override leaves it)");
  }

  private static String parent(String path) {
    return path.substring(0, path.lastIndexOf('/'));
  }
}
