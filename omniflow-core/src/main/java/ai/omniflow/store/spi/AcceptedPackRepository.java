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
}
