package ai.omniflow.verticals.internal;

import ai.omniflow.pack.VerticalPack;
import java.util.Objects;

/**
 * A valid pack and the file it came from, so that a later problem (a slug used twice) can name both
 * files.
 *
 * @param file the name of the file the pack was read from
 * @param pack the pack
 */
public record LoadedPack(String file, VerticalPack pack) {
  public LoadedPack {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(pack, "pack");
  }
}
