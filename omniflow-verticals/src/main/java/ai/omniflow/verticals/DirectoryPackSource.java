package ai.omniflow.verticals;

import ai.omniflow.pack.VerticalPack;
import ai.omniflow.pack.spi.PackPatcher;
import ai.omniflow.pack.spi.PackSource;
import ai.omniflow.pack.spi.PackTexts;
import ai.omniflow.verticals.internal.LoadedPack;
import ai.omniflow.verticals.internal.OrgPatcher;
import ai.omniflow.verticals.internal.PackFile;
import ai.omniflow.verticals.internal.PackLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A host's own vertical packs: every {@code *.yaml} and {@code *.yml} file directly in one folder,
 * read in file-name order and validated when the source is made. Other files, sub-folders and
 * hidden files (names starting with {@code .}) are ignored. Problems are reported under each file's
 * path. A file with a top-level {@code base} is an override: a patch over another pack, of this
 * folder or of the {@code bases} given, merged and then validated as a whole pack
 * (docs/verticals.md, "Overriding a pack").
 *
 * <pre>{@code
 * ClasspathPackSource shipped = ClasspathPackSource.shipped();
 * PackSource packs = CombinedPackSource.of(
 *     shipped, DirectoryPackSource.of(Path.of("/etc/omniflow/packs"), shipped));
 * OmniFlow omniFlow = OmniFlow.builder().packSource(packs).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe: the folder is read once, by {@link #of(Path)}; later changes to it
 * are not seen.
 */
public final class DirectoryPackSource implements PackSource {
  private final Path dir;
  private final List<LoadedPack> loaded;
  private final List<VerticalPack> packs;
  private final OrgPatcher patcher;

  private DirectoryPackSource(Path dir, List<LoadedPack> loaded) {
    this.dir = dir;
    this.loaded = List.copyOf(loaded);
    this.packs = this.loaded.stream().map(LoadedPack::pack).toList();
    this.patcher = new OrgPatcher(this.loaded);
  }

  /**
   * Reads and validates every {@code *.yaml} and {@code *.yml} file in {@code dir}. A folder with
   * none gives a source with no packs. Overrides in the folder may build on the folder's packs and
   * on those of {@code bases} (a {@link ClasspathPackSource}, {@link DirectoryPackSource} or {@link
   * CombinedPackSource} of them: a base must have been read from a file); the packs of {@code
   * bases} are not this source's packs.
   *
   * @throws IllegalArgumentException if {@code dir} is not a folder
   * @throws UncheckedIOException if the folder or a file in it cannot be read
   * @throws PackValidationException with every problem in every file, if any is invalid, an
   *     override names no pack of the folder or the bases, or two share a slug
   */
  public static DirectoryPackSource of(Path dir, PackSource... bases) {
    Objects.requireNonNull(dir, "dir");
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("'" + dir + "' is not a folder");
    }
    List<LoadedPack> basePacks = new ArrayList<>();
    for (int i = 0; i < bases.length; i++) {
      basePacks.addAll(
          CombinedPackSource.loaded(Objects.requireNonNull(bases[i], "bases contains null"), i));
    }
    List<Path> paths;
    try (Stream<Path> entries = Files.list(dir)) {
      paths =
          entries
              .filter(p -> isPackFile(p.getFileName().toString()))
              .filter(Files::isRegularFile)
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("could not list the folder '" + dir + "'", e);
    }
    List<PackFile> files = new ArrayList<>();
    for (Path path : paths) {
      try {
        files.add(new PackFile(path.toString(), Files.readAllBytes(path)));
      } catch (IOException e) {
        throw new UncheckedIOException("could not read '" + path + "'", e);
      }
    }
    List<String> problems = new ArrayList<>();
    List<LoadedPack> loaded = PackLoader.load(files, basePacks, true, problems);
    if (!problems.isEmpty()) {
      throw new PackValidationException(problems);
    }
    return new DirectoryPackSource(dir, loaded);
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

  /** The packs with the file each came from. */
  List<LoadedPack> loaded() {
    return loaded;
  }

  @Override
  public String toString() {
    return "DirectoryPackSource[" + dir + "]";
  }

  private static boolean isPackFile(String name) {
    return (name.endsWith(".yaml") || name.endsWith(".yml")) && !name.startsWith(".");
  }
}
