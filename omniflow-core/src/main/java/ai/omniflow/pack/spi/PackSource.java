package ai.omniflow.pack.spi;

import ai.omniflow.pack.VerticalPack;
import java.util.List;
import java.util.Optional;

/**
 * Supplies vertical packs. Implementations load and validate their packs before returning them and
 * throw (naming the file, the path inside it and the problem) rather than return a pack that is
 * wrong.
 *
 * <pre>{@code
 * OmniFlow.builder().packSource(ClasspathPackSource.shipped())...
 * }</pre>
 *
 * <p>Implementations must be thread-safe; {@link #packs()} is called once, when OmniFlow is built.
 */
@FunctionalInterface
public interface PackSource {
  /**
   * @return every pack this source offers; slugs must be unique
   * @throws RuntimeException if a pack cannot be loaded or is invalid
   */
  List<VerticalPack> packs();

  /**
   * What merges an org's override patch over this source's packs, if the source can (the YAML
   * sources of {@code omniflow-verticals} can); without one, orgs cannot save overrides.
   */
  default Optional<PackPatcher> patcher() {
    return Optional.empty();
  }

  /**
   * The source's packs as text, if the source can give them (the YAML sources of {@code
   * omniflow-verticals} can); without it, an org follows the catalog's version of its pack instead
   * of keeping the one it accepted.
   */
  default Optional<PackTexts> texts() {
    return Optional.empty();
  }
}
