package ai.omniflow.pack.spi;

import ai.omniflow.pack.PackChange;
import ai.omniflow.pack.VerticalPack;
import java.util.List;
import java.util.Optional;

/**
 * Pack files as text, so that an org keeps the pack version it accepted after the catalog moves on
 * (docs/verticals.md, "Upgrades offered to orgs", decision 0080): the text a pack of the source was
 * read from, the pack such a text holds (even one a later release no longer ships), an org's patch
 * merged over it, and what one text changes from another. A {@link PackSource} that can offers one
 * through {@link PackSource#texts()}.
 *
 * <pre>{@code
 * String accepted = texts.text(realEstate).orElseThrow();   // kept with the org
 * VerticalPack same = texts.read(accepted);                 // after the host upgrades
 * }</pre>
 *
 * <p>Implementations must be thread-safe and pure.
 */
public interface PackTexts {
  /** The text of the file {@code pack} was read from, if this source read it from one. */
  Optional<String> text(VerticalPack pack);

  /**
   * The pack {@code text} holds, checked as a pack file is.
   *
   * @throws PackPatchException with every problem if it is not a valid pack
   */
  VerticalPack read(String text);

  /**
   * {@code patch} merged over the pack {@code baseText} holds, as {@link PackPatcher#patch} merges
   * it over a pack of the source.
   *
   * @throws PackPatchException with every problem, as {@link PackPatcher#patch} does
   */
  VerticalPack patch(String baseText, String patch);

  /**
   * What the pack {@code newText} holds changes from the one {@code oldText} holds, item by item.
   *
   * @throws PackPatchException with every problem if either is not a valid pack
   */
  List<PackChange> diff(String oldText, String newText);
}
