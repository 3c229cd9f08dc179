package ai.omniflow.verticals.internal;

import ai.omniflow.fields.Problem;
import ai.omniflow.pack.VerticalPack;
import ai.omniflow.pack.spi.PackPatchException;
import ai.omniflow.pack.spi.PackPatcher;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges an org's override patch over a pack read from a file, as {@link PackOverlay} merges an
 * override file, and reads the result as a whole pack file is read; each problem is given at its
 * path in the patch, or in the base pack where the patch leaves the value. Immutable and
 * thread-safe: it keeps the packs' trees and copies them for each merge.
 */
public final class OrgPatcher implements PackPatcher {
  /** The name problems are reported under. */
  static final String NAME = "override";

  private final Map<String, LoadedPack> bySlugAndVersion = new HashMap<>();

  /**
   * @param loaded the packs this patcher may merge over; those not read from a file are left out
   */
  public OrgPatcher(List<LoadedPack> loaded) {
    for (LoadedPack l : loaded) {
      if (l.tree() != null) {
        bySlugAndVersion.putIfAbsent(key(l.pack()), l);
      }
    }
  }

  @Override
  public VerticalPack patch(VerticalPack base, String patch) {
    List<Problem> found = new ArrayList<>();
    Problems problems = new Problems(NAME, new ArrayList<>(), found);
    LoadedPack loaded = bySlugAndVersion.get(key(base));
    if (loaded == null || (loaded.pack() != base && !loaded.pack().equals(base))) {
      throw new PackPatchException(
          List.of(
              new Problem(
                  "",
                  "the pack "
                      + base.slug()
                      + " "
                      + base.version()
                      + " was not read from a pack file of this source, so nothing can be merged"
                      + " over it")));
    }
    JsonNode root = YamlTree.read(patch.getBytes(StandardCharsets.UTF_8), problems);
    if (root != null && !root.isObject()) {
      problems.add("", "an override is one YAML mapping of the keys it changes");
    }
    LoadedPack merged =
        root instanceof ObjectNode o && found.isEmpty()
            ? PackOverlay.apply(NAME, o, true, loaded, problems)
            : null;
    if (merged == null || !found.isEmpty()) {
      if (found.isEmpty()) {
        found.add(new Problem("", "the override does not merge into a pack"));
      }
      throw new PackPatchException(found);
    }
    return merged.pack();
  }

  private static String key(VerticalPack pack) {
    return pack.slug() + "@" + pack.version();
  }
}
