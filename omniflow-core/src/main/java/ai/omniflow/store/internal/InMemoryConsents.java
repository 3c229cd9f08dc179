package ai.omniflow.store.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.contacts.ConsentEntry;
import ai.omniflow.contacts.Contact;
import ai.omniflow.store.spi.ConsentRepository;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The {@link ConsentRepository} of one in-memory transaction: an append-only list. Not thread-safe:
 * the store's lock guards it.
 */
final class InMemoryConsents implements ConsentRepository {
  private final InMemoryTables tables;
  private final InMemoryContext tx;
  private final UUID org;

  InMemoryConsents(InMemoryTables tables, InMemoryContext tx) {
    this.tables = tables;
    this.tx = tx;
    this.org = tx.org();
  }

  @Override
  public void append(ConsentEntry entry) {
    tx.requireOrg(entry.orgId(), "the consent entry");
    Contact c = tables.contacts.get(entry.contactId());
    if (c == null || !c.orgId().equals(org)) {
      throw OmniFlowException.notFound("The contact");
    }
    tx.append(tables.consents, new Sequenced<>(tables.nextSequence(), entry.at(), entry));
  }

  @Override
  public List<ConsentEntry> newest(UUID contactId, int limit) {
    Objects.requireNonNull(contactId, "contactId");
    if (limit < 1 || limit > MAX_NEWEST) {
      throw new IllegalArgumentException("limit must be 1 to " + MAX_NEWEST);
    }
    tx.requireOpen();
    return tables.consents.stream()
        .filter(s -> s.value().orgId().equals(org) && s.value().contactId().equals(contactId))
        .sorted(
            Comparator.<Sequenced<ConsentEntry>, Instant>comparing(Sequenced::at)
                .thenComparingLong(Sequenced::seq)
                .reversed())
        .limit(limit)
        .map(Sequenced::value)
        .toList();
  }
}
