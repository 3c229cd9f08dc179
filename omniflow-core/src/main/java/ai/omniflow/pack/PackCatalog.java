package ai.omniflow.pack;

import ai.omniflow.OmniFlowException;
import ai.omniflow.pack.spi.PackSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The vertical packs available to orgs, by slug, each checked by {@link PackValidator}. Engines
 * read a pack through its {@link CompiledPack}, compiled once per pack version. Immutable and
 * thread-safe.
 *
 * <pre>{@code
 * PackCatalog catalog = PackCatalog.of(ClasspathPackSource.shipped());
 * VerticalPack pack = catalog.require("real-estate");
 * }</pre>
 */
public final class PackCatalog {
  private final Map<String, VerticalPack> bySlug;

  private PackCatalog(Map<String, VerticalPack> bySlug) {
    this.bySlug = Collections.unmodifiableMap(bySlug);
  }

  /**
   * @throws IllegalArgumentException if two packs share a slug, or a pack breaks a rule of {@link
   *     PackValidator} (the message names the pack, the path and the problem)
   */
  public static PackCatalog of(List<VerticalPack> packs) {
    Map<String, VerticalPack> map = new LinkedHashMap<>();
    for (VerticalPack p : packs) {
      PackValidator.requireValid(p);
      if (map.putIfAbsent(p.slug(), p) != null) {
        throw new IllegalArgumentException("two packs have the slug '" + p.slug() + "'");
      }
    }
    return new PackCatalog(map);
  }

  public static PackCatalog of(PackSource source) {
    return of(source.packs());
  }

  public static PackCatalog empty() {
    return new PackCatalog(Map.of());
  }

  /** Every pack, in the order the source gave them. */
  public List<VerticalPack> all() {
    return new ArrayList<>(bySlug.values());
  }

  public Optional<VerticalPack> find(String slug) {
    return Optional.ofNullable(bySlug.get(slug));
  }

  /**
   * @throws OmniFlowException {@code unknown_pack} (invalid input) if no pack has that slug
   */
  public VerticalPack require(String slug) {
    VerticalPack pack = bySlug.get(slug);
    if (pack == null) {
      throw OmniFlowException.invalidInput(
          PackErrors.UNKNOWN_PACK,
          "No vertical pack has the slug '" + slug + "'; available: " + bySlug.keySet() + ".");
    }
    return pack;
  }
}
