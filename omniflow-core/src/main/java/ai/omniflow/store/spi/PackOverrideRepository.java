package ai.omniflow.store.spi;

import ai.omniflow.pack.PackOverride;
import java.util.Optional;

/**
 * The transaction's org's own override of its pack (docs/verticals.md, "An org's own override"): at
 * most one per org. Core checks the patch as a whole pack before saving it; the store keeps it as
 * given. Reads and writes see the transaction's org only.
 */
public interface PackOverrideRepository {
  /** The org's override, if it has one. */
  Optional<PackOverride> find();

  /**
   * Inserts the org's override, or replaces the one it has.
   *
   * @throws IllegalArgumentException if it is of another org
   */
  void save(PackOverride override);

  /**
   * Deletes the org's override.
   *
   * @return whether there was one
   */
  boolean delete();
}
