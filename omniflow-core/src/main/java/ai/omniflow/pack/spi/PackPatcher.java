package ai.omniflow.pack.spi;

import ai.omniflow.pack.VerticalPack;

/**
 * Merges an org's override patch over a pack of its source, the way the source merges override
 * files, and checks the result as a whole pack (docs/verticals.md, "An org's own override"). A
 * {@link PackSource} that can offers one through {@link PackSource#patcher()}; core stores the
 * patches and asks the patcher when an org saves one and when it needs the org's pack.
 *
 * <pre>{@code
 * VerticalPack mine = source.patcher().orElseThrow().patch(realEstate, "scoring:\n  rules:\n    - {key: pre_approved, points: 25}\n");
 * }</pre>
 *
 * <p>Implementations must be thread-safe and pure: the same base and patch give an equal pack.
 */
@FunctionalInterface
public interface PackPatcher {
  /**
   * {@code base} with {@code patch} merged over it. The result keeps the base's slug and version.
   *
   * @param base a pack of the source that made this patcher
   * @param patch YAML or JSON text, bounded by the caller
   * @throws PackPatchException with every problem, each at its path in the patch (or in the base,
   *     saying so, where the patch leaves a value the merge breaks), if the patch is malformed or
   *     the merged pack is not valid, or {@code base} is not a pack this patcher can merge over
   */
  VerticalPack patch(VerticalPack base, String patch);
}
