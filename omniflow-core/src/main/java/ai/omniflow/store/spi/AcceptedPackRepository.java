package ai.omniflow.store.spi;

import ai.omniflow.pack.AcceptedPack;
import java.util.Optional;

/**
 * The pack version the transaction's org accepted, as the text of its pack file (decision 0080): at
 * most one per org, replaced when the org selects a pack or accepts an upgrade. Reads and writes
 * see the transaction's org only.
 */
public interface AcceptedPackRepository {
  /** The org's accepted pack, if one was kept. */
  Optional<AcceptedPack> find();

  /**
   * Inserts the org's accepted pack, or replaces the one it has.
   *
   * @throws IllegalArgumentException if it is of another org
   */
  void save(AcceptedPack accepted);

  /**
   * Keeps {@code accepted} as the org's accepted pack only if the org's row still names its slug
   * and version as the org's pack, read under a lock that a concurrent change of the org's pack
   * waits for (or that waits for it, and then finds it changed), and no text of that slug and
   * version is kept: a text kept of another version is replaced, one of that version is left as it
   * is (decision 0085). Running it again changes nothing.
   *
   * @return whether it wrote
   * @throws IllegalArgumentException if it is of another org
   */
  boolean keepIfMissing(AcceptedPack accepted);
}
