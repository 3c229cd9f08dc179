package ai.omniflow.store.internal;

import ai.omniflow.Page;
import ai.omniflow.PageRequest;
import ai.omniflow.events.DomainEvent;
import ai.omniflow.store.spi.EventRepository;
import java.util.UUID;

/**
 * The {@link EventRepository} of one in-memory transaction. Not thread-safe: the store's lock
 * guards it.
 */
final class InMemoryEvents implements EventRepository {
  private final InMemoryTables tables;
  private final InMemoryContext tx;
  private final UUID org;

  InMemoryEvents(InMemoryTables tables, InMemoryContext tx) {
    this.tables = tables;
    this.tx = tx;
    this.org = tx.org();
  }

  @Override
  public void append(DomainEvent event) {
    tx.requireOrg(event.orgId(), "the event");
    tx.append(tables.events, new Sequenced<>(tables.nextSequence(), event.occurredAt(), event));
  }

  @Override
  public Page<DomainEvent> list(PageRequest page) {
    tx.requireOpen();
    return InMemoryTables.newestFirst(tables.events, e -> e.orgId().equals(org), page);
  }
}
