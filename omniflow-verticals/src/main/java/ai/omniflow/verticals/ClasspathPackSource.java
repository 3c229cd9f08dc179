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
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Vertical packs read from YAML resources on the classpath, validated when the source is made.
 * {@link #shipped()} gives the packs OmniFlow ships, {@code generic} and {@code real-estate}, which
 * are listed in the resource {@value #SHIPPED_INDEX} so they are found without scanning the
 * classpath.
 *
 * <pre>{@code
 * OmniFlow omniFlow = OmniFlow.builder().packSource(ClasspathPackSource.shipped()).build();
 *
 * // a host's packs, bundled in its own jar
 * PackSource own = ClasspathPackSource.of(getClass().getClassLoader(), "packs/dentist.yaml");
 * }</pre>
 *
 * <p>Immutable and thread-safe: {@link #packs()} returns the same packs every time.
 */
public final class ClasspathPackSource implements PackSource {
  /** The folder of the shipped packs, as a resource path. */
  public static final String SHIPPED_FOLDER = "ai/omniflow/verticals/packs/";

  /**
   * The resource listing the shipped packs: one file name (relative to {@link #SHIPPED_FOLDER}) a
   * line; blank lines and lines starting with {@code #} are ignored.
   */
  public static final String SHIPPED_INDEX = "ai/omniflow/verticals/packs/index.txt";

  private final List<LoadedPack> loaded;
  private final List<VerticalPack> packs;
  private final OrgPatcher patcher;

  private ClasspathPackSource(List<LoadedPack> loaded) {
    this.loaded = List.copyOf(loaded);
    this.packs = this.loaded.stream().map(LoadedPack::pack).toList();
    this.patcher = new OrgPatcher(this.loaded);
  }

  /**
   * The packs OmniFlow ships: {@code generic} and {@code real-estate}, in that order.
   *
   * @throws PackValidationException if a shipped pack is invalid (a bug in this release)
   */
  public static ClasspathPackSource shipped() {
    ClassLoader loader = ClasspathPackSource.class.getClassLoader();
    List<String> paths = new ArrayList<>();
    for (String line : lines(loader, SHIPPED_INDEX)) {
      String name = line.strip();
      if (!name.isEmpty() && !name.startsWith("#")) {
        paths.add(SHIPPED_FOLDER + name);
      }
    }
    return of(loader, paths.toArray(new String[0]));
  }

  /**
   * The packs in the given resources, in that order. Each path is as {@link
   * ClassLoader#getResource(String)} takes it ({@code packs/dentist.yaml}); a leading {@code /} is
   * ignored. Problems are reported under the path as given.
   *
   * @throws IllegalArgumentException if a resource does not exist
   * @throws UncheckedIOException if a resource cannot be read
   * @throws PackValidationException with every problem in every file, if any is invalid or two
   *     share a slug
   */
  public static ClasspathPackSource of(ClassLoader loader, String... resourcePaths) {
    Objects.requireNonNull(loader, "loader");
    List<PackFile> files = new ArrayList<>();
    for (String path : resourcePaths) {
      Objects.requireNonNull(path, "resourcePaths contains null");
      files.add(new PackFile(path, read(loader, path)));
    }
    List<String> problems = new ArrayList<>();
    List<LoadedPack> loaded = PackLoader.load(files, problems);
    if (!problems.isEmpty()) {
      throw new PackValidationException(problems);
    }
    return new ClasspathPackSource(loaded);
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

  /** The packs with the resource each came from. */
  List<LoadedPack> loaded() {
    return loaded;
  }

  @Override
  public String toString() {
    return "ClasspathPackSource" + loaded.stream().map(LoadedPack::file).toList();
  }

  private static byte[] read(ClassLoader loader, String path) {
    String resource = path.startsWith("/") ? path.substring(1) : path;
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no resource '" + resource + "' on the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("could not read resource '" + resource + "'", e);
    }
  }

  private static List<String> lines(ClassLoader loader, String path) {
    return new String(read(loader, path), StandardCharsets.UTF_8).lines().toList();
  }
}
