package ai.omniflow.verticals.internal;

import ai.omniflow.fields.Problem;
import ai.omniflow.pack.PackChange;
import ai.omniflow.pack.VerticalPack;
import ai.omniflow.pack.spi.PackPatchException;
import ai.omniflow.pack.spi.PackPatcher;
import ai.omniflow.pack.spi.PackTexts;
import ai.omniflow.verticals.PackDiff;
import ai.omniflow.verticals.PackValidationException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Merges an org's override patch over a pack read from a file, as {@link PackOverlay} merges an
 * override file, and reads the result as a whole pack file is read; each problem is given at its
 * path in the patch, or in the base pack where the patch leaves the value. Also gives the packs as
 * text (the JSON of the file's tree) and reads such texts back, so that an org keeps the version it
 * accepted. Immutable and thread-safe: it keeps the packs' trees and copies them for each merge.
 */
public final class OrgPatcher implements PackPatcher, PackTexts {
  /** The name problems are reported under. */
  static final String NAME = "override";

  private static final ObjectMapper JSON = new ObjectMapper();

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
    LoadedPack loaded = loaded(base);
    if (loaded == null) {
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
    return patch(loaded, patch);
  }

  @Override
  public Optional<String> text(VerticalPack pack) {
    LoadedPack loaded = loaded(pack);
    JsonNode tree = loaded == null ? null : loaded.tree();
    if (tree == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.writeValueAsString(tree));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a pack's tree did not write as JSON", e);
    }
  }

  @Override
  public VerticalPack read(String text) {
    return readText(text).pack();
  }

  @Override
  public VerticalPack patch(String baseText, String patch) {
    return patch(readText(baseText), patch);
  }

  @Override
  public List<PackChange> diff(String oldText, String newText) {
    try {
      return PackDiff.between(
              "accepted",
              oldText.getBytes(StandardCharsets.UTF_8),
              "offered",
              newText.getBytes(StandardCharsets.UTF_8))
          .stream()
          .map(
              c ->
                  new PackChange(
                      c.kind().name().toLowerCase(Locale.ROOT), c.path(), c.before(), c.after()))
          .toList();
    } catch (PackValidationException e) {
      throw refused(e);
    }
  }

  private @Nullable LoadedPack loaded(VerticalPack pack) {
    LoadedPack loaded = bySlugAndVersion.get(key(pack));
    return loaded == null || (loaded.pack() != pack && !loaded.pack().equals(pack)) ? null : loaded;
  }

  private static LoadedPack readText(String text) {
    List<String> problems = new ArrayList<>();
    List<LoadedPack> read =
        PackLoader.load(
            List.of(new PackFile("accepted", text.getBytes(StandardCharsets.UTF_8))), problems);
    if (!problems.isEmpty() || read.isEmpty()) {
      throw refused(problems.isEmpty() ? List.of("accepted: / : no pack") : problems);
    }
    return read.get(0);
  }

  private static PackPatchException refused(PackValidationException e) {
    return refused(e.problems());
  }

  private static PackPatchException refused(List<String> problems) {
    return new PackPatchException(
        problems.stream().limit(50).map(p -> new Problem("", Problem.clip(p))).toList());
  }

  private static VerticalPack patch(LoadedPack loaded, String patch) {
    List<Problem> found = new ArrayList<>();
    Problems problems = new Problems(NAME, new ArrayList<>(), found);
    Map<String, Integer> lines = new HashMap<>();
    JsonNode root = YamlTree.read(patch.getBytes(StandardCharsets.UTF_8), problems, lines);
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
      // Each problem on the line of its value in the patch, or of what holds it there.
      throw new PackPatchException(
          found, found.stream().map(p -> PackFileCheck.line(p, lines)).toList());
    }
    return merged.pack();
  }

  private static String key(VerticalPack pack) {
    return pack.slug() + "@" + pack.version();
  }
}
