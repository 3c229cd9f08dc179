package ai.omniflow.verticals;

import ai.omniflow.pack.VerticalPack;
import ai.omniflow.pack.spi.PackSource;
import ai.omniflow.verticals.internal.LoadedPack;
import ai.omniflow.verticals.internal.PackLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

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
  private final List<VerticalPack> packs;

  private CombinedPackSource(List<VerticalPack> packs) {
    this.packs = List.copyOf(packs);
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
      PackSource source = Objects.requireNonNull(sources[i], "sources contains null");
      if (source instanceof ClasspathPackSource classpath) {
        all.addAll(classpath.loaded());
      } else if (source instanceof DirectoryPackSource directory) {
        all.addAll(directory.loaded());
      } else {
        String name = "source " + (i + 1) + " (" + source.getClass().getSimpleName() + ")";
        for (VerticalPack pack : source.packs()) {
          all.add(new LoadedPack(name, pack));
        }
      }
    }
    List<String> problems = new ArrayList<>();
    PackLoader.checkSlugsUnique(all, problems);
    if (!problems.isEmpty()) {
      throw new PackValidationException(problems);
    }
    return new CombinedPackSource(all.stream().map(LoadedPack::pack).toList());
  }

  @Override
  public List<VerticalPack> packs() {
    return packs;
  }
}
