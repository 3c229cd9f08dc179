package ai.omniflow.store.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.store.spi.OrgRepository;
import ai.omniflow.tenancy.Org;
import ai.omniflow.tenancy.TenancyErrors;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@link OrgRepository} of one in-memory transaction. Not thread-safe: the store's lock guards
 * it.
 */
final class InMemoryOrgs implements OrgRepository {
  private final InMemoryTables tables;
  private final InMemoryContext tx;
  private final UUID org;

  InMemoryOrgs(InMemoryTables tables, InMemoryContext tx) {
    this.tables = tables;
    this.tx = tx;
    this.org = tx.org();
  }

  @Override
  public Optional<Org> current() {
    tx.requireOpen();
    return Optional.ofNullable(tables.orgs.get(org));
  }

  @Override
  public void insert(Org o) {
    tx.requireOrg(o.id(), "the org");
    if (tables.orgs.containsKey(o.id())) {
      throw OmniFlowException.conflict(TenancyErrors.ORG_EXISTS, "The org exists already.");
    }
    tx.put(tables.orgs, o.id(), o);
  }

  @Override
  public void update(Org o) {
    tx.requireOrg(o.id(), "the org");
    Org old = tables.orgs.get(o.id());
    if (old == null) {
      throw OmniFlowException.notFound("The org");
    }
    tx.put(tables.orgs, o.id(), o);
  }
}
