package ai.omniflow.store.internal;

import ai.omniflow.pack.AcceptedPack;
import ai.omniflow.store.spi.AcceptedPackRepository;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@link AcceptedPackRepository} of one in-memory transaction: the org's accepted pack. Not
 * thread-safe: the store's lock guards it.
 */
final class InMemoryAcceptedPacks implements AcceptedPackRepository {
  private final InMemoryTables tables;
  private final InMemoryContext tx;
  private final UUID org;

  InMemoryAcceptedPacks(InMemoryTables tables, InMemoryContext tx) {
    this.tables = tables;
    this.tx = tx;
    this.org = tx.org();
  }

  @Override
  public Optional<AcceptedPack> find() {
    tx.requireOpen();
    return Optional.ofNullable(tables.acceptedPacks.get(org));
  }

  @Override
  public void save(AcceptedPack accepted) {
    tx.requireOrg(accepted.orgId(), "the accepted pack");
    tx.put(tables.acceptedPacks, org, accepted);
  }

  @Override
  public boolean keepIfMissing(AcceptedPack accepted) {
    tx.requireOrg(accepted.orgId(), "the accepted pack");
    // The store's lock is held for the whole transaction: nothing changes the org meanwhile.
    var o = tables.orgs.get(org);
    AcceptedPack kept = tables.acceptedPacks.get(org);
    if (o == null
        || !accepted.slug().equals(o.packSlug())
        || !accepted.version().equals(o.packVersion())
        || (kept != null
            && kept.slug().equals(accepted.slug())
            && kept.version().equals(accepted.version()))) {
      return false;
    }
    tx.put(tables.acceptedPacks, org, accepted);
    return true;
  }
}
