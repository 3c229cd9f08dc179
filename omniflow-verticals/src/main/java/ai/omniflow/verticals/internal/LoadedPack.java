package ai.omniflow.verticals.internal;

import ai.omniflow.pack.VerticalPack;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A valid pack and the file it came from, so that a later problem (a slug used twice) can name both
 * files, with the tree it was read from, so that an override can be merged over it.
 *
 * @param file the name of the file the pack was read from
 * @param pack the pack
 * @param tree the file's tree (for an override, the merged tree), or {@code null} for a pack that
 *     was not read from a file
 */
public record LoadedPack(String file, VerticalPack pack, @Nullable JsonNode tree) {
  public LoadedPack {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(pack, "pack");
    tree = tree == null ? null : tree.deepCopy();
  }

  /** A copy of the file's tree, or {@code null} for a pack that was not read from a file. */
  @Override
  public @Nullable JsonNode tree() {
    return tree == null ? null : tree.deepCopy();
  }

  /** A pack that was not read from a file. */
  public LoadedPack(String file, VerticalPack pack) {
    this(file, pack, null);
  }
}
