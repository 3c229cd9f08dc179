package ai.omniflow.store.internal;

import ai.omniflow.pack.PackOverride;
import ai.omniflow.store.spi.PackOverrideRepository;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@link PackOverrideRepository} of one in-memory transaction: the org's override of its pack.
 * Not thread-safe: the store's lock guards it.
 */
final class InMemoryPackOverrides implements PackOverrideRepository {
  private final InMemoryTables tables;
  private final InMemoryContext tx;
  private final UUID org;

  InMemoryPackOverrides(InMemoryTables tables, InMemoryContext tx) {
    this.tables = tables;
    this.tx = tx;
    this.org = tx.org();
  }

  @Override
  public Optional<PackOverride> find() {
    tx.requireOpen();
    return Optional.ofNullable(tables.packOverrides.get(org));
  }

  @Override
  public void save(PackOverride override) {
    tx.requireOrg(override.orgId(), "the pack override");
    tx.put(tables.packOverrides, org, override);
  }

  @Override
  public boolean delete() {
    tx.requireOpen();
    if (!tables.packOverrides.containsKey(org)) {
      return false;
    }
    tx.remove(tables.packOverrides, org);
    return true;
  }
}
