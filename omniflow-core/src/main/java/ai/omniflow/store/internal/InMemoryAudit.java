package ai.omniflow.store.internal;

import ai.omniflow.Page;
import ai.omniflow.PageRequest;
import ai.omniflow.audit.AuditEntry;
import ai.omniflow.store.spi.AuditRepository;
import java.util.UUID;

/**
 * The {@link AuditRepository} of one in-memory transaction. Not thread-safe: the store's lock
 * guards it.
 */
final class InMemoryAudit implements AuditRepository {
  private final InMemoryTables tables;
  private final InMemoryContext tx;
  private final UUID org;

  InMemoryAudit(InMemoryTables tables, InMemoryContext tx) {
    this.tables = tables;
    this.tx = tx;
    this.org = tx.org();
  }

  @Override
  public void append(AuditEntry entry) {
    tx.requireOrg(entry.orgId(), "the audit entry");
    tx.append(tables.audit, new Sequenced<>(tables.nextSequence(), entry.occurredAt(), entry));
  }

  @Override
  public Page<AuditEntry> list(PageRequest page) {
    tx.requireOpen();
    return InMemoryTables.newestFirst(tables.audit, a -> a.orgId().equals(org), page);
  }
}
