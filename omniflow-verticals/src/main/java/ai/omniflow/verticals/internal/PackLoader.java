package ai.omniflow.verticals.internal;

import ai.omniflow.pack.VerticalPack;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads pack files and override files, merges each override over its base, and checks that no slug
 * is used twice. Stateless.
 */
public final class PackLoader {
  private PackLoader() {}

  /**
   * Reads every file, adding every problem found (in any file) to {@code problems}. No file may be
   * an override.
   *
   * @return the valid packs, in the order of {@code files}
   */
  public static List<LoadedPack> load(List<PackFile> files, List<String> problems) {
    return load(files, List.of(), false, problems);
  }

  /**
   * Reads every file, pack or override, adding every problem found (in any file) to {@code
   * problems}. An override's base is one of the packs (not overrides) of {@code files} or of {@code
   * bases}; {@code bases} are not returned.
   *
   * @param overrides whether files may be overrides
   * @return the valid packs, in the order of {@code files}
   */
  public static List<LoadedPack> load(
      List<PackFile> files, List<LoadedPack> bases, boolean overrides, List<String> problems) {
    List<@Nullable LoadedPack> loaded = new ArrayList<>();
    Map<Integer, ObjectNode> pending = new LinkedHashMap<>();
    for (PackFile file : files) {
      Problems sink = new Problems(file.name(), problems);
      JsonNode root = YamlTree.read(file.content(), sink);
      if (root != null && PackOverlay.isOverride(root)) {
        if (overrides) {
          pending.put(loaded.size(), (ObjectNode) root);
        } else {
          sink.add(
              "/" + PackOverlay.BASE,
              "this file is an override of another pack; this source reads whole packs only"
                  + " (overrides are read by DirectoryPackSource)");
        }
        loaded.add(null);
        continue;
      }
      VerticalPack pack = root == null ? null : PackReader.read(root, sink);
      loaded.add(pack == null ? null : new LoadedPack(file.name(), pack, root));
    }
    Map<String, LoadedPack> baseBySlug = new LinkedHashMap<>();
    for (LoadedPack b : bases) {
      baseBySlug.putIfAbsent(b.pack().slug(), b);
    }
    for (LoadedPack own : loaded) {
      if (own != null) {
        baseBySlug.putIfAbsent(own.pack().slug(), own);
      }
    }
    for (Map.Entry<Integer, ObjectNode> e : pending.entrySet()) {
      PackFile file = files.get(e.getKey());
      Problems sink = new Problems(file.name(), problems);
      LoadedPack base = PackOverlay.findBase(e.getValue(), baseBySlug, sink);
      if (base == null) {
        continue;
      }
      loaded.set(e.getKey(), PackOverlay.apply(file.name(), e.getValue(), base, sink));
    }
    List<LoadedPack> valid = new ArrayList<>();
    for (LoadedPack l : loaded) {
      if (l != null) {
        valid.add(l);
      }
    }
    checkSlugsUnique(valid, problems);
    return valid;
  }

  /** Adds a problem, naming both files, for each pack whose slug an earlier one has. */
  public static void checkSlugsUnique(List<LoadedPack> packs, List<String> problems) {
    Map<String, String> fileBySlug = new HashMap<>();
    for (LoadedPack loaded : packs) {
      String first = fileBySlug.putIfAbsent(loaded.pack().slug(), loaded.file());
      if (first != null) {
        new Problems(loaded.file(), problems)
            .add("/slug", "the slug '" + loaded.pack().slug() + "' is already used by " + first);
      }
    }
  }
}
