package ai.omniflow.verticals;

import ai.omniflow.pack.VerticalPack;
import ai.omniflow.pack.spi.PackSource;
import ai.omniflow.verticals.internal.LoadedPack;
import ai.omniflow.verticals.internal.PackFile;
import ai.omniflow.verticals.internal.PackLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A host's own vertical packs: every {@code *.yaml} file directly in one folder, read in file-name
 * order and validated when the source is made. Other files, sub-folders and hidden files (names
 * starting with {@code .}) are ignored. Problems are reported under each file's path.
 *
 * <pre>{@code
 * PackSource packs = CombinedPackSource.of(
 *     ClasspathPackSource.shipped(), DirectoryPackSource.of(Path.of("/etc/omniflow/packs")));
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

  private DirectoryPackSource(Path dir, List<LoadedPack> loaded) {
    this.dir = dir;
    this.loaded = List.copyOf(loaded);
    this.packs = this.loaded.stream().map(LoadedPack::pack).toList();
  }

  /**
   * Reads and validates every {@code *.yaml} file in {@code dir}. A folder with none gives a source
   * with no packs.
   *
   * @throws IllegalArgumentException if {@code dir} is not a folder
   * @throws UncheckedIOException if the folder or a file in it cannot be read
   * @throws PackValidationException with every problem in every file, if any is invalid or two
   *     share a slug
   */
  public static DirectoryPackSource of(Path dir) {
    Objects.requireNonNull(dir, "dir");
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("'" + dir + "' is not a folder");
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
    List<LoadedPack> loaded = PackLoader.load(files, problems);
    if (!problems.isEmpty()) {
      throw new PackValidationException(problems);
    }
    return new DirectoryPackSource(dir, loaded);
  }

  @Override
  public List<VerticalPack> packs() {
    return packs;
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
    return name.endsWith(".yaml") && !name.startsWith(".");
  }
}
