package ai.omniflow.verticals;

import ai.omniflow.pack.VerticalPack;
import ai.omniflow.pack.spi.PackPatcher;
import ai.omniflow.pack.spi.PackSource;
import ai.omniflow.pack.spi.PackTexts;
import ai.omniflow.verticals.internal.LoadedPack;
import ai.omniflow.verticals.internal.OrgPatcher;
import ai.omniflow.verticals.internal.PackLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The packs of several sources as one, e.g. the shipped packs and a host's own. Each source's
 * {@link PackSource#packs()} is called once, when this is made; a slug used twice is refused,
 * naming both files (for sources of this package; another source is named by its place and class,
 * e.g. {@code source 3 (MyPackSource)}).
 *
 * <pre>{@code
 * PackSource packs = CombinedPackSource.of(
 *     ClasspathPackSource.shipped(), DirectoryPackSource.of(Path.of("packs")));
 * OmniFlow omniFlow = OmniFlow.builder().packSource(packs).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class CombinedPackSource implements PackSource {
  private final List<LoadedPack> loaded;
  private final List<VerticalPack> packs;
  private final OrgPatcher patcher;

  private CombinedPackSource(List<LoadedPack> loaded) {
    this.loaded = List.copyOf(loaded);
    this.packs = this.loaded.stream().map(LoadedPack::pack).toList();
    this.patcher = new OrgPatcher(this.loaded);
  }

  /**
   * The packs of {@code sources}, in that order.
   *
   * @throws PackValidationException if two packs share a slug
   * @throws RuntimeException whatever a source throws
   */
  public static CombinedPackSource of(PackSource... sources) {
    List<LoadedPack> all = new ArrayList<>();
    for (int i = 0; i < sources.length; i++) {
      all.addAll(loaded(Objects.requireNonNull(sources[i], "sources contains null"), i));
    }
    List<String> problems = new ArrayList<>();
    PackLoader.checkSlugsUnique(all, problems);
    if (!problems.isEmpty()) {
      throw new PackValidationException(problems);
    }
    return new CombinedPackSource(all);
  }

  /**
   * The packs of {@code source} with the files they came from; a source of another kind is named by
   * its place ({@code index} from 0) and class, and its packs have no tree.
   */
  static List<LoadedPack> loaded(PackSource source, int index) {
    if (source instanceof ClasspathPackSource classpath) {
      return classpath.loaded();
    }
    if (source instanceof DirectoryPackSource directory) {
      return directory.loaded();
    }
    if (source instanceof CombinedPackSource combined) {
      return combined.loaded;
    }
    String name = "source " + (index + 1) + " (" + source.getClass().getSimpleName() + ")";
    List<LoadedPack> packs = new ArrayList<>();
    for (VerticalPack pack : source.packs()) {
      packs.add(new LoadedPack(name, pack));
    }
    return packs;
  }

  @Override
  public List<VerticalPack> packs() {
    return packs;
  }

  /**
   * Merges an org's override over a pack of this source (docs/verticals.md, "An org's own
   * override").
   */
  @Override
  public Optional<PackPatcher> patcher() {
    return Optional.of(patcher);
  }

  /** This source's packs as the JSON of their files, to keep an org's accepted version. */
  @Override
  public Optional<PackTexts> texts() {
    return Optional.of(patcher);
  }
}
